package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.check.TcpCheck;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.healthcheck.HealthAction.Schedule;
import io.jkeepalived.healthcheck.tcp.TcpProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ha_suspend} as keepalived 2.2.7's check_api.c: a suspended checker attempts nothing and keeps its state and
 * its retries; each due check only waits another delay_loop; once resumed the checks go on from there. First on a
 * fake clock (the state machine plus {@link HaSuspend#due}, the engine's rule), then the engine with a counting probe.
 */
class HaSuspendTest {
    private static final long S = 1_000_000_000L;
    private static final String RS = "[198.51.100.10]:tcp:80";

    @TempDir
    Path dir;

    @AfterEach
    void restoreTheRealProbe() {
        Probes.register(TcpCheck.class, TcpProbe::new);
    }

    /** One real server's checks on a fake clock, as the engine drives them, with the address watch's state. */
    private static final class FakeLoop {
        final RealServerHealth health;
        final long delayLoop;
        final PriorityQueue<Schedule> due = new PriorityQueue<>((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
        final List<Long> attempts = new ArrayList<>();
        final List<HealthAction> published = new ArrayList<>();
        boolean suspended;

        FakeLoop(CheckSchedule s) {
            health = new RealServerHealth(List.of(RealServerHealth.CheckerSpec.of(s, "TCP connection to " + RS
                    + " success.", RS)), 1);
            delayLoop = s.delayLoop();
            take(health.start(0, w -> 0));
        }

        void take(List<HealthAction> actions) {
            for (HealthAction a : actions) {
                if (a instanceof Schedule sch) {
                    due.add(sch);
                } else {
                    published.add(a);
                }
            }
        }

        /** Runs every check due up to {@code until}; {@code healthy} answers an attempt at its time. */
        void runUntil(long until, java.util.function.LongPredicate healthy) {
            while (!due.isEmpty() && due.peek().atNanos() <= until) {
                Schedule s = due.poll();
                long now = s.atNanos();
                Schedule skip = HaSuspend.due(suspended, s.checker(), now, delayLoop);
                if (skip != null) {
                    due.add(skip);
                    continue;
                }
                attempts.add(now);
                take(health.onResult(s.checker(), healthy.test(now) ? ProbeResult.ok()
                        : ProbeResult.failed("TCP connection to " + RS + " failed."), now));
            }
        }

        long attemptsBetween(long from, long to) {
            return attempts.stream().filter(t -> t >= from && t < to).count();
        }
    }

    @Test
    void aSuspendedCheckerAttemptsNothingAndKeepsItsStateAndRetries() {
        // delay_loop 10 s, retry 2, delay_before_retry 2 s; first check at 1 s (BOOTSTRAP_DELAY)
        FakeLoop l = new FakeLoop(new CheckSchedule("TCP_CHECK", 2, 2 * S, 0, 10 * S, 5 * S, false, false));
        // healthy until 20 s, failing from then on
        java.util.function.LongPredicate healthy = t -> t < 20 * S;
        l.runUntil(21 * S, healthy);            // checks at 1, 11 (ok), 21 (first failure: a retry at 23)
        assertThat(l.health.alive()).isTrue();
        assertThat(l.health.consecutiveFailures(0)).isEqualTo(1);
        l.suspended = true;                      // the VIP goes at 22 s
        l.runUntil(100 * S, healthy);
        assertThat(l.attemptsBetween(22 * S, 100 * S)).as("no attempt while suspended").isZero();
        assertThat(l.health.alive()).as("the real server stays as it was").isTrue();
        assertThat(l.health.consecutiveFailures(0)).as("and so do its retries").isEqualTo(1);
        // the due check at 23 s was put off by a delay_loop each time: 33, 43, ... 93, next 103
        assertThat(l.due.peek().atNanos()).isEqualTo(103 * S);
        l.suspended = false;                     // the VIP is back at 100 s
        l.runUntil(200 * S, healthy);
        // the next tick goes on with the round in progress: 103 (second failure), 105 (third: down)
        assertThat(l.attempts).containsSubsequence(103 * S, 105 * S);
        assertThat(l.attemptsBetween(100 * S, 103 * S)).isZero();
        assertThat(l.health.alive()).isFalse();
        assertThat(l.published).contains(new HealthAction.Log("TCP_CHECK on service " + RS + " failed after 2 retries."),
                new HealthAction.Verdict(false, 1));
    }

    @Test
    void keepalivedsLines() {
        assertThat(HaSuspend.startLine(false, RS, "[198.51.100.1]:tcp:80"))
                .isEqualTo("Activating healthchecker for service [198.51.100.10]:tcp:80 for VS [198.51.100.1]:tcp:80");
        assertThat(HaSuspend.startLine(true, RS, "[198.51.100.1]:tcp:80"))
                .isEqualTo("Deactivating healthchecker for service [198.51.100.10]:tcp:80 for VS [198.51.100.1]:tcp:80");
        assertThat(HaSuspend.changeLine(true, RS, "[198.51.100.1]:tcp:80"))
                .isEqualTo("Suspending healthchecker for service [198.51.100.10]:tcp:80 for VS [198.51.100.1]:tcp:80");
        assertThat(HaSuspend.changeLine(false, RS, "[198.51.100.1]:tcp:80"))
                .isEqualTo("Activating healthchecker for service [198.51.100.10]:tcp:80 for VS [198.51.100.1]:tcp:80");
        assertThat(HaSuspend.due(false, 0, 5, 10)).isNull();
        assertThat(HaSuspend.due(true, 0, 5, 10)).isEqualTo(new Schedule(0, 15));
    }

    @Test
    void onlyChangesArePassedOnAndAReloadForgetsOldVirtualServers() throws Exception {
        KeepalivedConfig config = config();
        VirtualServer vs = config.check().virtualServers().get(0);
        HaSuspend h = new HaSuspend();
        List<String> seen = new ArrayList<>();
        h.listen((v, s) -> seen.add(s ? "suspend" : "resume"));
        h.set(vs, false);
        h.set(vs, true);
        h.set(vs, true);
        assertThat(h.suspended(vs)).isTrue();
        h.set(vs, false);
        assertThat(seen).containsExactly("suspend", "resume");
        h.set(vs, true);
        h.keepOnly(List.of());
        assertThat(h.suspended(vs)).isFalse();
    }

    private KeepalivedConfig config() throws Exception {
        return HcConfigs.load(dir, """
                virtual_server 198.51.100.1 80 {
                  protocol TCP
                  delay_loop 0.1
                  ha_suspend
                  real_server 198.51.100.10 80 {
                    TCP_CHECK {
                      retry 0
                      warmup 0
                    }
                  }
                }
                virtual_server 198.51.100.2 80 {
                  protocol TCP
                  delay_loop 0.1
                  real_server 198.51.100.11 80 {
                    TCP_CHECK {
                      retry 0
                      warmup 0
                    }
                  }
                }
                """);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void theEngineChecksNothingWhileSuspended() throws Exception {
        AtomicInteger attemptsSuspendable = new AtomicInteger();
        AtomicInteger attemptsOther = new AtomicInteger();
        AtomicBoolean healthy = new AtomicBoolean(true);
        Probes.register(TcpCheck.class, (check, target) -> (ctx, done) -> {
            boolean first = target.connect().getAddress().getHostAddress().equals("198.51.100.10");
            (first ? attemptsSuspendable : attemptsOther).incrementAndGet();
            done.accept(!first || healthy.get() ? ProbeResult.ok() : ProbeResult.failed("TCP connection to "
                    + target.realServer() + " failed."));
        });
        KeepalivedConfig config = config();
        VirtualServer vs = config.check().virtualServers().get(0);
        HaSuspend haSuspend = new HaSuspend();
        haSuspend.set(vs, true);   // the VIP is absent at start
        List<RealServerVerdict> verdicts = new CopyOnWriteArrayList<>();
        try (CheckerEngine engine = CheckerEngine.start(config, System::nanoTime, verdicts::add,
                new CheckerEngine.Options(1, w -> 0, false), haSuspend)) {
            await("the other virtual server is checked", () -> attemptsOther.get() >= 5);
            assertThat(attemptsSuspendable.get()).as("no attempt while the VIP is absent").isZero();
            healthy.set(false);
            haSuspend.set(vs, false);
            await("resumed: the failure is seen", () -> verdicts.stream().anyMatch(
                    v -> v.realServer().address().equals("198.51.100.10") && !v.up()));
            haSuspend.set(vs, true);
            int atSuspend = attemptsSuspendable.get();
            int otherAtSuspend = attemptsOther.get();
            await("the other goes on", () -> attemptsOther.get() >= otherAtSuspend + 10);
            // an attempt in flight when the VIP went may still finish; nothing starts after it
            assertThat(attemptsSuspendable.get()).isLessThanOrEqualTo(atSuspend + 1);
            assertThat(engine.status().get(0).up()).isFalse();
        }
    }
}
