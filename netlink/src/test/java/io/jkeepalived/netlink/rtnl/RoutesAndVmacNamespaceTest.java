package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.Interfaces;
import io.jkeepalived.netlink.NetworkNamespace;
import io.jkeepalived.netlink.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The macvlan, route and rule requests against the kernel, inside a namespace {@code jk-vmac-nl-*} with a veth
 * pair (198.51.100.0/24, 2001:db8::/64); what the kernel made of them is read back with iproute2 and with our own
 * dumps. Needs root.
 */
class RoutesAndVmacNamespaceTest {
    private static TestNamespace ns;
    private static RouteNetlink rtnl;
    private static int veth;

    @BeforeAll
    static void setUp() throws IOException {
        TestNamespace.assumeAvailable();
        ns = TestNamespace.create("jk-vmac-nl-");
        ns.ip("link", "add", "jk-va", "type", "veth", "peer", "name", "jk-vb");
        ns.ip("link", "set", "jk-va", "up");
        ns.ip("link", "set", "jk-vb", "up");
        ns.ip("addr", "add", "198.51.100.1/24", "dev", "jk-va");
        ns.ip("addr", "add", "2001:db8::1/64", "dev", "jk-va", "nodad");
        rtnl = NetworkNamespace.callIn(ns.name(), RouteNetlink::open);
        veth = NetworkNamespace.callIn(ns.name(), () -> Interfaces.indexOf("jk-va"));
    }

    @AfterAll
    static void tearDown() throws IOException {
        try {
            if (rtnl != null) {
                rtnl.close();
            }
        } finally {
            if (ns != null) {
                ns.close();
            }
        }
    }

    private static InetAddress ip(String s) throws IOException {
        return InetAddress.getByName(s);
    }

    @Test
    void macvlanIsCreatedWithModeMacAndParentThenDeleted() throws IOException {
        byte[] mac = Macvlan.virtualRouterMac(51, false);
        rtnl.addMacvlan(new Macvlan(0, "vrrp.51", veth, mac, MacvlanMode.PRIVATE));
        String shown = ns.ip("-d", "link", "show", "vrrp.51");
        assertThat(shown).contains("vrrp.51@jk-va").contains("00:00:5e:00:01:33").contains("macvlan mode private");
        Macvlan got = rtnl.macvlans().stream().filter(m -> m.name().equals("vrrp.51")).findFirst().orElseThrow();
        assertThat(got.parentIndex()).isEqualTo(veth);
        assertThat(got.mac()).isEqualTo(mac);
        assertThat(got.mode()).isEqualTo(MacvlanMode.PRIVATE);
        rtnl.setAddrGenModeNone(got.index());
        rtnl.setLinkUp(got.index(), true);
        assertThat(ns.ip("link", "show", "vrrp.51")).contains("UP");
        assertThat(ns.ip("-6", "addr", "show", "dev", "vrrp.51")).doesNotContain("fe80");
        assertThatThrownBy(() -> rtnl.addMacvlan(new Macvlan(0, "vrrp.51", veth, mac, MacvlanMode.BRIDGE)))
                .hasMessageContaining("EEXIST");
        rtnl.deleteLink(got.index());
        assertThat(rtnl.macvlans()).extracting(Macvlan::name).doesNotContain("vrrp.51");
    }

    @Test
    void bridgeModeMacvlanForIpv6() throws IOException {
        byte[] mac = Macvlan.virtualRouterMac(7, true);
        rtnl.addMacvlan(new Macvlan(0, "jk-v6vmac", veth, mac, MacvlanMode.BRIDGE));
        assertThat(ns.ip("-d", "link", "show", "jk-v6vmac")).contains("00:00:5e:00:02:07").contains("macvlan mode bridge");
        rtnl.deleteLink(rtnl.macvlans().stream().filter(m -> m.name().equals("jk-v6vmac")).findFirst().orElseThrow().index());
    }

