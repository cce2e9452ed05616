package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.Capture;
import io.jkeepalived.e2e.NetNs;
import io.jkeepalived.e2e.vrrp.Director.Kind;
import org.junit.jupiter.api.Assumptions;
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
 * Failover between two directors on one bridge, each Debian's keepalived 2.2.7 or jkeepalived, in both roles:
 * the master (priority 150) holds the VIP, is stopped (SIGTERM) or killed (SIGKILL, the whole process group), and
 * the backup (priority 100) takes over. Judged on the wire by tshark: every advert has TTL 255, a good checksum and
 * nothing malformed; the takeover comes within keepalived's own time (skew after a priority-0 advert, master-down
 * after the last advert) plus 100 ms; the new master sends keepalived's burst of 5 gratuitous ARPs.
 */
class VrrpInteropTest {
    private static final String VIP = "198.51.100.100";
    private static final double SLACK_SECONDS = 0.100;

    /** The VRRP settings of one case. */
    record Setup(String name, int version, String advertInt, String auth, boolean unicast) {
        double advertSeconds() {
            return Double.parseDouble(advertInt);
        }

        /** RFC 3768 §6.1 / RFC 5798 §6.1 as keepalived computes it for the backup's priority 100. */
        double skewSeconds() {
            return (256 - 100) / 256.0 * (version == 2 ? 1.0 : advertSeconds());
        }

        double masterDownSeconds() {
            return 3 * advertSeconds() + skewSeconds();
        }
    }

    record Case(Kind master, Kind backup, Setup setup, String signal) {
        @Override
        public String toString() {
            return setup.name + " " + master.label() + "->" + backup.label() + " " + signal;
        }
    }

    static final Setup V2_PASS = new Setup("v2 PASS adv 1", 2, "1", "PASS", false);
    static final Setup V2_NONE = new Setup("v2 no auth adv 1", 2, "1", null, false);
    static final Setup V2_AH = new Setup("v2 AH adv 1", 2, "1", "AH", false);
    static final Setup V3_1 = new Setup("v3 adv 1", 3, "1", null, false);
    static final Setup V3_01 = new Setup("v3 adv 0.1", 3, "0.1", null, false);
    static final Setup UNICAST = new Setup("v2 PASS unicast adv 1", 2, "1", "PASS", true);

