package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.Capture;
import io.jkeepalived.e2e.NetNs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VRRP lab itself, checked with Debian's keepalived on both sides: two directors on one bridge, a VIP
 * that moves when the master stops. The jkeepalived interop tests use the same lab; when this one fails,
 * the lab (namespaces, bridge, kernel) is at fault, not jkeepalived.
 */
class KeepalivedPairTest {
    private static final String VIP = "198.51.100.100";
    private static NetNs lab;
    private static NetNs.Host h1;
    private static NetNs.Host h2;

    @TempDir
    static Path dir;

    @BeforeAll
    static void lab() throws Exception {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")),
                "needs Debian's keepalived (apt-get install keepalived) as the reference peer");
        lab = NetNs.create("vrrp" + ProcessHandle.current().pid(), 0);
        h1 = lab.addHost("h1");
        h2 = lab.addHost("h2");
        h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
        h2.check("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
    }

    @AfterAll
    static void teardown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void vipMovesToTheBackupWhenTheMasterStops() throws Exception {
        Assumptions.assumeTrue(Capture.available(), "needs tshark and dumpcap (apt-get install tshark)");
        Capture capture = Capture.start(lab, dir, "vrrp or arp");
        NetNs.Daemon master = keepalived(h1, "h1", "MASTER", 150);
        NetNs.Daemon backup = keepalived(h2, "h2", "BACKUP", 100);
        try {
            assertThat(waitForVip(h1, true, 15_000)).as("VIP on h1\n%s", master.output()).isTrue();
            assertThat(hasVip(h2)).isFalse();
            Thread.sleep(1500); // at least one more advert after the takeover
            capture.close();
            // checksum.status 1 is tshark's "Good"; an empty _ws.expert means nothing malformed
            assertThat(capture.read("vrrp", "ip.src", "ip.ttl", "vrrp.prio", "vrrp.checksum.status", "_ws.expert"))
                    .isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo("198.51.100.1,255,150,1,"));
            // one burst of vrrp_garp_master_repeat (5) gratuitous ARPs; the second comes garp_master_delay (5 s) later
            assertThat(capture.read("arp.src.proto_ipv4 == %s && arp.dst.proto_ipv4 == %s".formatted(VIP, VIP),
                    "arp.opcode", "eth.dst")).hasSize(5).allSatisfy(a -> assertThat(a).isEqualTo("1,ff:ff:ff:ff:ff:ff"));

            NetNs.killGroup(master, "TERM");
            master.process().waitFor();
            assertThat(waitForVip(h2, true, 5_000)).as("VIP on h2\n%s", backup.output()).isTrue();
            assertThat(hasVip(h1)).as("SIGTERM removes the VIP").isFalse();
            assertThat(backup.output()).contains("(VI_1) Entering MASTER STATE");
        } finally {
            NetNs.killGroup(master, "KILL");
            NetNs.killGroup(backup, "KILL");
        }
    }

    private static NetNs.Daemon keepalived(NetNs.Host host, String id, String state, int priority) throws IOException {
        Path conf = dir.resolve(id + ".conf");
        Files.writeString(conf, """
                global_defs {
                    router_id lab_%s
                    vrrp_version 2
                }
                vrrp_instance VI_1 {
                    state %s
                    interface eth0
                    virtual_router_id 51
                    priority %d
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass labpass1
                    }
                    virtual_ipaddress {
                        %s/24 dev eth0
                    }
                }
                """.formatted(id, state, priority, VIP));
        return host.start(dir.resolve(id + ".log"), "/usr/sbin/keepalived", "-n", "-l", "-D", "-P",
                "-f", conf.toString(), "-p", dir.resolve(id + ".pid").toString(),
                "-r", dir.resolve(id + "-vrrp.pid").toString(), "-c", dir.resolve(id + "-checkers.pid").toString());
    }

    static boolean hasVip(NetNs.Host host) throws IOException, InterruptedException {
        return host.exec(10, "ip", "-4", "addr", "show", "dev", "eth0").output().contains(VIP + "/24");
    }

    /** Polls every 20 ms, at most {@code timeoutMillis}; bounded so a broken lab fails instead of hanging. */
    static boolean waitForVip(NetNs.Host host, boolean present, long timeoutMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (hasVip(host) == present) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