    @Test
    void ipv4RoutesOfEveryKindRoundTrip() throws IOException {
        IpRoute via = new IpRoute(Rtnetlink.AF_INET, IpRoute.RTN_UNICAST, 100, IpRoute.RTPROT_KEEPALIVED, 0, 0,
                ip("203.0.113.0"), 24, null, 0, ip("198.51.100.1"), ip("198.51.100.254"), veth, 20, List.of());
        rtnl.addRoute(via);
        // no NLM_F_EXCL, as keepalived, but IPv4 still refuses an identical route: the caller ignores EEXIST
        assertThatThrownBy(() -> rtnl.addRoute(via)).hasMessageContaining("EEXIST");
        assertThat(ns.ip("route", "show", "table", "100"))
                .contains("203.0.113.0/24 via 198.51.100.254 dev jk-va proto keepalived src 198.51.100.1 metric 20");
        IpRoute black = new IpRoute(Rtnetlink.AF_INET, IpRoute.RTN_BLACKHOLE, 1000, IpRoute.RTPROT_KEEPALIVED, 0, 0,
                ip("203.0.113.128"), 25, null, 0, null, null, 0, -1, List.of());
        rtnl.addRoute(black);
        assertThat(ns.ip("route", "show", "table", "1000")).contains("blackhole 203.0.113.128/25 proto keepalived");
        IpRoute onlink = new IpRoute(Rtnetlink.AF_INET, IpRoute.RTN_UNICAST, IpRoute.RT_TABLE_MAIN, IpRoute.RTPROT_KEEPALIVED,
                0, IpRoute.RTNH_F_ONLINK, ip("203.0.113.7"), 32, null, 0, null, ip("203.0.113.1"), veth, -1, List.of());
        rtnl.addRoute(onlink);
        assertThat(ns.ip("route", "show", "203.0.113.7")).contains("via 203.0.113.1 dev jk-va proto keepalived onlink");
        IpRoute multi = new IpRoute(Rtnetlink.AF_INET, IpRoute.RTN_UNICAST, IpRoute.RT_TABLE_MAIN, IpRoute.RTPROT_KEEPALIVED,
                0, 0, ip("203.0.113.64"), 26, null, 0, null, null, 0, -1,
                List.of(new IpRoute.Nexthop(ip("198.51.100.2"), veth, 1, 0), new IpRoute.Nexthop(ip("198.51.100.3"), veth, 3, 0)));
        rtnl.addRoute(multi);
        assertThat(ns.ip("route", "show", "203.0.113.64/26")).contains("nexthop via 198.51.100.2 dev jk-va weight 1")
                .contains("nexthop via 198.51.100.3 dev jk-va weight 3");
        List<IpRoute> dumped = rtnl.routes(Rtnetlink.AF_INET);
        assertThat(dumped).anyMatch(r -> r.sameKey(via) && r.gateway().equals(via.gateway()) && r.metric() == 20
                && r.protocol() == IpRoute.RTPROT_KEEPALIVED && r.outputIndex() == veth);
        assertThat(dumped).anyMatch(r -> r.sameKey(black) && r.type() == IpRoute.RTN_BLACKHOLE);
        assertThat(dumped).anyMatch(r -> r.sameKey(multi) && r.nexthops().size() == 2 && r.nexthops().get(1).weight() == 3);
        for (IpRoute r : List.of(via, black, onlink, multi)) {
            rtnl.deleteRoute(r);
        }
        assertThat(ns.ip("route", "show", "table", "all")).doesNotContain("203.0.113.");
        assertThatThrownBy(() -> rtnl.deleteRoute(black)).hasMessageContaining("ESRCH");
    }

    @Test
    void ipv6RouteRoundTrip() throws IOException {
        IpRoute r = IpRoute.to(ip("2001:db8:1::"), 48).via(ip("2001:db8::fe")).dev(veth);
        rtnl.addRoute(r);
        assertThat(ns.ip("-6", "route", "show")).contains("2001:db8:1::/48 via 2001:db8::fe dev jk-va proto keepalived");
        assertThat(rtnl.routes(Rtnetlink.AF_INET6)).anyMatch(d -> d.sameKey(r) && r.gateway().equals(d.gateway()));
        rtnl.deleteRoute(r);
        assertThat(ns.ip("-6", "route", "show")).doesNotContain("2001:db8:1::");
    }

    @Test
    void rulesRoundTrip() throws IOException {
        IpRule v4 = new IpRule(Rtnetlink.AF_INET, false, ip("198.51.100.0"), 24, ip("203.0.113.0"), 24,
                IpRule.FR_ACT_TO_TBL, 300, -1, 100, 0x10, 0xff, "jk-va", null);
        rtnl.addRule(v4);
        assertThat(ns.ip("rule", "show")).contains("100:\tfrom 198.51.100.0/24 to 203.0.113.0/24 fwmark 0x10/0xff iif jk-va lookup 300");
        IpRule not = IpRule.of(Rtnetlink.AF_INET, IpRule.FR_ACT_UNREACHABLE, 0).withPriority(101)
                .from(ip("203.0.113.9"), 32);
        not = new IpRule(not.family(), true, not.source(), 32, null, 0, not.action(), 0, -1, 101, -1, -1, null, "jk-va");
        rtnl.addRule(not);
        assertThat(ns.ip("rule", "show")).contains("101:\tnot from 203.0.113.9 oif jk-va unreachable");
        IpRule v6 = IpRule.of(Rtnetlink.AF_INET6, IpRule.FR_ACT_TO_TBL, 50).withPriority(102).to(ip("2001:db8:2::"), 48);
        rtnl.addRule(v6);
        assertThat(ns.ip("-6", "rule", "show")).contains("102:\tfrom all to 2001:db8:2::/48 lookup 50");
        assertThat(rtnl.rules(Rtnetlink.AF_INET)).contains(v4);
        assertThat(rtnl.rules(Rtnetlink.AF_INET6)).contains(v6);
        assertThatThrownBy(() -> rtnl.addRule(v4)).hasMessageContaining("EEXIST");
        rtnl.deleteRule(v4);
        rtnl.deleteRule(not);
        rtnl.deleteRule(v6);
        assertThat(ns.ip("rule", "show")).doesNotContain("lookup 300").doesNotContain("unreachable");
        assertThatThrownBy(() -> rtnl.deleteRule(v6)).hasMessageContaining("ENOENT");
    }
}