    static Stream<Case> cases() {
        Kind jk = Kind.JKEEPALIVED;
        Kind ka = Kind.KEEPALIVED;
        return Stream.of(
                new Case(ka, ka, V2_PASS, "TERM"), // the lab itself, with keepalived on both sides
                new Case(jk, ka, V2_PASS, "TERM"),
                new Case(ka, jk, V2_PASS, "TERM"),
                new Case(jk, ka, V2_PASS, "KILL"),
                new Case(ka, jk, V2_PASS, "KILL"),
                new Case(ka, jk, V2_NONE, "TERM"),
                new Case(jk, ka, V2_AH, "TERM"),
                new Case(ka, jk, V2_AH, "TERM"),
                new Case(jk, ka, V3_1, "KILL"),
                new Case(jk, ka, V3_01, "TERM"),
                new Case(ka, jk, V3_01, "KILL"),
                new Case(jk, jk, V3_01, "TERM"),
                new Case(jk, jk, V3_01, "KILL"),
                new Case(jk, ka, UNICAST, "TERM"),
                new Case(ka, jk, UNICAST, "KILL"));
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
        Assumptions.assumeTrue(Director.keepalivedInstalled(),
                "needs Debian's keepalived (apt-get install keepalived) as the reference peer");
        Assumptions.assumeTrue(Capture.available(), "needs tshark and dumpcap (apt-get install tshark)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backupTakesOver(Case c) throws Exception {
        try (NetNs lab = NetNs.create("vr" + ProcessHandle.current().pid() % 100000, 0)) {
            NetNs.Host h1 = lab.addHost("h1");
            NetNs.Host h2 = lab.addHost("h2");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            h2.check("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
            String mac2 = h2.check("cat", "/sys/class/net/eth0/address").trim();
            Director master = new Director(c.master(), h1, "h1", dir);
            Director backup = new Director(c.backup(), h2, "h2", dir);
            Capture capture = Capture.start(lab, dir, "vrrp or arp or ip proto 51");
            try {
                master.start(config(c.setup(), "h1", "MASTER", 150, "198.51.100.1", "198.51.100.2"));
                assertThat(master.awaitLog("(VI_1) Entering MASTER STATE", 20_000))
                        .as("%s becomes master\n%s", master, master.log()).isTrue();
                backup.start(config(c.setup(), "h2", "BACKUP", 100, "198.51.100.2", "198.51.100.1"));
                assertThat(backup.awaitLog("(VI_1) Entering BACKUP STATE", 20_000))
                        .as("%s starts as backup\n%s", backup, backup.log()).isTrue();
                Thread.sleep((long) (2_500 * c.setup().advertSeconds()));
                assertThat(backup.log()).as("the backup stayed backup").doesNotContain("Entering MASTER STATE");
                assertThat(hasVip(h1)).as("VIP on the master\n%s", master.log()).isTrue();
                assertThat(hasVip(h2)).isFalse();

                master.signal(c.signal());
                assertThat(backup.awaitLog("(VI_1) Entering MASTER STATE",
                        (long) (1000 * (c.setup().masterDownSeconds() + 5))))
                        .as("%s takes over\n%s", backup, backup.log()).isTrue();
                Thread.sleep(Math.max(500, (long) (1500 * c.setup().advertSeconds())));
                assertThat(hasVip(h2)).as("VIP on the new master").isTrue();
                if (c.signal().equals("TERM")) {
                    assertThat(master.awaitExit(5_000)).as("%s exits on SIGTERM\n%s", master, master.log()).isTrue();
                    assertThat(hasVip(h1)).as("SIGTERM removes the VIP").isFalse();
                }
            } finally {
                backup.signal("TERM");
                backup.awaitExit(5_000);
                master.signal("KILL");
                backup.signal("KILL");
                capture.close();
            }
            judge(c, capture, mac2, master, backup);
        }
    }

    private static void judge(Case c, Capture capture, String backupMac, Director master, Director backup)
            throws Exception {
        String context = "\n--- master " + master + "\n" + master.log() + "\n--- backup " + backup + "\n" + backup.log();
        // one tshark run for everything: it takes seconds to start on a busy machine
        List<String[]> adverts = new ArrayList<>();
        List<Double> garps = new ArrayList<>();
        for (String line : capture.read("vrrp || arp", "frame.time_epoch", "ip.src", "ip.ttl", "vrrp.prio",
                "vrrp.checksum.status", "_ws.expert", "arp.src.proto_ipv4", "arp.dst.proto_ipv4", "eth.src")) {
            String[] f = line.split(",", -1);
            if (!f[6].isEmpty()) {
                if (f[6].equals(VIP) && f[7].equals(VIP) && f[8].equals(backupMac)) {
                    garps.add(Double.parseDouble(f[0]));
                }
            } else {
                adverts.add(java.util.Arrays.copyOf(f, 6));
            }
        }
        assertThat(adverts).as("adverts captured").isNotEmpty();
        for (String[] a : adverts) {
            assertThat(a[2]).as("TTL of %s", String.join(",", a)).isEqualTo("255");
            assertThat(a[4]).as("checksum of %s (1 = good)", String.join(",", a)).isEqualTo("1");
            assertThat(a[5]).as("tshark's expert info on %s", String.join(",", a)).isEmpty();
        }
        // the master's last advert (its priority 0 on SIGTERM), then the backup's first one after it
        double lastMaster = -1;
        for (String[] a : adverts) {
            if (a[1].equals("198.51.100.1")) {
                lastMaster = Double.parseDouble(a[0]);
            }
        }
        double firstBackup = -1;
        for (String[] a : adverts) {
            if (a[1].equals("198.51.100.2") && a[3].equals("100") && Double.parseDouble(a[0]) > lastMaster) {
                firstBackup = Double.parseDouble(a[0]);
                break;
            }
        }
        assertThat(firstBackup).as("an advert of the new master after the old one's last" + context).isPositive();
        double took = firstBackup - lastMaster;
        Setup s = c.setup();
        if (c.signal().equals("TERM")) {
            assertThat(adverts.stream().anyMatch(a -> a[1].equals("198.51.100.1") && a[3].equals("0")))
                    .as("the stopping master sends priority 0" + context).isTrue();
            assertThat(took).as("takeover after priority 0 within skew %.3f s + 100 ms%s", s.skewSeconds(), context)
                    .isLessThanOrEqualTo(s.skewSeconds() + SLACK_SECONDS);
        } else {
            assertThat(took).as("takeover after the last advert within master-down %.3f s + 100 ms%s",
                    s.masterDownSeconds(), context)
                    .isLessThanOrEqualTo(s.masterDownSeconds() + SLACK_SECONDS)
                    .isGreaterThanOrEqualTo(s.masterDownSeconds() * 0.9);
        }
        double takeover = firstBackup;
        long burst = garps.stream().mapToDouble(Double::doubleValue)
                .filter(t -> t >= takeover - 0.01 && t <= takeover + 1.0).count();
        assertThat(burst).as("gratuitous ARPs of the new master right after it takes over" + context).isEqualTo(5);
    }

    static String config(Setup s, String id, String state, int priority, String self, String peer) {
        StringBuilder b = new StringBuilder();
        b.append("global_defs {\n    router_id lab_").append(id).append("\n    vrrp_version ").append(s.version())
                .append("\n}\nvrrp_instance VI_1 {\n    state ").append(state)
                .append("\n    interface eth0\n    virtual_router_id 51\n    priority ").append(priority)
                .append("\n    advert_int ").append(s.advertInt()).append('\n');
        if (s.auth() != null) {
            b.append("    authentication {\n        auth_type ").append(s.auth())
                    .append("\n        auth_pass labpass1\n    }\n");
        }
        if (s.unicast()) {
            b.append("    unicast_src_ip ").append(self).append("\n    unicast_peer {\n        ").append(peer)
                    .append("\n    }\n");
        }
        b.append("    virtual_ipaddress {\n        ").append(VIP).append("/24 dev eth0\n    }\n}\n");
        return b.toString();
    }

    static boolean hasVip(NetNs.Host host) throws Exception {
        return host.exec(10, "ip", "-4", "addr", "show", "dev", "eth0").output().contains(VIP + "/24");
    }

}
