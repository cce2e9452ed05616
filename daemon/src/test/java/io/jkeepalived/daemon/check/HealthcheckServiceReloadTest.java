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
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker side of SIGHUP in a dry run, with made-up verdicts instead of the checker engine: the plan's lines,
 * and the requests a reload sends — a service that stays is edited in place (never deleted and added), a real
 * server that stays keeps its state, removed services go, new ones come — and back again.
 */
class HealthcheckServiceReloadTest {
    @TempDir
    Path dir;

    private static final String A = """
            virtual_server 198.51.100.77 8080 {
                lvs_sched rr
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
            virtual_server 198.51.100.78 80 {
                protocol TCP
                real_server 203.0.113.4 80 {
                    TCP_CHECK {
                    }
                }
            }
            """;

    private static final String B = """
            virtual_server 198.51.100.77 8080 {
                lvs_sched wlc
                protocol TCP
                real_server 203.0.113.2 8080 {
                    TCP_CHECK {
                    }
                }
                real_server 203.0.113.3 8080 {
                    weight 2
                    inhibit_on_failure
                    TCP_CHECK {
                        connect_port 81
                    }
                }
                real_server 203.0.113.5 8080 {
                    TCP_CHECK {
                    }
                }
            }
            virtual_server 198.51.100.79 80 {
                protocol TCP
                real_server 203.0.113.6 80 {
                    TCP_CHECK {
                    }
                }
            }
            """;

    @Test
    void planNamesEveryChangeAndNothingForTheSameConfiguration() throws Exception {
        KeepalivedConfig a = TestConfigs.load(dir, A);
        KeepalivedConfig b = TestConfigs.load(dir, B);
        assertThat(HealthcheckService.reloadPlan(a, TestConfigs.load(dir, A))).isEmpty();
        assertThat(HealthcheckService.reloadPlan(a, b)).containsExactly(
                "Editing Virtual Server [198.51.100.77]:tcp:8080: scheduler rr -> wlc",
                "Changing service [203.0.113.3]:tcp:8080 of VS [198.51.100.77]:tcp:8080: weight 1 -> 2",
                "Removing TCP_CHECK of service [203.0.113.3]:tcp:8080 of VS [198.51.100.77]:tcp:8080",
                "Adding TCP_CHECK to service [203.0.113.3]:tcp:8080 of VS [198.51.100.77]:tcp:8080",
                "Adding service [203.0.113.5]:tcp:8080 to VS [198.51.100.77]:tcp:8080",
                "Removing Virtual Server [198.51.100.78]:tcp:80",
                "Adding Virtual Server [198.51.100.79]:tcp:80 with 1 real server",
                "IPVS: delete service TCP 198.51.100.78:80",
                "IPVS: edit service TCP 198.51.100.77:8080 wlc",
                "IPVS: edit destination 203.0.113.3:8080 Masq weight 2 of service TCP 198.51.100.77:8080",
                "IPVS: add destination 203.0.113.5:8080 Masq weight 1 to service TCP 198.51.100.77:8080",
                "IPVS: add service TCP 198.51.100.79:80 wlc",
                "IPVS: add destination 203.0.113.6:80 Masq weight 1 to service TCP 198.51.100.79:80");
    }

    @Test
    void reloadEditsWhatStaysKeepsStateAndGoesBack() throws Exception {
        KeepalivedConfig a = TestConfigs.load(dir, A);
        KeepalivedConfig b = TestConfigs.load(dir, B);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicReference<VerdictListener> engine = new AtomicReference<>();
        AtomicReference<KeepalivedConfig> engineConfig = new AtomicReference<>();
        HealthcheckService s = new HealthcheckService(a, true, out, (c, clock, listener) -> {
            engine.set(listener);
            engineConfig.set(c);
            return () -> engine.set(null);
        });
        s.start(System::nanoTime);
        VirtualServer vs = a.check().virtualServers().get(0);
        engine.get().onVerdict(new RealServerVerdict(vs, vs.realServers().get(0), false, 1));   // .2 down
        s.known();
        bytes.reset();

        s.reload(b);
        assertThat(engineConfig.get()).as("the checks run on the new configuration").isSameAs(b);
        assertThat(dryRun(bytes)).containsExactly(
                "Dry run: delete service TCP 198.51.100.78:80",
                "Dry run: edit service TCP 198.51.100.77:8080 wlc",
                "Dry run: edit destination 203.0.113.3:8080 Masq weight 2 of service TCP 198.51.100.77:8080",
                "Dry run: add destination 203.0.113.5:8080 Masq weight 1 to service TCP 198.51.100.77:8080",
                "Dry run: add service TCP 198.51.100.79:80 wlc",
                "Dry run: add destination 203.0.113.6:80 Masq weight 1 to service TCP 198.51.100.79:80");
        bytes.reset();

        // verdicts now name the new configuration's records; .2 (still down after the reload) comes back
        VirtualServer bvs = b.check().virtualServers().get(0);
        engine.get().onVerdict(new RealServerVerdict(bvs, bvs.realServers().get(0), true, 1));
        s.known();
        assertThat(dryRun(bytes)).containsExactly(
                "Dry run: add destination 203.0.113.2:8080 Masq weight 1 to service TCP 198.51.100.77:8080");
        bytes.reset();

        s.reload(a);
        assertThat(dryRun(bytes)).containsExactly(
                "Dry run: delete service TCP 198.51.100.79:80",
                "Dry run: edit service TCP 198.51.100.77:8080 rr",
                "Dry run: delete destination 203.0.113.5:8080 of service TCP 198.51.100.77:8080",
                "Dry run: edit destination 203.0.113.3:8080 Masq weight 1 of service TCP 198.51.100.77:8080",
                "Dry run: add service TCP 198.51.100.78:80 wlc",
                "Dry run: add destination 203.0.113.4:80 Masq weight 1 to service TCP 198.51.100.78:80");
        bytes.reset();
        s.reload(a);
        assertThat(dryRun(bytes)).as("reload to the same configuration sends nothing").isEmpty();
        s.stop();
    }

    private static List<String> dryRun(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Dry run: ") && !l.contains("refuse")
                && !l.contains("would run")).toList();
    }
}
