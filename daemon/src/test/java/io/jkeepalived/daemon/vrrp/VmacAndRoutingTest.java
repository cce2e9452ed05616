package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.daemon.TestConfigs;
import io.jkeepalived.netlink.rtnl.IpRoute;
import io.jkeepalived.netlink.rtnl.IpRule;
import io.jkeepalived.netlink.rtnl.Link;
import io.jkeepalived.netlink.rtnl.Rtnetlink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What use_vmac, virtual_routes/rules and static_* turn into, worked out without a network. */
class VmacAndRoutingTest {
    @TempDir
    Path dir;

    private KeepalivedConfig load(String config) throws Exception {
        return TestConfigs.load(dir, config);
    }

    private static List<InstancePlan> plans(KeepalivedConfig c) {
        return VrrpPlanner.plan(c, (ifname, v6) -> VrrpPlanner.literal(v6 ? "fe80::1" : "198.51.100.1"));
    }

    private static InetAddress ip(String s) {
        return VrrpPlanner.literal(s);
    }

    private static Map<String, Link> links() {
        Map<String, Link> m = new HashMap<>();
        for (int k = 0; k < 3; k++) {
            m.put("eth" + k, new Link(2 + k, "eth" + k, Link.IFF_UP, 1500, new byte[6], "veth"));
        }
        return m;
    }

    private static final String INSTANCE = """
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 100
                %s
                virtual_ipaddress {
                    198.51.100.100/24
                    198.51.100.101/24 dev eth1
                }
                %s
            }
            """;

