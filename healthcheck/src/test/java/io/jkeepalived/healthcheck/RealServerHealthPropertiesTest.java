package io.jkeepalived.healthcheck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state machine against a plain model of keepalived's rules, for any mix of checkers and any sequence of
 * results: a checker is down after its first attempt failed or after retry+1 failures in a row, up after a
 * success; the real server is up exactly when no checker is down; every verdict is a change; every attempt is
 * followed by exactly one next attempt, never in the past, delay_loop after a final attempt and
 * delay_before_retry after one that will be retried.
 */
class RealServerHealthPropertiesTest {
    private static final long S = 1_000_000_000L;

    record Step(int checker, boolean success) {
    }

    record Setup(List<CheckSchedule> checkers, List<Step> steps) {
    }

    @Provide
    Arbitrary<Setup> setups() {
        Arbitrary<CheckSchedule> schedule = Combinators.combine(
                Arbitraries.longs().between(0, 4), Arbitraries.of(true, false),
                Arbitraries.longs().between(1, 5), Arbitraries.longs().between(1, 5))
                .as((retry, alpha, dbr, loop) -> new CheckSchedule("TCP_CHECK", retry, dbr * S, 0, loop * 10 * S,
                        5 * S, alpha, false));
        return schedule.list().ofMinSize(1).ofMaxSize(4).flatMap(cs -> Combinators.combine(
                        Arbitraries.integers().between(0, cs.size() - 1), Arbitraries.of(true, false))
                .as(Step::new).list().ofMaxSize(60).map(steps -> new Setup(cs, steps)));
    }

    @Property(tries = 500)
    void matchesTheModel(@ForAll("setups") Setup setup) {
        List<CheckSchedule> cs = setup.checkers();
        List<RealServerHealth.CheckerSpec> specs = new ArrayList<>();
        for (CheckSchedule s : cs) {
            specs.add(RealServerHealth.CheckerSpec.of(s, "up", "[198.51.100.10]:tcp:80"));
        }
        RealServerHealth h = new RealServerHealth(specs, 1);
        int n = cs.size();
        boolean[] modelUp = new boolean[n];
        boolean[] anySuccess = new boolean[n];
        int[] streak = new int[n];
        for (int i = 0; i < n; i++) {
            modelUp[i] = !cs.get(i).alpha();
        }
        List<HealthAction> first = h.start(0, w -> 0);
        boolean lastVerdict = ((HealthAction.Verdict) first.get(0)).up();
        assertThat(lastVerdict).isEqualTo(allUp(modelUp));
        long now = 0;
        for (Step step : setup.steps()) {
            now += S;
            int i = step.checker();
            CheckSchedule s = cs.get(i);
            boolean finalAttempt;
            if (step.success()) {
                streak[i] = 0;
                anySuccess[i] = true;
                modelUp[i] = true;
                finalAttempt = true;
            } else {
                streak[i]++;
                // initially one failure is enough (and then every retry+1-th is final again);
                // once the checker has succeeded, retry+1 in a row
                long period = s.retry() + 1;
                boolean failedForGood = anySuccess[i] ? streak[i] >= period : streak[i] >= 1;
                if (failedForGood) {
                    modelUp[i] = false;
                }
                finalAttempt = anySuccess[i] ? streak[i] % period == 0 : (streak[i] - 1) % period == 0;
            }
            List<HealthAction> out = h.onResult(i, step.success() ? ProbeResult.ok() : ProbeResult.failed("x"), now);
            assertThat(h.checkerUp(i)).as("checker %d up", i).isEqualTo(modelUp[i]);
            assertThat(h.alive()).isEqualTo(allUp(modelUp));
            List<HealthAction.Verdict> verdicts = out.stream().filter(a -> a instanceof HealthAction.Verdict)
                    .map(a -> (HealthAction.Verdict) a).toList();
            if (h.alive() != lastVerdict) {
                assertThat(verdicts).containsExactly(new HealthAction.Verdict(h.alive(), 1));
                assertThat(out).contains(new HealthAction.Notify(h.alive()));
                lastVerdict = h.alive();
            } else {
                assertThat(verdicts).isEmpty();
            }
            List<HealthAction.Schedule> next = out.stream().filter(a -> a instanceof HealthAction.Schedule)
                    .map(a -> (HealthAction.Schedule) a).toList();
            assertThat(next).hasSize(1);
            assertThat(next.get(0).checker()).isEqualTo(i);
            long delay = next.get(0).atNanos() - now;
            assertThat(delay).isIn(s.delayLoop(), s.delayBeforeRetry());
            if (step.success()) {
                assertThat(delay).isEqualTo(s.delayLoop());
            } else if (finalAttempt) {
                assertThat(delay).isEqualTo(s.delayLoop());
            } else {
                assertThat(delay).isEqualTo(s.delayBeforeRetry());
            }
        }
    }

    private static boolean allUp(boolean[] up) {
        for (boolean b : up) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 200)
    void aCheckerFailsAfterExactlyRetryPlusOneFailuresOnceItWasUp(@ForAll @IntRange(min = 0, max = 6) int retry,
                                                                  @ForAll @Size(max = 3) List<@IntRange(min = 0, max = 8) Integer> gaps) {
        CheckSchedule s = new CheckSchedule("TCP_CHECK", retry, S, 0, 10 * S, 5 * S, false, false);
        RealServerHealth h = new RealServerHealth(List.of(RealServerHealth.CheckerSpec.of(s, null, "rs")), 1);
        h.start(0, w -> 0);
        long now = 0;
        h.onResult(0, ProbeResult.ok(), now);
        for (int gap : gaps) {
            // a streak shorter than retry+1, then a success: never down
            for (int k = 0; k < Math.min(gap, retry); k++) {
                h.onResult(0, ProbeResult.failed("x"), ++now);
                assertThat(h.alive()).isTrue();
            }
            h.onResult(0, ProbeResult.ok(), ++now);
        }
        for (int k = 0; k < retry; k++) {
            h.onResult(0, ProbeResult.failed("x"), ++now);
            assertThat(h.alive()).isTrue();
        }
        h.onResult(0, ProbeResult.failed("x"), ++now);
        assertThat(h.alive()).isFalse();
    }
}
