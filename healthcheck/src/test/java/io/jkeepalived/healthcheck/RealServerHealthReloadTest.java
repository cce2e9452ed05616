package io.jkeepalived.healthcheck;

import io.jkeepalived.healthcheck.HealthAction.Notify;
import io.jkeepalived.healthcheck.HealthAction.Schedule;
import io.jkeepalived.healthcheck.HealthAction.Verdict;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RealServerHealth#reloaded} as keepalived's migrate_checkers: continued checkers keep their state and
 * retries, no new alpha cycle; a removed failed checker brings the server up (with notify_up); new alpha checkers
 * wait only while something else failed.
 */
class RealServerHealthReloadTest {
    private static final long S = 1_000_000_000L;
    private static final String RS = "[198.51.100.10]:tcp:80";
    private static final ProbeResult FAIL = ProbeResult.failed("TCP connection to " + RS + " failed.");
    private static final ProbeResult OK = ProbeResult.ok();

    private static RealServerHealth.CheckerSpec spec(long retry, boolean alpha) {
        return RealServerHealth.CheckerSpec.of(new CheckSchedule("TCP_CHECK", retry, 2 * S, 0, 10 * S, 5 * S, alpha, false), null, RS);
    }

    @Test
    void aDownServerWithTheSameCheckerStaysDownWithoutAnotherAlphaCycle() {
        RealServerHealth h = new RealServerHealth(List.of(spec(1, false)), 1);
        h.start(0, w -> 0);
        h.onResult(0, FAIL, S);
        RealServerHealth r = RealServerHealth.reloaded(h, List.of(spec(1, false)), new int[] {0}, 1);
        assertThat(r.alive()).isFalse();
        assertThat(r.checkerUp(0)).isFalse();
        assertThat(r.start(2 * S, w -> 0)).containsExactly(new Verdict(false, 1), new Schedule(0, 3 * S));
        // one success brings it back, as before the reload
        assertThat(r.onResult(0, OK, 4 * S)).contains(new Verdict(true, 1), new Notify(true));
    }

    @Test
    void anAliveServerKeepsItsStateWhenAnAlphaCheckerIsAdded() {
        RealServerHealth h = new RealServerHealth(List.of(spec(1, true)), 1);
        h.start(0, w -> 0);
        h.onResult(0, OK, S);
        RealServerHealth r = RealServerHealth.reloaded(h, List.of(spec(1, true), spec(1, true)), new int[] {0, -1}, 1);
        assertThat(r.alive()).isTrue();
        assertThat(r.failedCheckers()).isZero();
    }

    @Test
    void removingTheFailedCheckerBringsTheServerUpWithNotifyUp() {
        RealServerHealth h = new RealServerHealth(List.of(spec(0, false), spec(0, false)), 1);
        h.start(0, w -> 0);
        h.onResult(0, OK, S);
        h.onResult(1, FAIL, S);
        assertThat(h.alive()).isFalse();
        RealServerHealth r = RealServerHealth.reloaded(h, List.of(spec(0, false)), new int[] {0}, 1);
        assertThat(r.alive()).isTrue();
        assertThat(r.start(2 * S, w -> 0)).startsWith(new Verdict(true, 1), new Notify(true));
    }

    @Test
    void aNewAlphaCheckerWaitsWhileAnotherCheckerIsDown() {
        RealServerHealth h = new RealServerHealth(List.of(spec(0, false)), 1);
        h.start(0, w -> 0);
        h.onResult(0, FAIL, S);
        RealServerHealth r = RealServerHealth.reloaded(h, List.of(spec(0, false), spec(0, true)), new int[] {0, -1}, 1);
        assertThat(r.checkerUp(1)).isFalse();
        assertThat(r.failedCheckers()).isEqualTo(2);
        assertThat(r.alive()).isFalse();
    }

    @Test
    void retriesAlreadyUsedAreCutToTheNewRetry() {
        RealServerHealth h = new RealServerHealth(List.of(spec(3, false)), 1);
        h.start(0, w -> 0);
        h.onResult(0, OK, S);
        h.onResult(0, FAIL, 2 * S);
        h.onResult(0, FAIL, 3 * S);
        h.onResult(0, FAIL, 4 * S);   // three failures of 3+1: still up
        assertThat(h.alive()).isTrue();
        RealServerHealth r = RealServerHealth.reloaded(h, List.of(spec(1, false)), new int[] {0}, 1);
        // with retry 1 now, one more failure fails it
        assertThat(r.onResult(0, FAIL, 5 * S)).contains(new Verdict(false, 1));
    }

    // -------------------------------------------------------------------------------------------- property

    record Step(int checker, boolean success) {
    }

    record Setup(List<CheckSchedule> checkers, List<Step> before, List<Step> after) {
    }

    @Provide
    Arbitrary<Setup> setups() {
        Arbitrary<CheckSchedule> schedule = Combinators.combine(
                Arbitraries.longs().between(0, 4), Arbitraries.of(true, false), Arbitraries.longs().between(1, 5))
                .as((retry, alpha, dbr) -> new CheckSchedule("TCP_CHECK", retry, dbr * S, 0, 10 * S, 5 * S, alpha, false));
        return schedule.list().ofMinSize(1).ofMaxSize(4).flatMap(cs -> {
            Arbitrary<List<Step>> steps = Combinators.combine(Arbitraries.integers().between(0, cs.size() - 1),
                    Arbitraries.of(true, false)).as(Step::new).list().ofMaxSize(40);
            return Combinators.combine(steps, steps).as((a, b) -> new Setup(cs, a, b));
        });
    }

    /**
     * Reloading the same checkers changes nothing: the reloaded machine is in the same state, publishes the same
     * verdict at start (no notify), and answers any further results exactly as the machine that was not reloaded.
     */
    @Property(tries = 500)
    void reloadingTheSameCheckersIsInvisible(@ForAll("setups") Setup setup) {
        List<RealServerHealth.CheckerSpec> specs = new ArrayList<>();
        for (CheckSchedule s : setup.checkers()) {
            specs.add(RealServerHealth.CheckerSpec.of(s, "up", RS));
        }
        RealServerHealth h = new RealServerHealth(specs, 1);
        h.start(0, w -> 0);
        long t = S;
        for (Step st : setup.before()) {
            h.onResult(st.checker(), st.success() ? OK : FAIL, t += S);
        }
        int[] same = new int[specs.size()];
        for (int i = 0; i < same.length; i++) {
            same[i] = i;
        }
        RealServerHealth r = RealServerHealth.reloaded(h, specs, same, 1);
        assertThat(r.alive()).isEqualTo(h.alive());
        assertThat(r.failedCheckers()).isEqualTo(h.failedCheckers());
        List<HealthAction> start = r.start(t, w -> 0);
        assertThat(start.get(0)).isEqualTo(new Verdict(h.alive(), 1));
        assertThat(start).noneMatch(a -> a instanceof Notify);
        for (Step st : setup.after()) {
            t += S;
            ProbeResult res = st.success() ? OK : FAIL;
            assertThat(r.onResult(st.checker(), res, t)).isEqualTo(h.onResult(st.checker(), res, t));
        }
    }
}
