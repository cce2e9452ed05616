package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.ConfigWriter;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.TestMachine;
import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.model.vrrp.GarpGroup;
import io.jkeepalived.conf.model.vrrp.Route;
import io.jkeepalived.conf.model.vrrp.Rule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** static_ipaddress, static_routes, static_rules and garp_group typed with keepalived's defaults. */
class StaticNetworkTest {
    @TempDir
    Path dir;

    private KeepalivedConfig config(String text) throws IOException {
        Path f = dir.resolve("k" + System.nanoTime() + ".conf");
        Files.writeString(f, text);
        KeepalivedConfig c = ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null)).config();
        assertThat(c).isNotNull();
        return c;
    }

    @Test
    void routesAreTyped() throws IOException {
        VrrpConfig v = config("""
                static_routes {
                    198.51.100.0/24 via 203.0.113.1 dev eth1 src 203.0.113.5 metric 10 table 100 scope link
                    blackhole 198.51.100.128/25
                    default via inet6 2001:db8::1 dev eth0 protocol static no_track
                    203.0.113.0/24 nexthop via 198.51.100.1 dev eth0 weight 2 nexthop via 198.51.100.2 dev eth1 onlink
                    198.51.100.64/26 gw 203.0.113.1 or 203.0.113.2 dev eth0
                    mtu lock 1400 to 198.51.100.32/27 dev eth2
                    bogus_word 198.51.100.0/24
                    via 203.0.113.1 dev eth0
                }
                """).vrrp();
        assertThat(v.staticRoutes()).hasSize(1);
        List<Route> r = v.staticRoutes().get(0).routes();
        assertThat(r).hasSize(6);
        Route first = r.get(0);
        assertThat(List.of(first.type(), first.destination(), first.via(), first.dev(), first.src(), first.table(), first.scope()))
                .containsExactly("unicast", "198.51.100.0/24", "203.0.113.1", "eth1", "203.0.113.5", "100", "link");
        assertThat(first.metric()).isEqualTo(10);
        assertThat(first.protocol()).isEqualTo("keepalived");
        assertThat(first.noTrack()).isFalse();
        Route hole = r.get(1);
        assertThat(List.of(hole.type(), hole.destination(), hole.table(), hole.scope())).containsExactly("blackhole", "198.51.100.128/25", "main", "global");
        assertThat(hole.metric()).isEqualTo(-1);
        assertThat(hole.noTrack()).as("no interface: keepalived cannot track it").isTrue();
        Route def = r.get(2);
        assertThat(def.destination()).isEqualTo("default");
        assertThat(def.via()).isEqualTo("2001:db8::1");
        assertThat(def.protocol()).isEqualTo("static");
        assertThat(def.noTrack()).isTrue();
        assertThat(r.get(3).nexthops()).containsExactly(new Route.Nexthop("198.51.100.1", "eth0", 2, false),
                new Route.Nexthop("198.51.100.2", "eth1", 1, true));
        assertThat(r.get(4).nexthops()).containsExactly(new Route.Nexthop("203.0.113.1", null, 1, false),
                new Route.Nexthop("203.0.113.2", null, 1, false));
        assertThat(r.get(4).via()).isNull();
        assertThat(r.get(5).destination()).isEqualTo("198.51.100.32/27");
        assertThat(r.get(5).dev()).isEqualTo("eth2");
    }

    @Test
    void rulesAreTyped() throws IOException {
        VrrpConfig v = config("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    virtual_ipaddress {
                        198.51.100.10
                    }
                    virtual_rules {
                        from 198.51.100.10 table 100
                    }
                }
                static_rules {
                    from 198.51.100.0/24 table 100 preference 50
                    to 203.0.113.0/24 lookup main
                    from 2001:db8::/64 iif eth1 table 200
                    not fwmark 0x10/0xff oif eth2 blackhole
                    from 198.51.100.0/24 goto 200 priority 100
                    from 198.51.100.0/24 goto 20 priority 100
                    from 198.51.100.0/24
                }
                """).vrrp();
        List<Rule> r = v.staticRules().get(0).rules();
        assertThat(r).hasSize(5);
        assertThat(r.get(0)).isEqualTo(new Rule(false, false, "198.51.100.0/24", null, "table", "100", -1, 50,
                null, null, null, false, List.of("from", "198.51.100.0/24", "table", "100", "preference", "50")));
        assertThat(r.get(1).preference()).as("none written").isEqualTo(-1);
        assertThat(r.get(1).table()).isEqualTo("main");
        assertThat(r.get(2).ipv6()).isTrue();
        assertThat(r.get(2).iif()).isEqualTo("eth1");
        Rule hole = r.get(3);
        assertThat(hole.not()).isTrue();
        assertThat(hole.action()).isEqualTo("blackhole");
        assertThat(hole.fwmark()).isEqualTo("0x10/0xff");
        assertThat(hole.oif()).isEqualTo("eth2");
        assertThat(r.get(4).action()).isEqualTo("goto");
        assertThat(r.get(4).gotoTarget()).isEqualTo(200);
    }

    @Test
    void garpGroupsAndStaticAddresses() throws IOException {
        VrrpConfig v = config("""
                static_ipaddress {
                    198.51.100.50/24 dev eth1 scope link
                    2001:db8::50
                }
                garp_group {
                    garp_interval 0.002
                    interface eth1
                    interfaces {
                        eth2 eth3
                    }
                }
                garp_group {
                    gna_interval 1.5
                }
                garp_group {
                    interface eth0
                }
                """).vrrp();
        assertThat(v.staticAddresses()).hasSize(1);
        var addrs = v.staticAddresses().get(0).addresses();
        assertThat(addrs).hasSize(2);
        assertThat(addrs.get(0).address()).isEqualTo("198.51.100.50");
        assertThat(addrs.get(0).prefix()).isEqualTo(24);
        assertThat(addrs.get(0).dev()).isEqualTo("eth1");
        assertThat(addrs.get(1).prefix()).isEqualTo(128);
        assertThat(addrs.get(1).dev()).as("default_interface").isEqualTo("eth0");
        List<GarpGroup> g = v.garpGroups();
        assertThat(g).hasSize(3);
        assertThat(g.get(0).garpIntervalMicros()).isEqualTo(2_000);
        assertThat(g.get(0).gnaIntervalMicros()).isEqualTo(-1);
        assertThat(g.get(0).interfaces()).containsExactly("eth1", "eth2", "eth3");
        assertThat(g.get(1).gnaIntervalMicros()).isEqualTo(1_500_000);
        assertThat(g.get(2).usable()).isFalse();
    }

    @Test
    void printedStaticBlocksReadBackEqual() throws IOException {
        KeepalivedConfig first = config("""
                static_routes {
                    198.51.100.0/24 via 203.0.113.1 dev eth1
                }
                static_rules {
                    from 198.51.100.0/24 table 100
                }
                garp_group {
                    garp_interval 0.01
                    interface eth1
                }
                """);
        assertThat(config(ConfigWriter.write(first))).isEqualTo(first);
    }

    /** Any words: typing a line never throws, it gives a route/rule or null (keepalived drops the line). */
    @Property(tries = 2000)
    void anyLineTypesOrIsDropped(@ForAll("routeWords") List<String> words) {
        Route r = RouteLines.toRoute(words);
        if (r != null) {
            assertThat(r.destination()).isNotNull();
            assertThat(r.words()).isEqualTo(words);
        }
        Rule u = RouteLines.toRule(words);
        if (u != null) {
            assertThat(u.action()).isNotNull();
        }
    }

    @Provide
    Arbitrary<List<String>> routeWords() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("via", "gw", "dev", "oif", "src", "from", "to", "table", "lookup", "metric", "priority",
                        "preference", "scope", "protocol", "nexthop", "weight", "onlink", "or", "no_track", "inet", "inet6",
                        "blackhole", "unreachable", "prohibit", "goto", "nop", "type", "not", "fwmark", "iif", "mtu",
                        "lock", "as", "default", "l3mdev", "encap"),
                Arbitraries.of("198.51.100.1", "198.51.100.0/24", "2001:db8::1", "2001:db8::/64", "203.0.113.0/33",
                        "0", "256", "0x10", "-1", "99999999999999999999", "eth0", "", "/", "1.2.3"),
                Arbitraries.strings().ofMaxLength(6));
        return word.list().ofMaxSize(10);
    }
}
