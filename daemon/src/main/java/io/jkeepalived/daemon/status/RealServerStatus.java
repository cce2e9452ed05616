package io.jkeepalived.daemon.status;

/**
 * One real server as the checker engine sees it, for {@code /metrics} and {@code /status}.
 *
 * @param virtualServer        the virtual server, e.g. {@code "203.0.113.10:80/TCP"}
 * @param realServer           the real server, e.g. {@code "203.0.113.21:80"}
 * @param up                   true while its checks pass (it is in the IPVS table with its weight)
 * @param lastCheckLatencyNanos how long the last check took, or -1 when none has finished
 */
public record RealServerStatus(String virtualServer, String realServer, boolean up, long lastCheckLatencyNanos) {
}
