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
 * A director with the higher priority comes back: it preempts (after master-down, as keepalived: it starts
 * BACKUP and discards the lower-priority adverts until then), or, with {@code nopreempt}, holds back. After a
 * preemption the new master's gratuitous ARPs come as keepalived paces them: 5 at once, 5 more
 * {@code garp_master_delay} (5 s) later.
 */
class VrrpPreemptionTest {
    private static final VrrpInteropTest.Setup SETUP = VrrpInteropTest.V3_01;

    /** @param returning the implementation of the director that comes back; {@code other} holds the VIP meanwhile */
    record Case(Kind returning, Kind other, boolean nopreempt) {
        @Override
        public String toString() {
            return (nopreempt ? "nopreempt " : "preempt ") + returning.label() + " returns, " + other.label() + " holds";
        }
    }

    static Stream<Case> cases() {
        Kind jk = Kind.JKEEPALIVED;
        Kind ka = Kind.KEEPALIVED;
        return Stream.of(new Case(jk, ka, false), new Case(ka, jk, false), new Case(jk, jk, false),
                new Case(jk, ka, true), new Case(ka, jk, true));
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void higherPriorityComesBack(Case c) throws Exception {
        Assumptions.assumeTrue(Capture.available(), "needs tshark");
        try (NetNs lab = NetNs.create("vp" + ProcessHandle.current().pid() % 100000, 0)) {
            NetNs.Host h1 = lab.addHost("h1");
            NetNs.Host h2 = lab.addHost("h2");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            h2.check("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
            String mac1 = h1.check("cat", "/sys/class/net/eth0/address").trim();
            String conf1 = VrrpInteropTest.config(SETUP, "h1", "BACKUP", 150, "198.51.100.1", "198.51.100.2");
            if (c.nopreempt()) {
                conf1 = conf1.replace("    state BACKUP\n", "    state BACKUP\n    nopreempt\n");
            }
            Director other = new Director(c.other(), h2, "h2", dir);
            Director returning = new Director(c.returning(), h1, "h1b", dir);
            Capture capture = null;
            try {
                other.start(VrrpInteropTest.config(SETUP, "h2", "BACKUP", 100, "198.51.100.2", "198.51.100.1"));
                assertThat(other.awaitLog("(VI_1) Entering MASTER STATE", 20_000))
                        .as("%s alone becomes master\n%s", other, other.log()).isTrue();
                capture = Capture.start(lab, dir, "vrrp or arp");
                returning.start(conf1);
                assertThat(returning.awaitLog("(VI_1) Entering BACKUP STATE", 20_000))
                        .as("%s starts as backup\n%s", returning, returning.log()).isTrue();
                if (c.nopreempt()) {
                    Thread.sleep(2_000); // 5 x master-down: ample time to preempt, were it allowed
                    assertThat(returning.log()).as("nopreempt holds back").doesNotContain("Entering MASTER STATE");
                    assertThat(VrrpInteropTest.hasVip(h2)).isTrue();
                    assertThat(VrrpInteropTest.hasVip(h1)).isFalse();
                    return;
                }
                assertThat(returning.awaitLog("(VI_1) Entering MASTER STATE", 10_000))
                        .as("%s preempts\n%s", returning, returning.log()).isTrue();
                assertThat(other.awaitLog("(VI_1) Entering BACKUP STATE", 5_000))
                        .as("%s yields\n%s", other, other.log()).isTrue();
                Thread.sleep(6_000); // the delayed GARP burst comes 5 s after the takeover
                assertThat(VrrpInteropTest.hasVip(h1)).isTrue();
                assertThat(VrrpInteropTest.hasVip(h2)).isFalse();
            } finally {
                for (Director d : List.of(returning, other)) {
                    d.signal("KILL");
                }
                if (capture != null) {
                    capture.close();
                }
            }
            List<Double> garps = new ArrayList<>();
            for (String t : capture.read("arp.src.proto_ipv4 == 198.51.100.100 && eth.src == " + mac1,
                    "frame.time_epoch")) {
                garps.add(Double.parseDouble(t));
            }
            // 5 at the takeover and 5 more garp_master_delay later. When the old master's last advert crosses ours,
            // a master answers the lower priority with garp_lower_prio_repeat more (and those repeat 5 s later too),
            // as keepalived does: so whole bursts of 5, the same number at +5 s as at the takeover.
            double t0 = garps.get(0);
            long first = garps.stream().filter(t -> t - t0 < 1.0).count();
            long second = garps.stream().filter(t -> t - t0 >= 4.9 && t - t0 < 6.0).count();
            assertThat(first).as("GARPs at the takeover\n%s", returning.log()).isIn(5L, 10L);
            assertThat(second).as("GARPs garp_master_delay later\n%s", returning.log()).isEqualTo(first);
            assertThat(garps).as("nothing in between or after").hasSize((int) (first + second));
            assertThat(garps.get(4) - t0).as("first burst back to back").isLessThan(0.1);
        }
    }
}
