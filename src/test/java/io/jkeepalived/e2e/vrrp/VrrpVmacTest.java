package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.Capture;
import io.jkeepalived.e2e.NetNs;
import io.jkeepalived.e2e.vrrp.Director.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code use_vmac} between Debian's keepalived 2.2.7 and jkeepalived, in both roles, with {@code virtual_routes},
 * {@code virtual_rules} and {@code static_routes}, in namespaces {@code jk-vmac*} (a bridge, two directors, a
 * client). Each director puts the VIP on its macvlan {@code vrrp.51} with the virtual router MAC: the client's ARP
 * entry for the VIP is 00:00:5e:00:01:33 before and after the failover, and the new master answers it. The virtual
 * route and rule are on the master only; the static route is on both while they run; a stopped director leaves
 * neither its VMAC nor its static route behind (keepalived 2.2.7 clears static entries at shutdown, which the
 * keepalived-only case shows). The gratuitous ARPs come from the VMAC; the adverts too unless vmac_xmit_base.
 */
class VrrpVmacTest {
    private static final String VIP = "198.51.100.100";
    private static final String VMAC = "00:00:5e:00:01:33";
    private static final String VIRTUAL_ROUTE = "203.0.113.0/25";
    private static final String STATIC_ROUTE = "203.0.113.128/25";

    record Case(Kind master, Kind backup, boolean xmitBase) {
        @Override
        public String toString() {
            return master.label() + "->" + backup.label() + (xmitBase ? " vmac_xmit_base" : "");
        }
    }

