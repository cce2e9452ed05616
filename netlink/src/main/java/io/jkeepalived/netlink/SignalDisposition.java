package io.jkeepalived.netlink;

import java.io.IOException;

/**
 * What the process does with a signal before the JVM handles it. For the daemon's SIGHUP (reload): a process started
 * with it ignored (nohup, some supervisors) would otherwise keep it ignored for its whole life, because HotSpot does
 * not install a handler over an inherited SIG_IGN.
 */
public final class SignalDisposition {
    /** SIGHUP's number on Linux. */
    public static final int SIGHUP = 1;

    private SignalDisposition() {
    }

    /** Whether {@code signum} is ignored (SIG_IGN) now. */
    public static boolean ignored(int signum) throws IOException {
        return SignalCalls.handler(signum) == SignalCalls.SIG_IGN;
    }

    /**
     * Resets {@code signum} to its default action when it is ignored, so that a handler can then be installed.
     *
     * @return whether it was ignored (and is now at its default)
     * @throws IOException naming sigaction and the errno (an invalid signal number: EINVAL)
     */
    public static boolean resetIfIgnored(int signum) throws IOException {
        if (SignalCalls.handler(signum) != SignalCalls.SIG_IGN) {
            return false;
        }
        SignalCalls.set(signum, SignalCalls.SIG_DFL);
        return true;
    }

    /** Ignores {@code signum} (SIG_IGN); for tests that need a signal ignored as nohup leaves it. */
    public static void ignore(int signum) throws IOException {
        SignalCalls.set(signum, SignalCalls.SIG_IGN);
    }
}
