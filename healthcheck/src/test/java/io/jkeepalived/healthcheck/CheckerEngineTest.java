package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.check.TcpCheck;
import io.jkeepalived.healthcheck.tcp.TcpProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's edge with a fake TCP_CHECK probe (no network): initial verdicts, down after the retries, up on
 * the first success, notify scripts, the status snapshot, and nothing published after close.
 */
class CheckerEngineTest {
    /** What the fake probe answers, per real server address. */
    private static final Map<String, Boolean> HEALTHY = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    @AfterEach
    void restoreTheRealProbe() {
        Probes.register(TcpCheck.class, TcpProbe::new);
        HEALTHY.clear();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void verdictsFollowTheProbesAndNotifyScriptsRun() throws Exception {
        Probes.register(TcpCheck.class, (check, target) -> new Probe() {
            @Override
            public void start(ProbeContext ctx, java.util.function.Consumer<ProbeResult> done) {
                String ip = target.connect().getAddress().getHostAddress();
                // answer from another thread, as a real probe's I/O callback may
                ctx.blocking().execute(() -> done.accept(HEALTHY.getOrDefault(ip, true) ? ProbeResult.ok()
                        : ProbeResult.failed("TCP connection to " + target.realServer() + " failed.")));
            }
        });
        Path log = dir.resolve("notify.log");
        Path script = dir.resolve("notify.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $2\" >> " + log + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        KeepalivedConfig config = HcConfigs.load(dir, """
                virtual_server 198.51.100.1 80 {
                  protocol TCP
                  delay_loop 0.1
                  real_server 198.51.100.10 80 {
                    weight 3
                    notify_up "%1$s up .10"
                    notify_down "%1$s down .10"
                    TCP_CHECK {
                      retry 2
                      delay_before_retry 0.05
                      warmup 0
                    }
                  }
                  real_server 198.51.100.11 80 {
                    alpha
                    TCP_CHECK {
                      warmup 0
                    }
                  }
                }
                """.formatted(script));
        List<RealServerVerdict> verdicts = new CopyOnWriteArrayList<>();
        HEALTHY.put("198.51.100.10", true);
        CheckerEngine engine = CheckerEngine.start(config, System::nanoTime, verdicts::add,
                new CheckerEngine.Options(2, w -> 0, false));
        try {
            // initial verdicts: .10 up, .11 down (alpha) until its first success
            await("initial verdicts", () -> verdicts.size() >= 2);
            assertThat(verdicts.subList(0, 2)).extracting(v -> v.realServer().address() + "=" + v.up())
                    .containsExactlyInAnyOrder("198.51.100.10=true", "198.51.100.11=false");
            assertThat(verdicts.stream().filter(v -> v.realServer().address().equals("198.51.100.10")).findFirst()
                    .orElseThrow().weight()).isEqualTo(3);
            await(".11 up after its first success", () -> verdicts.stream().anyMatch(
                    v -> v.realServer().address().equals("198.51.100.11") && v.up()));

            HEALTHY.put("198.51.100.10", false);
            await(".10 down", () -> last(verdicts, "198.51.100.10") == Boolean.FALSE);
            RealServerStatus st = engine.status().get(0);
            assertThat(st.name()).isEqualTo("[198.51.100.10]:tcp:80");
            assertThat(st.up()).isFalse();
            assertThat(st.checkers().get(0).consecutiveFailures()).isGreaterThanOrEqualTo(3);
            HEALTHY.put("198.51.100.10", true);
            await(".10 up again", () -> last(verdicts, "198.51.100.10") == Boolean.TRUE);
            await("notify scripts ran", () -> lines(log).equals(List.of("down .10", "up .10")));
            assertThat(engine.checksDone()).isPositive();
            assertThat(engine.status().get(0).checkers().get(0).lastLatencyNanos()).isNotNegative();
        } finally {
            engine.close();
        }
        int after = verdicts.size();
        HEALTHY.put("198.51.100.10", false);
        Thread.sleep(400);
        assertThat(verdicts).as("nothing after close").hasSize(after);
    }

    private static Boolean last(List<RealServerVerdict> verdicts, String address) {
        Boolean up = null;
        for (RealServerVerdict v : verdicts) {
            if (v.realServer().address().equals(address)) {
                up = v.up();
            }
        }
        return up;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
