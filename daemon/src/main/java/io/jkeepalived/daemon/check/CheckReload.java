package io.jkeepalived.daemon.check;

import io.jkeepalived.conf.KeepalivedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's reload_check_thread for the checker side of this JVM, in its order: the plan is logged, the IPVS
 * table moves first (services that stay are edited in place, never deleted and re-added, so their connections
 * survive; real servers that stay keep their place), then the checks restart on the new configuration with the
 * state of every real server and checker that stays carried over, and the verdicts they publish are applied
 * before the reload returns.
 */
final class CheckReload {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived");

    private CheckReload() {
    }

    static void reload(HealthcheckService service, KeepalivedConfig next) throws Exception {
        KeepalivedConfig running = service.config();
        java.util.Set<String> asKeepalived = CheckReloadPlan.keepalivedLines(running, next);
        for (String line : CheckReloadPlan.lines(running, next)) {
            if (asKeepalived.contains(line)) {
                LOG.info(line); // keepalived's own words, for those who grep its log
            } else {
                LOG.info("Reload: {}", line);
            }
        }
        service.reloadReconciler(next);
        service.reloadEngine(next);
    }
}
