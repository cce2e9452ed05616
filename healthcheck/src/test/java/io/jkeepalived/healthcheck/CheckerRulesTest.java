package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.model.check.CheckerTiming;
import io.jkeepalived.conf.model.check.MiscCheck;
import io.jkeepalived.healthcheck.HealthAction.Log;
import io.jkeepalived.healthcheck.HealthAction.Notify;
import io.jkeepalived.healthcheck.HealthAction.Schedule;
import io.jkeepalived.healthcheck.HealthAction.Verdict;
import io.jkeepalived.healthcheck.dns.DnsProbe;
import io.jkeepalived.healthcheck.misc.MiscProbe;
import io.jkeepalived.healthcheck.smtp.SmtpProbe;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkers that keep their retries their own way (keepalived 2.2.7's check_smtp.c, check_dns.c, check_misc.c), on
 * a fake clock: SMTP_CHECK retries at the very first check, DNS_CHECK does not retry while down, and MISC_CHECK's
 * per-attempt lines with log_all_failures.
 */
class CheckerRulesTest {
    private static final long S = 1_000_000_000L;
    private static final String RS = "[198.51.100.10]:tcp:25";

    private static RealServerHealth health(CheckSchedule s, Probe p) {
        return new RealServerHealth(List.of(new RealServerHealth.CheckerSpec(s, p == null ? "up" : p.upLine(),
                s.keyword() + " failed.", s.keyword() + " failed after retries.",
                (failure, hasRun) -> p == null ? null : p.downLine(failure, s.retry(), hasRun),
                p == null ? CheckerRules.GENERIC : p.rules())), 1);
    }

    private static RealServerHealth health(CheckSchedule s, CheckerRules rules, RealServerHealth.DownLine down) {
        return new RealServerHealth(List.of(new RealServerHealth.CheckerSpec(s, "up", "failed.", "failed after.",
                down, rules)), 1);
    }

    @Test
    void smtpRetriesAtTheFirstCheck() {
        CheckSchedule s = new CheckSchedule("SMTP_CHECK", 2, 2 * S, 0, 10 * S, 5 * S, false, false);
        RealServerHealth h = health(s, SmtpProbe.RULES, (f, r) -> f);
        ProbeResult fail = ProbeResult.failed("SMTP_CHECK Bad greeting banner from server [198.51.100.10]:25");
        h.start(0, w -> 0);
        // smtp_start_check_thread sets retry_it to 0: retry+1 failures at the first check, as later
        assertThat(h.onResult(0, fail, S)).containsExactly(new Schedule(0, 3 * S));
        assertThat(h.onResult(0, fail, 3 * S)).containsExactly(new Schedule(0, 5 * S));
        assertThat(h.alive()).isTrue();
        assertThat(h.onResult(0, fail, 5 * S)).containsExactly(new Log(fail.failure()),
                new Verdict(false, 1), new Notify(false), new Schedule(0, 15 * S));
        // down: each round retries again, silently
        assertThat(h.onResult(0, fail, 15 * S)).containsExactly(new Schedule(0, 17 * S));
        assertThat(h.onResult(0, ProbeResult.ok(), 17 * S)).containsExactly(new Log("up"),
                new Verdict(true, 1), new Notify(true), new Schedule(0, 27 * S));
    }

    @Test
    void smtpAlphaTurnsDownAfterItsFirstRoundAndLogsEachRetriedFailure() {
        CheckSchedule s = new CheckSchedule("SMTP_CHECK", 1, 2 * S, 0, 10 * S, 5 * S, true, true);
        RealServerHealth h = health(s, SmtpProbe.RULES, (f, r) -> f);
        ProbeResult fail = ProbeResult.failed("SMTP_CHECK Bad HELO response from server [198.51.100.10]:25");
        assertThat(h.start(0, w -> 0)).startsWith(new Verdict(false, 1));
        // alpha: is_up false but has_run false, so smtp_final logs each failure with log_all_failures
        assertThat(h.onResult(0, fail, S)).containsExactly(new Log(fail.failure()), new Schedule(0, 3 * S));
        // the round's last failure: logged once, and the down state confirmed (notify_down)
        assertThat(h.onResult(0, fail, 3 * S)).containsExactly(new Log(fail.failure()), new Notify(false),
                new Schedule(0, 13 * S));
    }

    @Test
    void dnsTurnsDownAtTheFirstFailureAndDoesNotRetryWhileDown() {
        CheckSchedule s = new CheckSchedule("DNS_CHECK", 3, 1 * S, 0, 10 * S, 5 * S, false, false);
        RealServerHealth h = health(s, DnsProbe.RULES,
                (f, hasRun) -> hasRun ? f + " after 3 retries" : f);
        ProbeResult fail = ProbeResult.failed("DNS_CHECK ([198.51.100.10]:udp:53) read timeout from socket");
        h.start(0, w -> 0);
        // check_data.c: retry_it starts at retry, so one failure is enough initially (no " after" before has_run)
        assertThat(h.onResult(0, fail, S)).containsExactly(new Log(fail.failure()),
                new Verdict(false, 1), new Notify(false), new Schedule(0, 11 * S));
        // down: dns_final neither retries nor logs; the next try is a delay_loop later
        assertThat(h.onResult(0, fail, 11 * S)).containsExactly(new Schedule(0, 21 * S));
        assertThat(h.onResult(0, fail, 21 * S)).containsExactly(new Schedule(0, 31 * S));
        assertThat(h.onResult(0, ProbeResult.ok(), 31 * S)).containsExactly(new Log("up"),
                new Verdict(true, 1), new Notify(true), new Schedule(0, 41 * S));
        // up: the retries count again, delay_before_retry apart
        assertThat(h.onResult(0, fail, 41 * S)).containsExactly(new Schedule(0, 42 * S));
        assertThat(h.onResult(0, fail, 42 * S)).containsExactly(new Schedule(0, 43 * S));
        assertThat(h.onResult(0, fail, 43 * S)).containsExactly(new Schedule(0, 44 * S));
        assertThat(h.onResult(0, fail, 44 * S)).containsExactly(new Log(fail.failure() + " after 3 retries"),
                new Verdict(false, 1), new Notify(false), new Schedule(0, 54 * S));
    }

    @Test
    void dnsWithLogAllFailuresLogsEachFailureOnce() {
        CheckSchedule s = new CheckSchedule("DNS_CHECK", 1, 1 * S, 0, 10 * S, 5 * S, false, true);
        RealServerHealth h = health(s, DnsProbe.RULES, (f, hasRun) -> hasRun ? f + " after 1 retries" : f);
        ProbeResult fail = ProbeResult.failed("DNS_CHECK ([198.51.100.10]:udp:53) read error occurred. (rcode = 2)");
        h.start(0, w -> 0);
        assertThat(h.onResult(0, ProbeResult.ok(), S)).containsExactly(new Log("up"), new Schedule(0, 11 * S));
        assertThat(h.onResult(0, fail, 11 * S)).containsExactly(new Log(fail.failure()), new Schedule(0, 12 * S));
        assertThat(h.onResult(0, fail, 12 * S)).containsExactly(new Log(fail.failure() + " after 1 retries"),
                new Verdict(false, 1), new Notify(false), new Schedule(0, 22 * S));
    }

    @Test
    void miscLogsEachRetriedFailureWithItsPlaceInTheRound() throws Exception {
        ProbeTarget t = new ProbeTarget(new InetSocketAddress(InetAddress.getByName("198.51.100.10"), 80), null, null,
                0, 5 * S, "[198.51.100.10]:tcp:80", "[198.51.100.1]:tcp:80");
        MiscProbe p = new MiscProbe(new MiscCheck(CheckerTiming.UNSET, List.of("/bin/false"), null, false, null, null), t);
        String prefix = "Misc check for [[198.51.100.10]:tcp:80 VS [198.51.100.1]:tcp:80] by [/bin/false] ";
        ProbeResult exit1 = ProbeResult.failed(prefix + "failed (exited with status 1).");
        ProbeResult timedOut = ProbeResult.failed(prefix + "timed out.");
        CheckSchedule s = new CheckSchedule("MISC_CHECK", 2, 1 * S, 0, 10 * S, 5 * S, false, true);
        RealServerHealth h = health(s, p);
        h.start(0, w -> 0);
        assertThat(h.onResult(0, ProbeResult.ok(), S)).containsExactly(
                new Log(prefix + "succeeded."), new Schedule(0, 11 * S));
        assertThat(h.onResult(0, exit1, 11 * S)).containsExactly(
                new Log(prefix + "failed, will do 2 retries (exited with status 1)."), new Schedule(0, 12 * S));
        assertThat(h.onResult(0, timedOut, 12 * S)).containsExactly(
                new Log(prefix + "timed out on retry 1/2."), new Schedule(0, 13 * S));
        assertThat(h.onResult(0, exit1, 13 * S)).containsExactly(
                new Log(prefix + "failed after 2 retries (exited with status 1)."),
                new Verdict(false, 1), new Notify(false), new Schedule(0, 23 * S));
        // down: nothing logged, as check_misc.c's "is_up || !has_run" guard
        assertThat(h.onResult(0, exit1, 23 * S)).containsExactly(new Schedule(0, 24 * S));
    }

    @Test
    void miscWithOneRetrySaysRetryInTheSingular() throws Exception {
        ProbeTarget t = new ProbeTarget(new InetSocketAddress(InetAddress.getByName("198.51.100.10"), 80), null, null,
                0, 5 * S, "[198.51.100.10]:tcp:80", "[198.51.100.1]:tcp:80");
        MiscProbe p = new MiscProbe(new MiscCheck(CheckerTiming.UNSET, List.of("/bin/false"), null, false, null, null), t);
        String prefix = "Misc check for [[198.51.100.10]:tcp:80 VS [198.51.100.1]:tcp:80] by [/bin/false] ";
        CheckSchedule s = new CheckSchedule("MISC_CHECK", 1, 1 * S, 0, 10 * S, 5 * S, false, true);
        RealServerHealth h = health(s, p);
        h.start(0, w -> 0);
        h.onResult(0, ProbeResult.ok(), S);
        assertThat(h.onResult(0, ProbeResult.failed(prefix + "failed (due to signal 9)."), 11 * S)).containsExactly(
                new Log(prefix + "failed, will do 1 retry (due to signal 9)."), new Schedule(0, 12 * S));
        // without log_all_failures the retried attempt is silent
        CheckSchedule quiet = new CheckSchedule("MISC_CHECK", 1, 1 * S, 0, 10 * S, 5 * S, false, false);
        RealServerHealth q = health(quiet, p);
        q.start(0, w -> 0);
        q.onResult(0, ProbeResult.ok(), S);
        assertThat(q.onResult(0, ProbeResult.failed(prefix + "failed (exited with status 1)."), 11 * S))
                .containsExactly(new Schedule(0, 12 * S));
    }
}
