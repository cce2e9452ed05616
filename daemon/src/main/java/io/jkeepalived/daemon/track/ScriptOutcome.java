package io.jkeepalived.daemon.track;

/** How one run of a {@code vrrp_script} ended, as keepalived's child reaper tells the cases apart. */
public sealed interface ScriptOutcome {
    /** The script exited: 0 is success, anything else a failure. */
    record Exited(int status) implements ScriptOutcome {
    }

    /** Killed by a signal we did not send: a failure "due to signal". */
    record Signalled(int signal) implements ScriptOutcome {
    }

    /** Still running at {@code timeout}, so it was terminated: a failure keepalived logs as "timed_out". */
    record TimedOut() implements ScriptOutcome {
    }

    /** The script could not be started at all (fork/exec failed): keepalived counts nothing for it. */
    record NotStarted(String reason) implements ScriptOutcome {
    }
}
