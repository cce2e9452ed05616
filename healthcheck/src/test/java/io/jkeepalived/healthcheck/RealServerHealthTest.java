package io.jkeepalived.healthcheck;

import io.jkeepalived.healthcheck.HealthAction.Log;
import io.jkeepalived.healthcheck.HealthAction.Notify;
import io.jkeepalived.healthcheck.HealthAction.Schedule;
import io.jkeepalived.healthcheck.HealthAction.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-real-server state machine on a fake clock, step by step as keepalived 2.2.7 logs and acts. */
class RealServerHealthTest {
    private static final long S = 1_000_000_000L;
    private static final String RS = "[198.51.100.10]:tcp:80";
    private static final ProbeResult FAIL = ProbeResult.failed("TCP connection to " + RS + " failed.");
    private static final ProbeResult OK = ProbeResult.ok();

    static RealServerHealth.CheckerSpec tcp(long retry, boolean alpha, boolean logAll) {
        CheckSchedule s = new CheckSchedule("TCP_CHECK", retry, 2 * S, 0, 10 * S, 5 * S, alpha, logAll);
        return RealServerHealth.CheckerSpec.of(s, "TCP connection to " + RS + " success.", RS);
    }

    @Test
    void startsUpAndSchedulesAfterTheBootstrapDelayPlusWarmup() {
        CheckSchedule s = new CheckSchedule("TCP_CHECK", 1, 2 * S, 4 * S, 10 * S, 5 * S, false, false);
        RealServerHealth h = new RealServerHealth(List.of(RealServerHealth.CheckerSpec.of(s, null, RS)), 3);
        assertThat(h.start(100, w -> w / 2)).containsExactly(new Verdict(true, 3), new Schedule(0, 100 + S + 2 * S));
    }

    @Test
    void firstFailureIsEnoughInitiallyThenRetriesCount() {
        RealServerHealth h = new RealServerHealth(List.of(tcp(2, false, false)), 1);
        h.start(0, w -> 0);
        // keepalived starts retry_it at retry: the first failure is final
        assertThat(h.onResult(0, FAIL, S)).containsExactly(
                new Log("TCP_CHECK on service " + RS + " failed."),
                new Verdict(false, 1), new Notify(false), new Schedule(0, S + 10 * S));
        assertThat(h.alive()).isFalse();
        assertThat(h.onResult(0, OK, 11 * S)).containsExactly(
                new Log("TCP connection to " + RS + " success."),
                new Verdict(true, 1), new Notify(true), new Schedule(0, 21 * S));
        // now retry 2: two failures wait delay_before_retry, the third is final
        assertThat(h.onResult(0, FAIL, 21 * S)).containsExactly(new Schedule(0, 23 * S));
        assertThat(h.onResult(0, FAIL, 23 * S)).containsExactly(new Schedule(0, 25 * S));
        assertThat(h.alive()).isTrue();
        assertThat(h.onResult(0, FAIL, 25 * S)).containsExactly(
                new Log("TCP_CHECK on service " + RS + " failed after 2 retries."),
                new Verdict(false, 1), new Notify(false), new Schedule(0, 35 * S));
        // still down: failures log nothing more, retries continue on the same rhythm
        assertThat(h.onResult(0, FAIL, 35 * S)).containsExactly(new Schedule(0, 37 * S));
        assertThat(h.onResult(0, OK, 37 * S)).containsExactly(
                new Log("TCP connection to " + RS + " success."),
                new Verdict(true, 1), new Notify(true), new Schedule(0, 47 * S));
    }

    @Test
    void aCheckerThatWordsItsOwnDownLineIsLoggedWithItAndCanTakeItsWeightBack() {
        CheckSchedule s = new CheckSchedule("MISC_CHECK", 1, 2 * S, 0, 10 * S, 5 * S, false, false);
        RealServerHealth.CheckerSpec spec = new RealServerHealth.CheckerSpec(s, "up", "MISC_CHECK failed.",
                "MISC_CHECK failed after 1 retries.", (failure, hasRun) -> failure + " [own, hasRun " + hasRun + "]");
        RealServerHealth h = new RealServerHealth(List.of(spec), 1);
        h.start(0, w -> 0);
        assertThat(h.onResult(0, ProbeResult.ok(7), S)).containsExactly(
                new Log("up"), new Verdict(true, 7), new Schedule(0, 11 * S));
        assertThat(h.onResult(0, ProbeResult.failed("bad", 1), 11 * S)).containsExactly(new Schedule(0, 13 * S));
        // the final failure: the checker's line, and the weight it gives back travels with the down verdict
        assertThat(h.onResult(0, ProbeResult.failed("bad", 1), 13 * S)).containsExactly(
                new Log("bad [own, hasRun true]"), new Verdict(false, 1), new Notify(false), new Schedule(0, 23 * S));
        assertThat(h.onResult(0, ProbeResult.ok(), 23 * S)).containsExactly(
                new Log("up"), new Verdict(true, 1), new Notify(true), new Schedule(0, 33 * S));
    }

