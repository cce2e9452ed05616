package io.jkeepalived.e2e.vrrp;

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
 * {@code use_vmac} for an IPv6 (VRRPv3) instance between keepalived 2.2.7 and jkeepalived in both roles, in
 * namespaces {@code jk-vmac6*}: the VMAC has the IPv6 virtual router MAC 00:00:5e:00:02:3d, no address of its own
 * making (addr_gen_mode none) but the base interface's link-local one to send from, and the client's neighbour
 * entry for the VIP is the VMAC before and after the failover.
 */
class VrrpVmacIpv6Test {
    private static final String VIP = "2001:db8::100";
    private static final String VMAC = "00:00:5e:00:02:3d";

    static Stream<Kind[]> cases() {
        return Stream.of(new Kind[] {Kind.JKEEPALIVED, Kind.KEEPALIVED}, new Kind[] {Kind.KEEPALIVED, Kind.JKEEPALIVED});
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpVmacTest.needs();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void vipMovesWithItsIpv6VirtualMac(Kind masterKind, Kind backupKind) throws Exception {
        try (NetNs lab = NetNs.create("vmac6" + ProcessHandle.current().pid() % 100000, 0)) {
            NetNs.Host h1 = lab.addHost("h1");
            NetNs.Host h2 = lab.addHost("h2");
            NetNs.Host client = lab.addHost("c");
            h1.check("ip", "addr", "add", "2001:db8::1/64", "dev", "eth0", "nodad");
            h2.check("ip", "addr", "add", "2001:db8::2/64", "dev", "eth0", "nodad");
            client.check("ip", "addr", "add", "2001:db8::50/64", "dev", "eth0", "nodad");
            Director master = new Director(masterKind, h1, "h1", dir);
            Director backup = new Director(backupKind, h2, "h2", dir);
            try {
                // link-local addresses are there once DAD is off and the links are up
                Thread.sleep(500);
                master.start(config("h1", "MASTER", 150));
                assertThat(master.awaitLog("(VI_6) Entering MASTER STATE", 20_000))
                        .as("%s becomes master\n%s", master, master.log()).isTrue();
                backup.start(config("h2", "BACKUP", 100));
                assertThat(backup.awaitLog("(VI_6) Entering BACKUP STATE", 20_000))
                        .as("%s starts as backup\n%s", backup, backup.log()).isTrue();
                Thread.sleep(2_500);
                String context = "\n--- master " + master + "\n" + master.log() + "\n--- backup " + backup + "\n" + backup.log();
                assertThat(backup.log()).as("the backup stayed backup" + context).doesNotContain("Entering MASTER STATE");
                for (NetNs.Host h : List.of(h1, h2)) {
                    assertThat(h.check("ip", "-d", "link", "show", "vrrp.61")).as("%s's VMAC%s", h.name(), context)
                            .contains(VMAC).contains("macvlan mode private");
                    String lls = h.check("ip", "-6", "addr", "show", "dev", "vrrp.61", "scope", "link");
                    String base = h.check("ip", "-6", "addr", "show", "dev", "eth0", "scope", "link");
                    String baseLl = base.substring(base.indexOf("inet6 ") + 6).split("/")[0];
                    assertThat(lls).as("%s's VMAC sends from the base's link-local address%s", h.name(), context)
                            .contains(baseLl).doesNotContain("fe80::200:5eff");
                }
                assertThat(h1.check("ip", "-6", "addr", "show", "dev", "vrrp.61")).as("VIP on the master's VMAC" + context)
                        .contains(VIP + "/64");
                assertThat(clientSeesVmac(client)).as("client's neighbour entry before failover" + context).isEmpty();
                master.signal("TERM");
                assertThat(backup.awaitLog("(VI_6) Entering MASTER STATE", 10_000))
                        .as("%s takes over\n%s", backup, backup.log()).isTrue();
                Thread.sleep(1_500);
                context = "\n--- master " + master + "\n" + master.log() + "\n--- backup " + backup + "\n" + backup.log();
                assertThat(h2.check("ip", "-6", "addr", "show", "dev", "vrrp.61")).as("VIP on the new master's VMAC" + context)
                        .contains(VIP + "/64");
                assertThat(clientSeesVmac(client)).as("client's neighbour entry after failover" + context).isEmpty();
            } finally {
                backup.signal("TERM");
                backup.awaitExit(5_000);
                master.signal("KILL");
                backup.signal("KILL");
            }
        }
    }

    /** As {@link VrrpVmacTest}: a TCP probe to a closed port, then the neighbour entry; "" when it is the VMAC. */
    private static String clientSeesVmac(NetNs.Host client) throws Exception {
        client.exec(10, "ip", "-6", "neigh", "flush", "dev", "eth0");
        NetNs.Result probe = client.exec(10, "timeout", "3", "bash", "-c", "exec 3<>/dev/tcp/" + VIP + "/9");
        String neigh = client.check("ip", "-6", "neigh", "show", VIP);
        return probe.output().contains("Connection refused") && neigh.contains("lladdr " + VMAC) ? ""
                : probe.output() + "\n" + neigh;
    }

    static String config(String id, String state, int priority) {
        return """
                global_defs {
                    router_id lab_%s
                }
                vrrp_instance VI_6 {
                    state %s
                    interface eth0
                    virtual_router_id 61
                    priority %d
                    advert_int 1
                    use_vmac
                    virtual_ipaddress {
                        %s/64
                    }
                }
                """.formatted(id, state, priority, VIP);
    }
}
