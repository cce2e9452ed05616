package io.jkeepalived.daemon;

import java.util.ArrayList;
import java.util.List;

/**
 * The order the running subsystems stop in on SIGTERM. keepalived's parent signals its VRRP child first and its
 * checker child right after (main.c, children_term[] in sigend()), and the VRRP child's priority-0 advert goes out
 * within milliseconds while the checker child is still tearing down its IPVS services. So VRRP stops first here:
 * a backup takes the VIP over (after its skew time) before this node's IPVS table is emptied, and connections to
 * the VIP are never sent to a director whose table is already gone. The others stop after, in reverse start order.
 */
final class StopOrder {
    /** keepalived's name of the subsystem that stops first. */
    static final String FIRST = "VRRP";

    private StopOrder() {
    }

    /** {@code running} in the order to stop them. */
    static List<Subsystem> of(List<Subsystem> running) {
        List<Subsystem> order = new ArrayList<>();
        for (Subsystem s : running) {
            if (FIRST.equals(s.name())) {
                order.add(s);
            }
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            Subsystem s = running.get(i);
            if (!FIRST.equals(s.name())) {
                order.add(s);
            }
        }
        return order;
    }

    /** Stops every subsystem in that order; one that throws does not keep the others running. */
    static void stopAll(List<Subsystem> running) {
        for (Subsystem s : of(running)) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger("jkeepalived").info("Stopping {} failed: {}", s.name(), e.toString());
            }
        }
    }
}