    @Test
    void aDownLineThatRepeatsTheLoggedFailureIsLoggedOnce() {
        CheckSchedule s = new CheckSchedule("SMTP_CHECK", 0, 2 * S, 0, 10 * S, 5 * S, false, true);
        RealServerHealth h = new RealServerHealth(List.of(new RealServerHealth.CheckerSpec(s, null, "x", "y",
                (failure, hasRun) -> failure)), 1);
        h.start(0, w -> 0);
        h.onResult(0, OK, S);
        assertThat(h.onResult(0, ProbeResult.failed("SMTP_CHECK Bad greeting banner from server [198.51.100.10]:25"),
                11 * S)).containsExactly(new Log("SMTP_CHECK Bad greeting banner from server [198.51.100.10]:25"),
                new Verdict(false, 1), new Notify(false), new Schedule(0, 21 * S));
    }

    @Test
    void firstSuccessLogsTheUpLineWithoutAVerdict() {
        RealServerHealth h = new RealServerHealth(List.of(tcp(1, false, false)), 1);
        h.start(0, w -> 0);
        assertThat(h.onResult(0, OK, S)).containsExactly(
                new Log("TCP connection to " + RS + " success."), new Schedule(0, 11 * S));
        assertThat(h.onResult(0, OK, 11 * S)).containsExactly(new Schedule(0, 21 * S));
    }

    @Test
    void alphaStartsDownAndItsFirstFailureRunsNotifyDownOnce() {
        RealServerHealth h = new RealServerHealth(List.of(tcp(1, true, false)), 5);
        assertThat(h.start(0, w -> 0)).startsWith(new Verdict(false, 5));
        assertThat(h.onResult(0, FAIL, S)).containsExactly(
                new Log("TCP_CHECK on service " + RS + " failed."), new Notify(false), new Schedule(0, 11 * S));
        assertThat(h.onResult(0, FAIL, 11 * S)).containsExactly(new Schedule(0, 13 * S));
        assertThat(h.onResult(0, FAIL, 13 * S)).containsExactly(new Schedule(0, 23 * S));
        assertThat(h.onResult(0, OK, 23 * S)).containsExactly(
                new Log("TCP connection to " + RS + " success."),
                new Verdict(true, 5), new Notify(true), new Schedule(0, 33 * S));
    }

    @Test
    void alphaFirstSuccessBringsTheServerUp() {
        RealServerHealth h = new RealServerHealth(List.of(tcp(1, true, false)), 1);
        h.start(0, w -> 0);
        assertThat(h.onResult(0, OK, S)).containsExactly(
                new Log("TCP connection to " + RS + " success."),
                new Verdict(true, 1), new Notify(true), new Schedule(0, 11 * S));
    }

    @Test
    void upOnlyWhenAllCheckersAreUp() {
        RealServerHealth h = new RealServerHealth(List.of(tcp(0, false, false), tcp(0, false, false)), 1);
        h.start(0, w -> 0);
        assertThat(h.onResult(0, FAIL, S)).contains(new Verdict(false, 1));
        assertThat(h.onResult(1, FAIL, S)).doesNotHaveAnyElementsOfTypes(Verdict.class, Notify.class);
        assertThat(h.failedCheckers()).isEqualTo(2);
        assertThat(h.onResult(0, OK, 2 * S)).doesNotHaveAnyElementsOfTypes(Verdict.class, Notify.class);
        assertThat(h.alive()).isFalse();
        assertThat(h.onResult(1, OK, 2 * S)).contains(new Verdict(true, 1), new Notify(true));
    }

    @Test
    void logAllFailuresLogsEachFailedAttemptWhileUp() {
        RealServerHealth h = new RealServerHealth(List.of(tcp(1, false, true)), 1);
        h.start(0, w -> 0);
        h.onResult(0, OK, S);
        assertThat(h.onResult(0, FAIL, 11 * S)).containsExactly(
                new Log("TCP connection to " + RS + " failed."), new Schedule(0, 13 * S));
        assertThat(h.onResult(0, FAIL, 13 * S)).startsWith(
                new Log("TCP connection to " + RS + " failed."),
                new Log("TCP_CHECK on service " + RS + " failed after 1 retries."));
        // down: no more per-attempt lines
        assertThat(h.onResult(0, FAIL, 23 * S)).containsExactly(new Schedule(0, 25 * S));
    }

    @Test
    void dynamicWeightChangesTheVerdictWeight() {
        RealServerHealth h = new RealServerHealth(List.of(tcp(0, false, false)), 1);
        h.start(0, w -> 0);
        assertThat(h.onResult(0, ProbeResult.ok(7), S)).contains(new Verdict(true, 7));
        assertThat(h.onResult(0, ProbeResult.ok(7), 2 * S)).doesNotHaveAnyElementsOfTypes(Verdict.class);
        assertThat(h.weight()).isEqualTo(7);
    }

    @Test
    void noCheckersMeansUp() {
        RealServerHealth h = new RealServerHealth(List.of(), 2);
        assertThat(h.start(0, w -> 0)).containsExactly(new Verdict(true, 2));
    }
}
