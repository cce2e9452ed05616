package io.jkeepalived.daemon;

import io.jkeepalived.netlink.SignalDisposition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIGHUP inherited as ignored (nohup, some supervisors) made reload by signal impossible: HotSpot installs no
 * handler over it. keepalived's sigaction of its handler overrides any inherited disposition; so does this, by
 * resetting it to its default natively before the handler is installed again.
 */
final class SighupReset {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived");

    private SighupReset() {
    }

    /** Resets an ignored SIGHUP and runs {@code install}; says in the log when that cannot be done. */
    static void reset(Runnable install) {
        try {
            if (SignalDisposition.resetIfIgnored(SignalDisposition.SIGHUP)) {
                install.run();
                LOG.info("SIGHUP was ignored by the process that started jkeepalived (nohup?): reset to its default,"
                        + " reload by SIGHUP enabled");
            }
            if (!SignalDisposition.ignored(SignalDisposition.SIGHUP)) {
                return;
            }
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            LOG.warn("Cannot reset SIGHUP's disposition: {}", e.getMessage());
        }
        LOG.warn("SIGHUP was ignored by the process that started jkeepalived (nohup?): reload by SIGHUP is not"
                + " possible in this run; start it with SIGHUP at its default (systemd does; or"
                + " 'env --default-signal=HUP jkeepalived ...')");
    }
}