    @Test
    void useVmacNamesTheMacvlanAndMovesTheVipsWithoutDev() throws Exception {
        KeepalivedConfig c = load(INSTANCE.formatted("use_vmac", ""));
        Vmacs v = Vmacs.plan(c.vrrp().instances(), null);
        assertThat(v.vmacs()).hasSize(1);
        Vmacs.Vmac vmac = v.vmacs().get(0);
        assertThat(vmac.name()).isEqualTo("vrrp.51");
        assertThat(vmac.base()).isEqualTo("eth0");
        assertThat(vmac.mac()).containsExactly(0, 0, 0x5e, 0, 1, 51);
        InstancePlan p = v.apply(plans(c), c.vrrp().instances()).get(0);
        assertThat(p.interfaceName()).as("adverts leave from the VMAC").isEqualTo("vrrp.51");
        assertThat(p.vips()).extracting(Vip::dev).containsExactly("vrrp.51", "eth1");
        assertThat(p.fsm().primaryAddress()).as("the source stays the base interface's address").isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void namedVmacAndXmitBase() throws Exception {
        KeepalivedConfig c = load(INSTANCE.formatted("use_vmac vmac51\n    vmac_xmit_base", ""));
        Vmacs v = Vmacs.plan(c.vrrp().instances(), null);
        assertThat(v.vmacs().get(0).name()).isEqualTo("vmac51");
        assertThat(v.vmacs().get(0).xmitBase()).isTrue();
        InstancePlan p = v.apply(plans(c), c.vrrp().instances()).get(0);
        assertThat(p.interfaceName()).as("vmac_xmit_base: adverts on the base interface").isEqualTo("eth0");
        assertThat(p.vips()).extracting(Vip::dev).containsExactly("vmac51", "eth1");
    }

    @Test
    void ipv6InstanceGetsTheIpv6VirtualRouterMac() throws Exception {
        KeepalivedConfig c = load("""
                vrrp_instance VI_6 {
                    interface eth0
                    virtual_router_id 7
                    priority 100
                    use_vmac
                    virtual_ipaddress {
                        2001:db8::100/64
                    }
                }
                """);
        Vmacs.Vmac vmac = Vmacs.plan(c.vrrp().instances(), null).vmacs().get(0);
        assertThat(vmac.ipv6()).isTrue();
        assertThat(vmac.mac()).containsExactly(0, 0, 0x5e, 0, 2, 7);
    }

    @Test
    void withoutUseVmacNothingChanges() throws Exception {
        KeepalivedConfig c = load(INSTANCE.formatted("", ""));
        Vmacs v = Vmacs.plan(c.vrrp().instances(), null);
        assertThat(v.isEmpty()).isTrue();
        List<InstancePlan> plans = plans(c);
        assertThat(v.apply(plans, c.vrrp().instances())).isEqualTo(plans);
    }

    @Test
    void virtualRoutesAndRulesPerInstance() throws Exception {
        KeepalivedConfig c = load(INSTANCE.formatted("", """
                virtual_routes {
                        203.0.113.0/24 via 198.51.100.254 dev eth0 metric 5 table 100
                        blackhole 203.0.113.128/25
                        2001:db8:1::/48 via 2001:db8::fe
                        default via 198.51.100.254 onlink
                    }
                    virtual_rules {
                        from 203.0.113.5 table 100
                        from 2001:db8:5::/48 lookup 200 priority 7
                        to 203.0.113.9 fwmark 0x10/0xff unreachable
                    }
                """));
        VrrpRouting r = VrrpRouting.plan(c.vrrp(), links(), Map.of());
        assertThat(r.hasVirtual("VI_1")).isTrue();
        List<VrrpRouting.RoutePair> routes = r.virtual("VI_1").routes();
        assertThat(routes).hasSize(4);
        IpRoute first = routes.get(0).add();
        assertThat(first.family()).isEqualTo(Rtnetlink.AF_INET);
        assertThat(first.destination()).isEqualTo(ip("203.0.113.0"));
        assertThat(first.gateway()).isEqualTo(ip("198.51.100.254"));
        assertThat(first.outputIndex()).isEqualTo(2);
        assertThat(first.metric()).isEqualTo(5);
        assertThat(first.table()).isEqualTo(100);
        assertThat(first.protocol()).isEqualTo(IpRoute.RTPROT_KEEPALIVED);
        assertThat(first.scope()).isEqualTo(Rtnetlink.RT_SCOPE_UNIVERSE);
        assertThat(routes.get(0).delete().scope()).as("a delete matches any scope, as keepalived's").isEqualTo(Rtnetlink.RT_SCOPE_NOWHERE);
        assertThat(routes.get(1).add().type()).isEqualTo(IpRoute.RTN_BLACKHOLE);
        assertThat(routes.get(1).add().table()).isEqualTo(IpRoute.RT_TABLE_MAIN);
        assertThat(routes.get(2).add().family()).isEqualTo(Rtnetlink.AF_INET6);
        IpRoute dflt = routes.get(3).add();
        assertThat(dflt.destination()).isNull();
        assertThat(dflt.dstLength()).isZero();
        assertThat(dflt.flags() & IpRoute.RTNH_F_ONLINK).isNotZero();
        List<IpRule> rules = r.virtual("VI_1").rules();
        assertThat(rules).hasSize(3);
        assertThat(rules.get(0).source()).isEqualTo(ip("203.0.113.5"));
        assertThat(rules.get(0).srcLength()).isEqualTo(32);
        assertThat(rules.get(0).action()).isEqualTo(IpRule.FR_ACT_TO_TBL);
        assertThat(rules.get(0).table()).isEqualTo(100);
        assertThat(rules.get(0).priority()).as("keepalived's first automatic IPv4 preference").isEqualTo(16384);
        assertThat(rules.get(1).family()).isEqualTo(Rtnetlink.AF_INET6);
        assertThat(rules.get(1).priority()).isEqualTo(7);
        assertThat(rules.get(2).action()).isEqualTo(IpRule.FR_ACT_UNREACHABLE);
        assertThat(rules.get(2).fwmark()).isEqualTo(0x10);
        assertThat(rules.get(2).fwmask()).isEqualTo(0xff);
        assertThat(rules.get(2).priority()).as("the next automatic IPv4 preference").isEqualTo(16383);
    }

    @Test
    void staticEntriesAndMissingInterfaces() throws Exception {
        KeepalivedConfig c = load("""
                static_ipaddress {
                    203.0.113.1/24 dev eth1 label eth1:st
                    203.0.113.2/24 dev eth7
                }
                static_routes {
                    203.0.113.128/25 via 198.51.100.254 dev eth0 table main
                    198.51.100.128/25 dev eth9
                }
                static_rules {
                    from 198.51.100.0/24 table 100
                }
                """ + INSTANCE.formatted("", ""));
        VrrpRouting r = VrrpRouting.plan(c.vrrp(), links(), Map.of());
        assertThat(r.staticAddresses()).hasSize(1);
        assertThat(r.staticAddresses().get(0).index()).isEqualTo(3);
        assertThat(r.staticAddresses().get(0).label()).isEqualTo("eth1:st");
        assertThat(r.staticRoutes()).as("the route on a missing interface is left out").hasSize(1);
        assertThat(r.staticRoutes().get(0).add().outputIndex()).isEqualTo(2);
        assertThat(r.staticRules()).hasSize(1);
        assertThat(r.staticRules().get(0).priority()).isEqualTo(16384);
        assertThat(r.hasVirtual("VI_1")).isFalse();
    }

    @Test
    void tableNamesComeFromRtTables() throws Exception {
        KeepalivedConfig c = load("static_routes {\n    203.0.113.0/24 dev eth0 table isp2\n}\n");
        VrrpRouting r = VrrpRouting.plan(c.vrrp(), links(), Map.of("isp2", 202L));
        assertThat(r.staticRoutes()).hasSize(1);
        assertThat(r.staticRoutes().get(0).add().table()).isEqualTo(202);
    }
}
