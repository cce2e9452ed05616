package io.jkeepalived.healthcheck;

/**
 * Where a checker type counts its retries and words a failed attempt differently from keepalived's common epilogue
 * (check_tcp.c's tcp_epilog, which {@link #GENERIC} describes). keepalived's checkers each keep {@code retry_it}
 * themselves, and three of them do it their own way:
 * <ul>
 *   <li>SMTP_CHECK (check_smtp.c): every round starts in {@code smtp_start_check_thread}, which sets {@code retry_it}
 *       to 0, so even the very first check retries {@code retry} times before the checker turns down (the others
 *       start at {@code retry_it = retry}: "one failure is enough initially"), and {@code has_run} is set only by a
 *       round's final result;</li>
 *   <li>DNS_CHECK (check_dns.c): {@code dns_final} retries only while the checker is up (or has not run): a
 *       checker already down tries again a delay_loop later, not delay_before_retry;</li>
 *   <li>MISC_CHECK (check_misc.c): with {@code log_all_failures} each failed attempt that is retried is logged with
 *       its place in the round ({@code ", will do 2 retries"}, {@code " on retry 1/2"}).</li>
 * </ul>
 *
 * @param retryAtFirstCheck the first round retries like any other (SMTP_CHECK)
 * @param retryWhileDown    a failure of a checker that is down is retried (all but DNS_CHECK)
 * @param attemptLine       the line a failed attempt logs with {@code log_all_failures}, or null for the default
 *                          (the attempt's own text)
 */
public record CheckerRules(boolean retryAtFirstCheck, boolean retryWhileDown, AttemptLine attemptLine) {
    /** keepalived's tcp_epilog and the checkers that follow it (TCP, HTTP, SSL, UDP, PING, FILE). */
    public static final CheckerRules GENERIC = new CheckerRules(false, true, null);

    /** The line of one failed attempt with {@code log_all_failures}. */
    @FunctionalInterface
    public interface AttemptLine {
        /**
         * @param failure the attempt's text ({@link ProbeResult#failure()})
         * @param retryIt keepalived's {@code retry_it} after the attempt: 1 for a failed regular check, 2.. for a
         *                failed retry, 0 when the attempt was the round's last (the checker turns down)
         * @param retry   the checker's {@code retry}
         * @return the line, or null for none
         */
        String line(String failure, long retryIt, long retry);
    }

    /**
     * The line a failed attempt logs with {@code log_all_failures}: {@code attemptLine}'s, else the attempt's text
     * for every attempt but a checker's last (whose down line {@link RealServerHealth} logs).
     */
    String attemptLine(String failure, long retryIt, long retry) {
        return attemptLine == null ? failure : attemptLine.line(failure, retryIt, retry);
    }
}
