package io.jkeepalived.conf.model.vrrp;

import java.util.List;

/**
 * One route line of {@code static_routes} or {@code virtual_routes} (keepalived's vrrp_iproute.c grammar,
 * iproute2's spelling): {@code [TYPE] [to] DEST [via [inet|inet6] GW] [dev IF] [src ADDR] [table T] ...}.
 *
 * @param type        the route type ({@code unicast} when none is written; {@code blackhole},
 *                    {@code unreachable}, {@code prohibit}, {@code throw}, ...)
 * @param destination the destination as written ({@code 198.51.100.0/24}, {@code default})
 * @param via         the gateway ({@code via}, or the deprecated {@code gw}); null = none
 * @param dev         the output interface ({@code dev}/{@code oif}); null = none
 * @param src         the preferred source ({@code src}); null = none
 * @param from        the source prefix ({@code from}, source-specific routing); null = none
 * @param metric      {@code metric}/{@code priority}/{@code preference}; -1 = not set (the kernel's default)
 * @param table       the routing table as written ({@code main} when none is written)
 * @param scope       the scope as written ({@code global} when none is written)
 * @param protocol    {@code keepalived} for a tracked route (keepalived forces RTPROT_KEEPALIVED), else
 *                    the {@code protocol} as written, or null
 * @param noTrack     {@code no_track}, or a route keepalived cannot track (no interface)
 * @param nexthops    the {@code nexthop} list (or {@code or} alternatives); empty for a single path
 * @param words       the whole line as written, for the options not typed here
 */
public record Route(String type, String destination, String via, String dev, String src, String from, long metric,
                    String table, String scope, String protocol, boolean onlink, boolean noTrack,
                    List<Nexthop> nexthops, List<String> words) {
    public Route {
        nexthops = List.copyOf(nexthops);
        words = List.copyOf(words);
    }

    /** One {@code nexthop [via ADDR] [dev IF] [weight N] [onlink]}; weight 1 when not written. */
    public record Nexthop(String via, String dev, int weight, boolean onlink) {
    }
}
