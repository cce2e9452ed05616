package io.jkeepalived.daemon.check;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.daemon.TestConfigs;
import io.jkeepalived.healthcheck.RealServerVerdict;
import io.jkeepalived.healthcheck.VerdictListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Healthcheck subsystem in a dry run, with made-up verdicts instead of the checker engine: what it would send
 * to the kernel at start, when a real server fails and comes back, and at stop. (Where IPVS is absent, as on the
 * build machine, a dry run starts from an empty table.)
 */
class HealthcheckServiceTest {
    @TempDir
    Path dir;

    @Test
    void verdictsBecomeTheSmallestChangesAndStopRemovesTheServices() throws Exception {
        KeepalivedConfig config = TestConfigs.load(dir, """
                virtual_server 198.51.100.77 8080 {
                    lvs_sched rr
                    lvs_method NAT
                    protocol TCP
                    real_server 203.0.113.2 8080 {
                        TCP_CHECK {
                        }
                    }
                    real_server 203.0.113.3 8080 {
                        inhibit_on_failure
                        TCP_CHECK {
                        }
                    }
                }
                """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicReference<VerdictListener> engine = new AtomicReference<>();
        HealthcheckService s = new HealthcheckService(config, true, out, (c, clock, listener) -> {
            engine.set(listener);
            return () -> engine.set(null);
        });
        s.start(System::nanoTime);
        VirtualServer vs = config.check().virtualServers().get(0);
        // verdicts at different moments (s.known() waits for the ipvs thread): each gets its own change
        engine.get().onVerdict(new RealServerVerdict(vs, vs.realServers().get(0), false, 1));
        s.known();
        engine.get().onVerdict(new RealServerVerdict(vs, vs.realServers().get(1), false, 1));
        s.known();
        engine.get().onVerdict(new RealServerVerdict(vs, vs.realServers().get(1), true, 1));
        assertThat(s.known().get(io.jkeepalived.ipvs.IpvsServiceKey.of(io.jkeepalived.ipvs.IpvsProtocol.TCP,
                java.net.InetAddress.getByName("198.51.100.77"), 8080)).destinations()).hasSize(1);
        s.stop();
        assertThat(engine.get()).as("the engine is closed first").isNull();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Dry run: ") && !l.contains("refuse")))
                .containsExactly(
                        "Dry run: add service TCP 198.51.100.77:8080 rr",
                        "Dry run: add destination 203.0.113.2:8080 Masq weight 1 to service TCP 198.51.100.77:8080",
                        "Dry run: add destination 203.0.113.3:8080 Masq weight 1 to service TCP 198.51.100.77:8080",
                        "Dry run: delete destination 203.0.113.2:8080 of service TCP 198.51.100.77:8080",
                        "Dry run: edit destination 203.0.113.3:8080 Masq weight 0 of service TCP 198.51.100.77:8080",
                        "Dry run: edit destination 203.0.113.3:8080 Masq weight 1 of service TCP 198.51.100.77:8080",
                        "Dry run: delete service TCP 198.51.100.77:8080");
    }

    /**
     * A burst of verdicts (the first verdicts of every real server at start) is applied in order and synced once:
     * the table ends as if each had been applied alone, and every real server's line is still logged.
     */
    @Test
    void aBurstOfVerdictsEndsInTheSameTable() throws Exception {
        StringBuilder conf = new StringBuilder("virtual_server 198.51.100.77 8080 {\n    lvs_sched rr\n    lvs_method NAT\n"
                + "    protocol TCP\n");
        for (int i = 0; i < 200; i++) {
            conf.append("    real_server 203.0.113.2 ").append(10000 + i).append(" {\n        TCP_CHECK {\n        }\n    }\n");
        }
        conf.append("}\n");
        KeepalivedConfig config = TestConfigs.load(dir, conf.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicReference<VerdictListener> engine = new AtomicReference<>();
        HealthcheckService s = new HealthcheckService(config, true, out, (c, clock, listener) -> {
            engine.set(listener);
            return () -> engine.set(null);
        });
        s.start(System::nanoTime);
        VirtualServer vs = config.check().virtualServers().get(0);
        // every odd one fails, from several threads at once as the event loops would
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int first = t;
            threads[t] = new Thread(() -> {
                for (int i = first; i < 200; i += threads.length) {
                    engine.get().onVerdict(new RealServerVerdict(vs, vs.realServers().get(i), i % 2 == 0, 1));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(s.known().get(io.jkeepalived.ipvs.IpvsServiceKey.of(io.jkeepalived.ipvs.IpvsProtocol.TCP,
                java.net.InetAddress.getByName("198.51.100.77"), 8080)).destinations()).hasSize(100);
        s.stop();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Dry run: delete destination")))
                .hasSize(100);
    }

    /** keepalived's -I/--dont-release-ipvs: the checks stop, the table stays, lvs_flush_on_stop included. */
    @Test
    void dontReleaseIpvsLeavesTheTableAtStop() throws Exception {
        KeepalivedConfig config = TestConfigs.load(dir, """
                global_defs {
                    lvs_flush_on_stop
                }
                virtual_server 198.51.100.77 8080 {
                    lvs_sched rr
                    lvs_method NAT
                    protocol TCP
                    real_server 203.0.113.2 8080 {
                        TCP_CHECK {
                        }
                    }
                }
                """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicReference<VerdictListener> engine = new AtomicReference<>();
        HealthcheckService s = new HealthcheckService(config, true, out, (c, clock, listener) -> {
            engine.set(listener);
            return () -> engine.set(null);
        });
        s.start(System::nanoTime);
        s.stop(false);
        assertThat(engine.get()).as("the checks stop").isNull();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Dry run: ") && !l.contains("refuse")))
                .containsExactly(
                        "Dry run: add service TCP 198.51.100.77:8080 rr",
                        "Dry run: add destination 203.0.113.2:8080 Masq weight 1 to service TCP 198.51.100.77:8080");
    }

    @Test
    void verdictsForServersNotInTheConfigurationAreIgnored() throws Exception {
        KeepalivedConfig config = TestConfigs.load(dir, """
                virtual_server 198.51.100.77 8080 {
                    protocol TCP
                    real_server 203.0.113.2 8080 {
                    }
                }
                """);
        KeepalivedConfig other = TestConfigs.load(dir, """
                virtual_server 198.51.100.78 8080 {
                    protocol TCP
                    real_server 203.0.113.2 8080 {
                    }
                }
                """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicReference<VerdictListener> engine = new AtomicReference<>();
        HealthcheckService s = new HealthcheckService(config, true, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                (c, clock, listener) -> {
                    engine.set(listener);
                    return () -> { };
                });
        s.start(System::nanoTime);
        VirtualServer stranger = other.check().virtualServers().get(0);
        engine.get().onVerdict(new RealServerVerdict(stranger, stranger.realServers().get(0), false, 1));
        assertThat(s.known().services()).hasSize(1);
        assertThat(s.known().services().values().iterator().next().destinations()).hasSize(1);
        s.stop();
    }
}
