package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;

import java.util.List;

/**
 * A snapshot of one real server's health for dumps and metrics ({@link CheckerEngine#status()}).
 *
 * @param up       in the pool (no checker down)
 * @param weight   the configured weight, or the one a dynamic check asked for
 * @param checkers one entry per running checker, in configuration order
 */
public record RealServerStatus(VirtualServer virtualServer, RealServer realServer, String name, boolean up, int weight,
                               List<CheckerStatus> checkers) {
    public RealServerStatus {
        checkers = List.copyOf(checkers);
    }

    /**
     * One checker of a real server.
     *
     * @param consecutiveFailures failed attempts in a row (0 after a success)
     * @param checks              attempts finished since start
     * @param lastLatencyNanos    how long the last attempt took, or -1 before the first
     * @param lastLatenessNanos   how late (versus its schedule) the last attempt started, or -1 before the first
     */
    public record CheckerStatus(String keyword, boolean up, long consecutiveFailures, long checks,
                                long lastLatencyNanos, long lastLatenessNanos) {
    }
}
