package io.jkeepalived.daemon.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts notify scripts as keepalived's system_call_script() does for a script that passed the security check:
 * exec'd directly (Debian's keepalived is built without libmagic, so no shell is involved), stdin/stdout/stderr on
 * /dev/null, as the script's user and group with the supplementary groups reduced to that group (setpriv, since
 * the JVM cannot change user between fork and exec).
 */
final class NotifyLauncher {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Pattern JDK_ERRNO = Pattern.compile("error=(\\d+), (.*)$");

    private final int ourUid;
    private final int ourGid;

    NotifyLauncher(int ourUid, int ourGid) {
        this.ourUid = ourUid;
        this.ourGid = ourGid;
    }

    /** Our uid/gid, read from /proc (the JDK does not expose them); root if unreadable. */
    static NotifyLauncher forThisProcess() {
        int uid = 0;
        int gid = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                } else if (line.startsWith("Gid:")) {
                    gid = Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: assume root, as the daemon must be to run VRRP
        }
        return new NotifyLauncher(uid, gid);
    }

    /** The command line that runs {@code args} as uid:gid. */
    List<String> command(List<String> args, int uid, int gid) {
        List<String> cmd = new ArrayList<>();
        if (uid != ourUid || gid != ourGid) {
            cmd.addAll(List.of(SETPRIV.toString(), "--reuid=" + uid, "--regid=" + gid, "--groups=" + gid, "--"));
        }
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Starts the script; null (after keepalived's log line) if it could not be started.
     */
    Process start(List<String> args, int uid, int gid) {
        if ((uid != ourUid || gid != ourGid) && !Files.isExecutable(SETPRIV)) {
            LOG.info("Couldn't setuid: {} (setpriv not found) - not running {}", uid, args.get(0));
            return null;
        }
        ProcessBuilder pb = new ProcessBuilder(command(args, uid, gid))
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return pb.start();
        } catch (IOException e) {
            Matcher m = JDK_ERRNO.matcher(String.valueOf(e.getMessage()));
            LOG.info("Error exec-ing command '{}', error {}: {}", args.get(0), m.find() ? m.group(1) : "?",
                    m.find(0) ? m.group(2) : e.getMessage());
            return null;
        }
    }

    /**
     * Waits for a script; true if it ended within {@code wait}. It is left running otherwise (keepalived never
     * kills a notify script; the JDK reaps it when it ends).
     */
    static boolean await(Process p, Duration wait) {
        try {
            return p.waitFor(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * keepalived's child_killed_thread(): SIGKILL to a script (and everything it started) still running at its
     * timeout; used for {@code notify_stop}, which keepalived gives one second.
     */
    static void kill(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        await(p, Duration.ofSeconds(1));
    }

    /** SIGTERM to a script and its descendants (keepalived's script_killall at shutdown). */
    static void terminate(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
    }
}
