package io.jkeepalived.netlink.rtnl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * A route as RTM_NEWROUTE / RTM_DELROUTE carry it (keepalived's ip_route_t, iproute2's {@code ip route}).
 *
 * @param family      AF_INET or AF_INET6
 * @param type        rtm_type, RTN_* ({@link #RTN_UNICAST}, {@link #RTN_BLACKHOLE}, ...)
 * @param table       the table id (RTA_TABLE when above 255)
 * @param protocol    rtm_protocol, RTPROT_* ({@link #RTPROT_KEEPALIVED})
 * @param scope       rtm_scope, RT_SCOPE_* of {@link Rtnetlink}
 * @param flags       rtm_flags (RTNH_F_ONLINK)
 * @param destination RTA_DST, or null for a default route
 * @param dstLength   rtm_dst_len
 * @param source      RTA_SRC (source-specific routing, {@code from}), or null
 * @param srcLength   rtm_src_len
 * @param preferredSource RTA_PREFSRC ({@code src}), or null
 * @param gateway     RTA_GATEWAY ({@code via}), or null
 * @param outputIndex RTA_OIF ({@code dev}), 0 = none
 * @param metric      RTA_PRIORITY, -1 = none
 * @param nexthops    RTA_MULTIPATH, empty for a single path
 */
public record IpRoute(int family, int type, long table, int protocol, int scope, int flags, InetAddress destination,
                      int dstLength, InetAddress source, int srcLength, InetAddress preferredSource, InetAddress gateway,
                      int outputIndex, long metric, List<Nexthop> nexthops) {
    /** rtm_type values (enum of linux/rtnetlink.h). */
    public static final int RTN_UNSPEC = 0;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RTN_BROADCAST = 3;
    public static final int RTN_ANYCAST = 4;
    public static final int RTN_MULTICAST = 5;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;
    public static final int RTN_THROW = 9;
    public static final int RTN_NAT = 10;
    public static final int RTN_XRESOLVE = 11;
    /** rtm_protocol values. */
    public static final int RTPROT_KERNEL = 2;
    public static final int RTPROT_BOOT = 3;
    public static final int RTPROT_STATIC = 4;
    /** The protocol keepalived marks its routes with (linux/rtnetlink.h since 5.8). */
    public static final int RTPROT_KEEPALIVED = 18;
    /** Reserved table ids. */
    public static final int RT_TABLE_UNSPEC = 0;
    public static final int RT_TABLE_DEFAULT = 253;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;
    /** rtm_flags / rtnh_flags: the gateway is on the link even if no prefix says so. */
    public static final int RTNH_F_ONLINK = 4;

    /**
     * One path of a multipath route: {@code struct rtnexthop} then its RTA_GATEWAY.
     *
     * @param weight 1..256 (rtnh_hops + 1)
     */
    public record Nexthop(InetAddress gateway, int outputIndex, int weight, int flags) {
        public Nexthop {
            if (weight < 1 || weight > 256) {
                throw new IllegalArgumentException("nexthop weight " + weight + " outside 1..256");
            }
        }
    }

    public IpRoute {
        if (family != Rtnetlink.AF_INET && family != Rtnetlink.AF_INET6) {
            throw new IllegalArgumentException("route family must be AF_INET (2) or AF_INET6 (10), not " + family);
        }
        int max = family == Rtnetlink.AF_INET ? 32 : 128;
        if (dstLength < 0 || dstLength > max || srcLength < 0 || srcLength > max) {
            throw new IllegalArgumentException("prefix length outside 0.." + max);
        }
        if (type < 0 || type > 255 || protocol < 0 || protocol > 255 || scope < 0 || scope > 255) {
            throw new IllegalArgumentException("type, protocol and scope are bytes");
        }
        if (table < 0 || table > 0xffffffffL) {
            throw new IllegalArgumentException("table " + table + " outside 0..2^32-1");
        }
        for (InetAddress a : new InetAddress[] {destination, source, preferredSource, gateway}) {
            checkFamily(a, family);
        }
        nexthops = List.copyOf(nexthops);
        for (Nexthop n : nexthops) {
            checkFamily(n.gateway(), family);
        }
    }

    static void checkFamily(InetAddress a, int family) {
        if (a != null && (a instanceof Inet4Address) != (family == Rtnetlink.AF_INET)) {
            throw new IllegalArgumentException(a.getHostAddress() + " is not of family " + family);
        }
    }

    /** A unicast route to {@code destination/len} in the main table, keepalived's protocol, universe scope. */
    public static IpRoute to(InetAddress destination, int dstLength) {
        int family = destination instanceof Inet4Address ? Rtnetlink.AF_INET : Rtnetlink.AF_INET6;
        return new IpRoute(family, RTN_UNICAST, RT_TABLE_MAIN, RTPROT_KEEPALIVED, Rtnetlink.RT_SCOPE_UNIVERSE, 0,
                destination, dstLength, null, 0, null, null, 0, -1, List.of());
    }

    public IpRoute via(InetAddress newGateway) {
        return new IpRoute(family, type, table, protocol, scope, flags, destination, dstLength, source, srcLength,
                preferredSource, newGateway, outputIndex, metric, nexthops);
    }

    public IpRoute dev(int newOutputIndex) {
        return new IpRoute(family, type, table, protocol, scope, flags, destination, dstLength, source, srcLength,
                preferredSource, gateway, newOutputIndex, metric, nexthops);
    }

    /** For matching a dumped route with a configured one: the key fields the kernel identifies a route by. */
    public boolean sameKey(IpRoute o) {
        return family == o.family && table == o.table && dstLength == o.dstLength
                && Objects.equals(destination, o.destination) && srcLength == o.srcLength
                && Objects.equals(source, o.source) && (metric == o.metric || metric < 0 || o.metric < 0);
    }
}
