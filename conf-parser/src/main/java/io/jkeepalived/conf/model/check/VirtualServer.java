package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/**
 * A {@code virtual_server} (addressed by {@code IP PORT}, {@code fwmark N} or {@code group NAME}) with
 * keepalived's defaults: protocol UDP when unset for an address, scheduler wlc, forwarding NAT, delay_loop 60 s.
 *
 * @param protocol TCP, UDP or SCTP (null for fwmark services)
 * @param persistenceTimeout seconds, 0 when not persistent
 * @param timing the checker defaults set in this virtual_server block (delay_loop and alpha also above, resolved)
 * @param virtualhost the block's {@code virtualhost} (the last one written), or null: the Host header of its
 *                    HTTP_GET/SSL_GET checkers when neither the url, the checker nor the real server names one,
 *                    and their SNI when neither the url nor the checker does
 */
public record VirtualServer(List<String> address, String protocol, String scheduler, ForwardingMethod forwarding,
                            long delayLoopMicros, long persistenceTimeout, long quorum, long hysteresis,
                            boolean alpha, boolean omega, boolean haSuspend, List<RealServer> realServers,
                            Setting source, ServerTiming timing, String virtualhost) {
    public VirtualServer {
        address = List.copyOf(address);
        realServers = List.copyOf(realServers);
    }

    /** A virtual server without a {@code virtualhost}. */
    public VirtualServer(List<String> address, String protocol, String scheduler, ForwardingMethod forwarding,
                         long delayLoopMicros, long persistenceTimeout, long quorum, long hysteresis,
                         boolean alpha, boolean omega, boolean haSuspend, List<RealServer> realServers,
                         Setting source, ServerTiming timing) {
        this(address, protocol, scheduler, forwarding, delayLoopMicros, persistenceTimeout, quorum, hysteresis, alpha,
                omega, haSuspend, realServers, source, timing, null);
    }
}
