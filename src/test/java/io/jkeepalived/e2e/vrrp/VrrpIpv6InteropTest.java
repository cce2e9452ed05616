package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.Capture;
import io.jkeepalived.e2e.NetNs;
import io.jkeepalived.e2e.vrrp.Director.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * VRRPv3 over IPv6 between jkeepalived and keepalived: adverts to ff02::12 from the link-local address with hop
 * limit 255 and a good checksum, the VIP 2001:db8::100 moving on SIGTERM, and keepalived's burst of 5 unsolicited
 * neighbour advertisements from the new master.
 */
class VrrpIpv6InteropTest {
    private static final String VIP = "2001:db8::100";

    record Case(Kind master, Kind backup) {
        @Override
        public String toString() {
            return master.label() + "->" + backup.label();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(new Case(Kind.JKEEPALIVED, Kind.KEEPALIVED), new Case(Kind.KEEPALIVED, Kind.JKEEPALIVED));
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs();
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
                    virtual_ipaddress {
                        %s/64 dev eth0
                    }
                }
                """.formatted(id, state, priority, VIP);
    }

    static boolean hasVip(NetNs.Host host) throws Exception {
        return host.exec(10, "ip", "-6", "addr", "show", "dev", "eth0").output().contains(VIP + "/64");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ipv6BackupTakesOverOnSigterm(Case c) throws Exception {
        try (NetNs lab = NetNs.create("v6" + ProcessHandle.current().pid() % 100000, 0)) {
            NetNs.Host h1 = lab.addHost("h1");
            NetNs.Host h2 = lab.addHost("h2");
            h1.check("ip", "addr", "add", "2001:db8::1/64", "dev", "eth0", "nodad");
            h2.check("ip", "addr", "add", "2001:db8::2/64", "dev", "eth0", "nodad");
            String mac2 = h2.check("cat", "/sys/class/net/eth0/address").trim();
            Director master = new Director(c.master(), h1, "h1", dir);
            Director backup = new Director(c.backup(), h2, "h2", dir);
            Capture capture = Capture.start(lab, dir, "ip6 proto 112 or icmp6");
            double signalledAt;
            try {
                master.start(config("h1", "MASTER", 150));
                assertThat(master.awaitLog("(VI_6) Entering MASTER STATE", 20_000)).as(master.log()).isTrue();
                backup.start(config("h2", "BACKUP", 100));
                assertThat(backup.awaitLog("(VI_6) Entering BACKUP STATE", 20_000)).as(backup.log()).isTrue();
                Thread.sleep(2_500);
                assertThat(backup.log()).doesNotContain("Entering MASTER STATE");
                assertThat(hasVip(h1)).as("VIP on the master\n%s", master.log()).isTrue();
                signalledAt = System.currentTimeMillis() / 1000.0;
                master.signal("TERM");
                assertThat(backup.awaitLog("(VI_6) Entering MASTER STATE", 10_000)).as(backup.log()).isTrue();
                Thread.sleep(1_500);
                assertThat(hasVip(h2)).as("VIP on the new master").isTrue();
                assertThat(master.awaitExit(5_000)).isTrue();
                assertThat(hasVip(h1)).as("SIGTERM removes the VIP").isFalse();
            } finally {
                backup.signal("KILL");
                master.signal("KILL");
                capture.close();
            }
            String context = "\n--- master\n" + master.log() + "\n--- backup\n" + backup.log();
            List<String[]> adverts = new ArrayList<>();
            for (String line : capture.read("vrrp", "frame.time_epoch", "ipv6.src", "ipv6.dst", "ipv6.hlim",
                    "vrrp.prio", "vrrp.checksum.status", "vrrp.version")) {
                adverts.add(line.split(",", -1));
            }
            assertThat(adverts).as("adverts" + context).isNotEmpty().allSatisfy(a -> {
                assertThat(a[1]).as("source is link-local").startsWith("fe80::");
                assertThat(a[2]).isEqualTo("ff02::12");
                assertThat(a[3]).as("hop limit").isEqualTo("255");
                assertThat(a[5]).as("checksum (1 = good)").isEqualTo("1");
                assertThat(a[6]).isEqualTo("3");
            });
            assertThat(adverts.stream().anyMatch(a -> a[4].equals("0"))).as("priority 0 on stop" + context).isTrue();
            List<String> nas = capture.read("icmpv6.type == 136 && icmpv6.nd.na.target_address == " + VIP
                    + " && eth.src == " + mac2 + " && frame.time_epoch > "
                    + String.format(java.util.Locale.ROOT, "%.3f", signalledAt), "frame.time_epoch"); // no 1.7E9 for tshark
            assertThat(nas).as("unsolicited NAs of the new master" + context).hasSizeGreaterThanOrEqualTo(5);
        }
    }
}
