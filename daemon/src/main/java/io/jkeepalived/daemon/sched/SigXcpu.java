package io.jkeepalived.daemon.sched;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGXCPU, which the kernel sends once a real-time thread has run past RLIMIT_RTTIME's soft limit without blocking:
 * its default action would end the JVM with a core dump, keepalived logs it instead (signals.c log_sigxcpu), so
 * this does the same. The hard limit's SIGKILL cannot be caught, there keepalived's process is restarted by its
 * parent and jkeepalived by systemd.
 */
final class SigXcpu {
    private static final Logger LOG = LoggerFactory.getLogger(SigXcpu.class);
    private static boolean installed;

    private SigXcpu() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("XCPU"), s -> LOG.info(
                    "VRRP/Checker process has used too much CPU time, vrrp_rlimit_rttime/checker_rlimit_rttime may need to be increased"));
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot handle SIGXCPU ({}): a real-time thread past its soft RLIMIT_RTTIME ends the daemon",
                    e.getMessage());
        }
    }
}
