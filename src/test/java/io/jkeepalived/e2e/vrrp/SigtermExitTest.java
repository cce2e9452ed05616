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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SIGTERM promise, measured: a jkeepalived master sent SIGTERM has exited within a second of the
 * signal, its VIP is gone, and its priority-0 advert was on the wire. Timed from just before {@code kill} runs to
 * the JVM's exit as its parent sees it (the bound is generous for a loaded machine; keepalived needs a few ms).
 */
class SigtermExitTest {
    private static final long EXIT_BOUND_MILLIS = 1_000;

    record Case(String name, String extra, String instanceExtra) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("v2 PASS adv 1", "", ""),
                // a tracker thread (a script that runs every second) must not hold the exit back either
                new Case("v2 PASS adv 1 with track_script",
                        "vrrp_script chk {\n    script \"/bin/sleep 0.2\"\n    interval 1\n}\n",
                        "    track_script {\n        chk\n    }\n"));
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exitsWithinASecond(Case c) throws Exception {
        try (NetNs lab = NetNs.create("garp-t" + ProcessHandle.current().pid() % 10000, 0)) {
            NetNs.Host h1 = lab.addHost("h1");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            String conf = VrrpInteropTest.config(VrrpInteropTest.V2_PASS, "h1", "MASTER", 150, "198.51.100.1",
                    "198.51.100.2");
            conf = c.extra() + conf.replace("    advert_int 1\n", "    advert_int 1\n" + c.instanceExtra());
            Director d = new Director(Kind.JKEEPALIVED, h1, "term", dir);
            Capture capture = Capture.start(lab, dir, "vrrp");
            long exitMillis;
            try {
                d.start(conf);
                assertThat(d.awaitLog("(VI_1) Entering MASTER STATE", 20_000))
                        .as("becomes master\n%s", d.log()).isTrue();
                Thread.sleep(1_500); // settled: GARPs out, a few adverts sent
                assertThat(VrrpInteropTest.hasVip(h1)).as("VIP on the master").isTrue();
                long t0 = System.nanoTime();
                d.signal("TERM");
                boolean exited = d.daemon.process().waitFor(10, TimeUnit.SECONDS);
                exitMillis = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("%s: SIGTERM to exit %d ms%n", c, exitMillis);
                assertThat(exited).as("exits on SIGTERM\n%s", d.log()).isTrue();
            } finally {
                d.signal("KILL");
                Thread.sleep(200); // the last advert reaches the capture
                capture.close();
            }
            assertThat(VrrpInteropTest.hasVip(h1)).as("SIGTERM removes the VIP\n%s", d.log()).isFalse();
            List<String> zero = capture.read("vrrp.prio == 0 && ip.src == 198.51.100.1", "frame.time_epoch");
            assertThat(zero).as("a priority-0 advert on the wire\n%s", d.log()).isNotEmpty();
            assertThat(exitMillis).as("ms from SIGTERM to exit (bound %d)\n%s", EXIT_BOUND_MILLIS, d.log())
                    .isLessThanOrEqualTo(EXIT_BOUND_MILLIS);
        }
    }
}
