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
 * Gratuitous ARP spacing on the wire with {@code vrrp_garp_interval} / {@code garp_group}: a lone director with two
 * VIPs becomes master and its GARPs are captured on the bridge; keepalived 2.2.7 runs the same configuration in the
 * same lab and the two sequences of gaps must match (each gap within {@link #TOLERANCE_SECONDS}).
 *
 * <p>What keepalived does, and so what is expected: with an interval, a burst of {@code garp_master_repeat} rounds
 * sends the first VIP at once and keeps one pending message per VIP (not one per round), each sent one interval
 * after the previous on the interface; so 2 VIPs give 3 GARPs per burst, {@code interval} apart, and the same
 * again {@code garp_master_delay} later.
 */
class GarpSpacingTest {
    private static final double TOLERANCE_SECONDS = 0.03;
    private static final String VIP1 = "198.51.100.100";
    private static final String VIP2 = "198.51.100.101";

    record Case(String name, String globals, String groups, double interval) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("vrrp_garp_interval 0.2", "    vrrp_garp_interval 0.2\n", "", 0.2),
                new Case("garp_group garp_interval 0.15", "",
                        "garp_group {\n    garp_interval 0.15\n    interface eth0\n}\n", 0.15));
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs();
    }

    static String config(Case c) {
        return "global_defs {\n    router_id lab_garp\n    vrrp_version 3\n    vrrp_garp_master_delay 2\n"
                + c.globals() + "}\n" + c.groups()
                + "vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 52\n"
                + "    priority 150\n    advert_int 0.1\n    virtual_ipaddress {\n        " + VIP1 + "/24\n        "
                + VIP2 + "/24\n    }\n}\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void garpGapsMatchKeepalived(Case c) throws Exception {
        List<Double> ka = garps(Kind.KEEPALIVED, c);
        List<Double> jk = garps(Kind.JKEEPALIVED, c);
        // keepalived's own pattern, so a keepalived that behaves otherwise is noticed rather than copied blindly
        assertThat(ka).as("keepalived: 3 per burst, two bursts").hasSize(6);
        assertThat(jk).as("jkeepalived sends as many GARPs as keepalived (keepalived at %s)", ka).hasSize(ka.size());
        for (int i = 1; i < ka.size(); i++) {
            double kaGap = ka.get(i) - ka.get(i - 1);
            double jkGap = jk.get(i) - jk.get(i - 1);
            assertThat(jkGap).as("gap %d: jkeepalived %s vs keepalived %s (all: jk %s ka %s)", i, jkGap, kaGap, jk, ka)
                    .isCloseTo(kaGap, org.assertj.core.data.Offset.offset(TOLERANCE_SECONDS));
        }
        // and against the configuration: within a burst, one interval apart
        assertThat(jk.get(1) - jk.get(0)).isCloseTo(c.interval(), org.assertj.core.data.Offset.offset(TOLERANCE_SECONDS));
        assertThat(jk.get(2) - jk.get(1)).isCloseTo(c.interval(), org.assertj.core.data.Offset.offset(TOLERANCE_SECONDS));
        assertThat(jk.get(3) - jk.get(0)).as("second burst garp_master_delay later").isCloseTo(2.0,
                org.assertj.core.data.Offset.offset(0.1));
    }

    /** Runs one director alone until both GARP bursts are out; the GARP times (seconds), first burst first. */
    private List<Double> garps(Kind kind, Case c) throws Exception {
        try (NetNs lab = NetNs.create("garp-" + ProcessHandle.current().pid() % 10000 + kind.label(), 0)) {
            NetNs.Host h1 = lab.addHost("h1");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            String mac = h1.check("cat", "/sys/class/net/eth0/address").trim();
            Director d = new Director(kind, h1, kind.label() + "-garp", dir);
            Capture capture = Capture.start(lab, dir, "arp");
            try {
                d.start(config(c));
                assertThat(d.awaitLog("(VI_1) Entering MASTER STATE", 20_000))
                        .as("%s becomes master\n%s", d, d.log()).isTrue();
                Thread.sleep(3_000); // the second burst starts garp_master_delay (2 s) later and lasts 2 intervals
            } finally {
                d.signal("KILL");
                d.awaitExit(5_000);
                capture.close();
            }
            List<Double> times = new ArrayList<>();
            for (String t : capture.read("arp.opcode == 1 && arp.src.proto_ipv4 == arp.dst.proto_ipv4 && eth.src == "
                    + mac, "frame.time_epoch")) {
                times.add(Double.parseDouble(t));
            }
            return times;
        }
    }
}
