package io.jkeepalived.healthcheck;

import java.net.InetSocketAddress;

/**
 * Where and how a probe connects, with keepalived's defaults already applied ({@code conn_opts_t} after
 * validate_check_config): the checker's {@code connect_ip}/{@code connect_port}, else the real server's.
 *
 * @param connect             the address and port to probe
 * @param bindTo              {@code bindto}/{@code bind_port}, or null
 * @param bindInterface       {@code bind_if}, or null
 * @param fwmark              {@code fwmark} to set on the probe's socket (SO_MARK), or 0
 * @param connectTimeoutNanos {@code connect_timeout} (the checker's, else the real server's, else the virtual
 *                            server's, else 5 s)
 * @param realServer          the real server as keepalived names it in log lines: {@code [198.51.100.10]:tcp:80}
 * @param virtualServer       its virtual server as keepalived names it ({@code [198.51.100.1]:tcp:80}), or null
 */
public record ProbeTarget(InetSocketAddress connect, InetSocketAddress bindTo, String bindInterface, long fwmark,
                          long connectTimeoutNanos, String realServer, String virtualServer) {
    /** Without a virtual server name (tests of a single probe). */
    public ProbeTarget(InetSocketAddress connect, InetSocketAddress bindTo, String bindInterface, long fwmark,
                       long connectTimeoutNanos, String realServer) {
        this(connect, bindTo, bindInterface, fwmark, connectTimeoutNanos, realServer, null);
    }
}
