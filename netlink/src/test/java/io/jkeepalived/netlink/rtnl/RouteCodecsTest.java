package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.Hex;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The macvlan, route and rule requests against struct ifinfomsg / rtmsg / fib_rule_hdr (linux/rtnetlink.h,
 * linux/fib_rules.h), and the decoders against kernel replies captured by {@code CaptureRouteReplies}.
 */
class RouteCodecsTest {
    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static NetlinkMessage message(ByteBuffer b) throws NetlinkFormatException {
        return NetlinkMessage.split(b).get(0);
    }

    @Test
    void newMacvlanAsKeepalivedCreatesItsVmac() {
        Macvlan m = new Macvlan(0, "vrrp.51", 3, Macvlan.virtualRouterMac(51, false), MacvlanMode.PRIVATE);
        assertThat(Hex.of(LinkRequests.newMacvlan(1, m))).isEqualTo(Hex.clean("""
                5c000000 1000 0506 01000000 00000000
                00 00 0000 00000000 00000000 00000000
                1c00 1280
                  0c00 0100 6d6163766c616e00
                  0c00 0280
                    0800 0100 01000000
                0800 0500 03000000
                0c00 0300 767272702e353100
                0a00 0100 00005e000133 0000
                """));
    }

    @Test
    void linkUpAddrGenModeAndDelete() {
        assertThat(Hex.of(LinkRequests.setUp(2, 9, true))).isEqualTo(Hex.clean("""
                20000000 1000 0500 02000000 00000000
                00 00 0000 09000000 01000000 01000000
                """));
        assertThat(Hex.of(LinkRequests.addrGenModeNone(3, 9))).isEqualTo(Hex.clean("""
                30000000 1000 0500 03000000 00000000
                00 00 0000 09000000 00000000 00000000
                1000 1a80
                  0c00 0a80
                    0500 0800 01 000000
                """));
        assertThat(Hex.of(LinkRequests.deleteLink(4, 9))).isEqualTo(Hex.clean("""
                20000000 1100 0500 04000000 00000000
                00 00 0000 09000000 00000000 00000000
                """));
    }

    @Test
    void virtualRouterMacIsRfc5798s() {
        assertThat(Macvlan.virtualRouterMac(1, false)).containsExactly(0, 0, 0x5e, 0, 1, 1);
        assertThat(Macvlan.virtualRouterMac(255, true)).containsExactly(0, 0, 0x5e, 0, 2, 0xff);
        assertThatThrownBy(() -> Macvlan.virtualRouterMac(0, false)).hasMessageContaining("VRID 0");
        assertThatThrownBy(() -> new Macvlan(0, "a-very-long-interface", 1, new byte[6], MacvlanMode.PRIVATE))
                .hasMessageContaining("not a valid interface name");
        assertThatThrownBy(() -> MacvlanMode.of(3)).hasMessageContaining("unknown macvlan mode 3");
    }

    @Test
    void decodesCapturedMacvlan() throws Exception {
        Macvlan m = LinkRequests.decodeMacvlan(Hex.captured("rtm_newlink-macvlan"));
        assertThat(m.name()).isEqualTo("vrrp.51");
        assertThat(m.mac()).isEqualTo(Macvlan.virtualRouterMac(51, false));
        assertThat(m.mode()).isEqualTo(MacvlanMode.PRIVATE);
        assertThat(m.parentIndex()).isPositive();
        assertThat(LinkRequests.decodeMacvlan(Hex.captured("rtm_newlink-veth"))).as("not a macvlan").isNull();
    }

    @Test
    void newRouteWithTableAbove255GatewaySourceMetricAndOnlink() {
        IpRoute r = new IpRoute(Rtnetlink.AF_INET, IpRoute.RTN_UNICAST, 1000, IpRoute.RTPROT_KEEPALIVED, 0, IpRoute.RTNH_F_ONLINK,
                ip("203.0.113.0"), 24, null, 0, ip("198.51.100.7"), ip("198.51.100.254"), 3, 20, List.of());
        assertThat(Hex.of(RtMsg.newRoute(5, r))).isEqualTo(Hex.clean("""
                4c000000 1800 0504 05000000 00000000
                02 18 00 00 00 12 00 01 04000000
                0800 0f00 e8030000
                0800 0100 cb007100
                0800 0700 c6336407
                0800 0500 c63364fe
                0800 0400 03000000
                0800 0600 14000000
                """));
    }

    @Test
    void deleteIpv6BlackholeRoute() {
        IpRoute r = new IpRoute(Rtnetlink.AF_INET6, IpRoute.RTN_BLACKHOLE, IpRoute.RT_TABLE_MAIN, IpRoute.RTPROT_KEEPALIVED,
                0, 0, ip("2001:db8:1::"), 48, null, 0, null, null, 0, -1, List.of());
        assertThat(Hex.of(RtMsg.deleteRoute(6, r))).isEqualTo(Hex.clean("""
                30000000 1900 0500 06000000 00000000
                0a 30 00 00 fe 12 00 06 00000000
                1400 0100 20010db8000100000000000000000000
                """));
    }

    @Test
    void multipathRouteCarriesRtnexthops() {
        IpRoute r = new IpRoute(Rtnetlink.AF_INET, IpRoute.RTN_UNICAST, IpRoute.RT_TABLE_MAIN, IpRoute.RTPROT_KEEPALIVED, 0, 0,
                ip("203.0.113.64"), 26, null, 0, null, null, 0, -1,
                List.of(new IpRoute.Nexthop(ip("198.51.100.2"), 3, 1, 0), new IpRoute.Nexthop(ip("198.51.100.3"), 3, 3, 0)));
        ByteBuffer encoded = RtMsg.newRoute(7, r);
        assertThat(Hex.of(encoded)).isEqualTo(Hex.clean("""
                48000000 1800 0504 07000000 00000000
                02 1a 00 00 fe 12 00 01 00000000
                0800 0100 cb007140
                2400 0900
                  1000 00 00 03000000 0800 0500 c6336402
                  1000 00 02 03000000 0800 0500 c6336403
                """));
    }

