package io.jkeepalived.e2e.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real server's life in a suite: healthy → kept, failing → evicted after exactly its retries, healthy again →
 * restored. The real server is named as keepalived prints it ({@code [198.51.100.10]:tcp:8080}) and as the dry run
 * prints the destination ({@code 198.51.100.10:8080}).
 *
 * @param rs       keepalived's FMT of the real server
 * @param vs       keepalived's FMT of the virtual server
 * @param dest     the destination as the dry run prints it
 * @param service  the IPVS service as the dry run prints it ({@code TCP 198.51.100.1:80})
 * @param retry    the checker's retry count
 * @param attempts the attempts the real server saw (null when it cannot count them)
 * @param inhibit  inhibit_on_failure: the weight goes to 0 instead of removing
 */
record Cycle(CheckLab lab, String rs, String vs, String dest, String service, int retry, IntSupplier attempts,
             boolean inhibit) {
    /** Generous bounds: every wait ends as soon as its line is seen. */
    static final long WAIT_MS = 20_000;

    /** The real server was added at start and is kept while healthy: {@code healthyChecks} more attempts, no removal. */
    void kept(int from, int healthyChecks) throws Exception {
        assertThat(lab.await(from, "Dry run: add destination " + dest + " ", WAIT_MS))
                .as("%s added at start\n%s", rs, lab.log()).isTrue();
        stillKept(from, healthyChecks);
    }

    /** The real server is kept while {@code healthyChecks} more attempts pass: no removal since {@code from}. */
    void stillKept(int from, int healthyChecks) throws Exception {
        if (attempts != null) {
            int start = attempts.getAsInt();
            for (int i = 0; i < 500 && attempts.getAsInt() < start + healthyChecks; i++) {
                Thread.sleep(20);
            }
            assertThat(attempts.getAsInt()).as("%s checked while healthy\n%s", rs, lab.log()).isGreaterThanOrEqualTo(start + healthyChecks);
        }
        assertThat(lab.since(from)).as("%s kept while healthy", rs)
                .doesNotContain("Removing service " + rs + " ", "Disabling service " + rs + " ");
    }

    /**
     * Runs {@code fail}, waits for the eviction and returns the log after {@code fail}; checks that the real server
     * saw exactly retry + 1 failing attempts before it (when it counts them) and that the dry run applied it.
     */
    String evicted(Action fail) throws Exception {
        int m = lab.mark();
        int before = attempts == null ? 0 : attempts.getAsInt();
        fail.run();
        // keepalived's perform_svr_state: "Disabling service X of VS Y" under inhibit_on_failure
        String line = inhibit ? "Disabling service " + rs + " of VS " + vs : "Removing service " + rs + " from VS " + vs;
        int seen = lab.awaitCounting(m, line, WAIT_MS, attempts == null ? () -> 0 : attempts);
        assertThat(seen).as("%s evicted\n%s", rs, lab.since(m)).isGreaterThanOrEqualTo(0);
        if (attempts != null) {
            assertThat(seen - before).as("%s: failing attempts before the eviction (retry %d)\n%s", rs, retry, lab.since(m))
                    .isEqualTo(retry + 1);
        }
        String change = inhibit ? "Dry run: edit destination " + dest + " " : "Dry run: delete destination " + dest + " ";
        assertThat(lab.await(m, change, 5_000)).as("%s: the dry run shows the change\n%s", rs, lab.since(m)).isTrue();
        if (inhibit) {
            assertThat(lab.lines(m, "Dry run: edit destination " + dest + " ")).singleElement().asString()
                    .contains(" weight 0 ").endsWith(" of service " + service);
        } else {
            assertThat(lab.lines(m, "Dry run: delete destination " + dest + " "))
                    .containsExactly("Dry run: delete destination " + dest + " of service " + service);
        }
        statusShows(false);
        return lab.since(m);
    }

    /** Runs {@code heal}, waits for the restoration and returns the log after {@code heal}. */
    String restored(Action heal) throws Exception {
        int m = lab.mark();
        heal.run();
        String line = inhibit ? "Enabling service " + rs + " of VS " + vs : "Adding service " + rs + " to VS " + vs;
        assertThat(lab.await(m, line, WAIT_MS)).as("%s restored\n%s", rs, lab.since(m)).isTrue();
        String change = (inhibit ? "Dry run: edit destination " : "Dry run: add destination ") + dest + " ";
        assertThat(lab.await(m, change, 5_000)).as("%s: the dry run shows the change\n%s", rs, lab.since(m)).isTrue();
        if (inhibit) {
            assertThat(lab.lines(m, change)).singleElement().asString().doesNotContain(" weight 0 ");
        }
        statusShows(true);
        return lab.since(m);
    }

    /** The daemon's /status agrees (when curl is there to ask it). */
    private void statusShows(boolean up) throws Exception {
        String status = lab.status();
        if (status != null) {
            assertThat(status).as("/status of %s", rs).contains("\"real_server\":\"" + rs + "\",\"up\":" + up);
        }
    }

    /**
     * The whole life of an HTTP_GET/SSL_GET real server: kept at start (two healthy attempts after {@code from}),
     * evicted by {@code fail} with keepalived's {@link #httpCheckFailed} lines, restored by {@code heal}.
     */
    void httpCycle(int from, Action fail, Action heal) throws Exception {
        kept(from, 2);
        String down = evicted(fail);
        assertThat(linesAbout(down)).startsWith(httpCheckFailed());
        restored(heal);
    }

    /** keepalived's lines when an HTTP_GET/SSL_GET checker gives up: the failure after the retries, the removal. */
    String[] httpCheckFailed() {
        return gaveUp("HTTP_CHECK", null);
    }

    /**
     * keepalived's lines when {@code checker} ({@code TCP_CHECK}, {@code HTTP_CHECK}, {@code UDP_CHECK}) gives up:
     * {@code perAttempt} once for each of the retry + 1 attempts (log_all_failures; none when null), the failure after
     * the retries, the removal.
     */
    String[] gaveUp(String checker, String perAttempt) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; perAttempt != null && i <= retry; i++) {
            lines.add(perAttempt);
        }
        lines.add(checker + " on service " + rs + " failed after " + retry + " retries.");
        lines.add("Removing service " + rs + " from VS " + vs);
        return lines.toArray(String[]::new);
    }

    /** keepalived's lines when an HTTP_GET/SSL_GET checker succeeds again: the success, the addition. */
    String[] httpCheckSucceeded() {
        return new String[] {"Remote Web server " + rs + " succeed on service.", "Adding service " + rs + " to VS " + vs};
    }

    /** The log lines of {@code log} naming this real server, stamps removed, with keepalived's checker words. */
    List<String> linesAbout(String log) {
        return linesAbout(log, rs);
    }

    /** The same for lines naming the real server as {@code rs} or as {@code alias} (SMTP_CHECK's {@code [ip]:port}). */
    List<String> linesAbout(String log, String alias) {
        return log.lines().map(CheckLab::stripStamp).filter(l -> l.contains(rs) || l.contains(alias)).toList();
    }

    /** A step of the test that may throw. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }
}