    static Stream<Case> cases() {
        Kind jk = Kind.JKEEPALIVED;
        Kind ka = Kind.KEEPALIVED;
        return Stream.of(
                new Case(ka, ka, false), // the lab itself
                new Case(jk, ka, false),
                new Case(ka, jk, false),
                new Case(jk, ka, true),
                new Case(jk, jk, false));
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs(); // the same lab: namespaces, keepalived as the peer, tshark
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vipMovesWithItsVirtualMac(Case c) throws Exception {
        try (NetNs lab = NetNs.create("vmac" + ProcessHandle.current().pid() % 100000, 0)) {
            NetNs.Host h1 = lab.addHost("h1");
            NetNs.Host h2 = lab.addHost("h2");
            NetNs.Host client = lab.addHost("c");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            h2.check("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
            for (NetNs.Host h : List.of(h1, h2)) {
                // the directors' own ARP requests (to answer the client) must not announce the VIP with the base
                // interface's MAC, which would overwrite the client's entry: the usual setting beside a VMAC
                h.check("sysctl", "-q", "-w", "net.ipv4.conf.all.arp_announce=2");
            }
            client.check("ip", "addr", "add", "198.51.100.50/24", "dev", "eth0");
            Director master = new Director(c.master(), h1, "h1", dir);
            Director backup = new Director(c.backup(), h2, "h2", dir);
            Capture capture = Capture.start(lab, dir, "vrrp or arp");
            try {
                master.start(config("h1", "MASTER", 150, c.xmitBase()));
                assertThat(master.awaitLog("(VI_1) Entering MASTER STATE", 20_000))
                        .as("%s becomes master\n%s", master, master.log()).isTrue();
                backup.start(config("h2", "BACKUP", 100, c.xmitBase()));
                assertThat(backup.awaitLog("(VI_1) Entering BACKUP STATE", 20_000))
                        .as("%s starts as backup\n%s", backup, backup.log()).isTrue();
                Thread.sleep(2_500);
                String context = "\n--- master " + master + "\n" + master.log() + "\n--- backup " + backup + "\n" + backup.log();
                assertThat(backup.log()).as("the backup stayed backup").doesNotContain("Entering MASTER STATE");
                for (NetNs.Host h : List.of(h1, h2)) {
                    String link = h.check("ip", "-d", "link", "show", "vrrp.51");
                    assertThat(link).as("%s's VMAC%s", h.name(), context).contains("vrrp.51@eth0").contains(VMAC)
                            .contains("macvlan mode private").contains("state UP");
                    assertThat(h.check("cat", "/proc/sys/net/ipv4/conf/vrrp.51/arp_ignore").trim()).isEqualTo("1");
                    assertThat(h.check("cat", "/proc/sys/net/ipv4/conf/vrrp.51/accept_local").trim()).isEqualTo("1");
                    assertThat(h.check("cat", "/proc/sys/net/ipv4/conf/vrrp.51/rp_filter").trim()).isEqualTo("0");
                    assertThat(h.check("cat", "/proc/sys/net/ipv4/conf/eth0/arp_ignore").trim()).isEqualTo("1");
                    assertThat(h.check("cat", "/proc/sys/net/ipv4/conf/eth0/arp_filter").trim()).isEqualTo("1");
                    assertThat(routes(h)).as("%s's static route", h.name()).contains(STATIC_ROUTE);
                }
                assertThat(h1.check("ip", "-4", "addr", "show", "dev", "vrrp.51")).as("VIP on the master's VMAC" + context)
                        .contains(VIP + "/24");
                assertThat(h2.check("ip", "-4", "addr", "show", "dev", "vrrp.51")).doesNotContain(VIP);
                assertThat(routes(h1)).as("virtual route on the master" + context).contains(VIRTUAL_ROUTE);
                assertThat(routes(h2)).as("no virtual route on the backup" + context).doesNotContain(VIRTUAL_ROUTE);
                assertThat(h1.check("ip", "rule", "show")).as("virtual rule on the master" + context).contains("lookup 100");
                assertThat(h2.check("ip", "rule", "show")).doesNotContain("lookup 100");
                assertThat(clientSeesVmac(client)).as("client's ARP entry for the VIP before failover" + context).isEmpty();

                master.signal("TERM");
                assertThat(backup.awaitLog("(VI_1) Entering MASTER STATE", 10_000))
                        .as("%s takes over\n%s", backup, backup.log()).isTrue();
                assertThat(master.awaitExit(5_000)).as("%s exits on SIGTERM\n%s", master, master.log()).isTrue();
                Thread.sleep(1_500);
                context = "\n--- master " + master + "\n" + master.log() + "\n--- backup " + backup + "\n" + backup.log();
                assertThat(h2.check("ip", "-4", "addr", "show", "dev", "vrrp.51")).as("VIP on the new master's VMAC" + context)
                        .contains(VIP + "/24");
                assertThat(routes(h2)).as("virtual route on the new master" + context).contains(VIRTUAL_ROUTE);
                assertThat(h2.check("ip", "rule", "show")).contains("lookup 100");
                assertThat(clientSeesVmac(client)).as("client's ARP entry for the VIP after failover" + context).isEmpty();
                // the stopped director cleaned up after itself
                assertThat(h1.exec(10, "ip", "link", "show", "vrrp.51").exit()).as("VMAC deleted at stop" + context).isNotZero();
                assertThat(routes(h1)).as("stopped: no virtual or static route left" + context)
                        .doesNotContain(VIRTUAL_ROUTE).doesNotContain(STATIC_ROUTE);
                assertThat(h1.check("ip", "rule", "show")).doesNotContain("lookup 100");
                if (c.master() == Kind.JKEEPALIVED) {
                    // keepalived 2.2.7 means to restore them (reset_interface_parameters) but leaves 1 behind here
                    assertThat(h1.check("cat", "/proc/sys/net/ipv4/conf/eth0/arp_ignore").trim()).as("base sysctl restored").isEqualTo("0");
                    assertThat(h1.check("cat", "/proc/sys/net/ipv4/conf/eth0/arp_filter").trim()).isEqualTo("0");
                }
            } finally {
                backup.signal("TERM");
                backup.awaitExit(5_000);
                master.signal("KILL");
                backup.signal("KILL");
                capture.close();
            }
            String context = "\n--- master " + master + "\n" + master.log() + "\n--- backup " + backup + "\n" + backup.log();
            assertThat(routes(h2)).as("the last director stopped: its static route is gone" + context).doesNotContain(STATIC_ROUTE);
            // gratuitous ARPs for the VIP come from the VMAC, from both masters in turn
            List<String> garps = capture.read("arp && arp.src.proto_ipv4 == " + VIP + " && arp.dst.proto_ipv4 == " + VIP,
                    "eth.src", "arp.src.hw_mac");
            assertThat(garps).as("gratuitous ARPs" + context).isNotEmpty().allMatch(l -> l.equals(VMAC + "," + VMAC));
            List<String> adverts = capture.read("vrrp", "ip.src", "eth.src");
            for (String src : List.of("198.51.100.1", "198.51.100.2")) {
                assertThat(adverts).as("adverts of %s%s", src, context).anyMatch(l -> l.startsWith(src + ","));
            }
            if (!c.xmitBase()) {
                assertThat(adverts).as("adverts leave from the VMAC" + context).allMatch(l -> l.endsWith("," + VMAC));
            } else if (c.master() == Kind.JKEEPALIVED) {
                assertThat(adverts.stream().filter(l -> l.startsWith("198.51.100.1,")))
                        .as("vmac_xmit_base: adverts leave from the base interface" + context).noneMatch(l -> l.endsWith("," + VMAC));
            }
        }
    }

    private static String routes(NetNs.Host h) throws Exception {
        return h.check("ip", "-4", "route", "show", "table", "all");
    }

    /**
     * The client forgets the VIP's neighbour entry, opens a TCP connection to a closed port of the VIP (no ping on
     * this machine: the master's RST, "Connection refused", shows it answers) and has learnt the VMAC for it: ""
     * when so, else what it saw.
     */
    private static String clientSeesVmac(NetNs.Host client) throws Exception {
        client.exec(10, "ip", "neigh", "flush", "dev", "eth0");
        NetNs.Result probe = client.exec(10, "timeout", "3", "bash", "-c", "exec 3<>/dev/tcp/" + VIP + "/9");
        String neigh = client.check("ip", "neigh", "show", VIP);
        return probe.output().contains("Connection refused") && neigh.contains("lladdr " + VMAC) ? ""
                : probe.output() + "\n" + neigh;
    }

    static String config(String id, String state, int priority, boolean xmitBase) {
        return "global_defs {\n    router_id lab_" + id + "\n}\n"
                + "static_routes {\n    " + STATIC_ROUTE + " via 198.51.100.254 dev eth0\n}\n"
                + "vrrp_instance VI_1 {\n    state " + state + "\n    interface eth0\n    virtual_router_id 51\n"
                + "    priority " + priority + "\n    advert_int 1\n    use_vmac\n"
                + (xmitBase ? "    vmac_xmit_base\n" : "")
                + "    authentication {\n        auth_type PASS\n        auth_pass labpass1\n    }\n"
                + "    virtual_ipaddress {\n        " + VIP + "/24\n    }\n"
                + "    virtual_routes {\n        " + VIRTUAL_ROUTE + " via 198.51.100.254 dev eth0\n    }\n"
                + "    virtual_rules {\n        from 203.0.113.5 table 100\n    }\n}\n";
    }
}