    @Test
    void decodesCapturedRoutes() throws Exception {
        IpRoute via = RtMsg.decode(Hex.captured("rtm_newroute-via"));
        assertThat(via.destination()).isEqualTo(ip("203.0.113.0"));
        assertThat(via.dstLength()).isEqualTo(24);
        assertThat(via.gateway()).isEqualTo(ip("198.51.100.254"));
        assertThat(via.table()).isEqualTo(1000);
        assertThat(via.metric()).isEqualTo(20);
        assertThat(via.protocol()).isEqualTo(IpRoute.RTPROT_KEEPALIVED);
        assertThat(via.flags() & IpRoute.RTNH_F_ONLINK).isNotZero();
        IpRoute multi = RtMsg.decode(Hex.captured("rtm_newroute-multipath"));
        assertThat(multi.nexthops()).extracting(IpRoute.Nexthop::gateway).containsExactly(ip("198.51.100.2"), ip("198.51.100.3"));
        assertThat(multi.nexthops()).extracting(IpRoute.Nexthop::weight).containsExactly(1, 3);
    }

    @Test
    void routeRoundTripsThroughItsOwnEncoding() throws Exception {
        IpRoute r = new IpRoute(Rtnetlink.AF_INET6, IpRoute.RTN_UNICAST, 5000, IpRoute.RTPROT_STATIC, 0, 0,
                ip("2001:db8:5::"), 64, ip("2001:db8:6::"), 64, ip("2001:db8::1"), ip("2001:db8::fe"), 4, 1024, List.of());
        assertThat(RtMsg.decode(message(RtMsg.newRoute(1, r)))).isEqualTo(r);
    }

    @Test
    void newRuleWithInvertMarksInterfaceAndBigTable() {
        IpRule r = new IpRule(Rtnetlink.AF_INET, true, ip("198.51.100.0"), 24, ip("203.0.113.0"), 24, IpRule.FR_ACT_TO_TBL,
                1000, -1, 100, 0x10, 0xff, "jk-va", null);
        assertThat(Hex.of(FibRuleHdr.newRule(8, r))).isEqualTo(Hex.clean("""
                58000000 2000 0506 08000000 00000000
                02 18 18 00 00 00 00 01 02000000
                0800 0200 c6336400
                0800 0100 cb007100
                0800 0600 64000000
                0800 0a00 10000000
                0800 1000 ff000000
                0800 0f00 e8030000
                0a00 0300 6a6b2d766100 0000
                """));
    }

    @Test
    void deleteIpv6GotoRule() {
        IpRule r = new IpRule(Rtnetlink.AF_INET6, false, null, 0, null, 0, IpRule.FR_ACT_GOTO, 0, 200, 150, -1, -1, null, "eth0");
        assertThat(Hex.of(FibRuleHdr.deleteRule(9, r))).isEqualTo(Hex.clean("""
                38000000 2100 0500 09000000 00000000
                0a 00 00 00 00 00 00 02 00000000
                0800 0600 96000000
                0800 0400 c8000000
                0900 1100 6574683000 000000
                """));
    }

    @Test
    void decodesCapturedRule() throws Exception {
        IpRule r = RtMsgDecodes.rule("rtm_newrule-not");
        assertThat(r).isEqualTo(new IpRule(Rtnetlink.AF_INET, true, ip("198.51.100.0"), 24, ip("203.0.113.0"), 24,
                IpRule.FR_ACT_TO_TBL, 1000, -1, 100, 0x10, 0xff, "jk-va", null));
    }

    @Test
    void decodersRejectWrongTypesFamiliesAndShortHeaders() {
        ByteBuffer route = RtMsg.newRoute(1, IpRoute.to(ip("203.0.113.0"), 24));
        route.put(16, (byte) 7); // AF_BRIDGE
        assertThatThrownBy(() -> RtMsg.decode(message(route))).isInstanceOf(NetlinkFormatException.class)
                .hasMessageContaining("route family 7");
        assertThatThrownBy(() -> FibRuleHdr.decode(message(RtMsg.newRoute(1, IpRoute.to(ip("203.0.113.0"), 24)))))
                .hasMessageContaining("expected RTM_NEWRULE");
        ByteBuffer shortRule = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        shortRule.putInt(0, 20).putShort(4, (short) Rtnetlink.RTM_NEWRULE);
        assertThatThrownBy(() -> FibRuleHdr.decode(message(shortRule))).hasMessageContaining("fib_rule_hdr needs 12 bytes");
        ByteBuffer badGateway = RtMsg.newRoute(1, IpRoute.to(ip("203.0.113.0"), 24).via(ip("198.51.100.1")));
        badGateway.putShort(16 + 12 + 8, (short) 7); // RTA_GATEWAY length 7: three address bytes
        assertThatThrownBy(() -> RtMsg.decode(message(badGateway))).isInstanceOf(NetlinkFormatException.class);
    }

    /** The captured reply holds a single rule. */
    private static final class RtMsgDecodes {
        static IpRule rule(String name) throws NetlinkFormatException {
            return FibRuleHdr.decode(Hex.captured(name));
        }
    }
}
