package io.jkeepalived.healthcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * One real server's health as keepalived's checker process keeps it (check_api.c, the checkers' epilogues and
 * ipwrapper.c's update_svr_checker_state/perform_svr_state), without I/O: results and the time go in, actions
 * ({@link HealthAction}) come out. Not thread-safe: the engine drives each real server from one event loop.
 *
 * <p>The rules it mirrors:
 * <ul>
 *   <li>a checker starts up, or down with {@code alpha}; the real server is up while none of its checkers is down
 *       (keepalived counts failed checkers, {@code num_failed_checkers});</li>
 *   <li>initially one failure is enough (keepalived starts {@code retry_it} at {@code retry}); afterwards a checker
 *       turns down after {@code retry}+1 failed attempts in a row, spaced by {@code delay_before_retry}, and up on
 *       its first success; after a final attempt the next one is {@code delay_loop} later;</li>
 *   <li>the real server goes down when its first checker fails and up when its last failed checker recovers, and
 *       each change runs notify_up/notify_down; an alpha checker's first failure confirms the down state and runs
 *       notify_down once.</li>
 * </ul>
 */
public final class RealServerHealth {
    /**
     * What the state machine needs to know about one checker: its timing and keepalived's words for it.
     * {@code downLine}, when not null, gives the line logged when the checker turns down from the last failure's text
     * (keepalived's MISC, DNS, SMTP and PING checkers word it themselves); null or a null answer logs
     * {@code failedLine}/{@code failedAfterRetriesLine}.
     */
    public record CheckerSpec(CheckSchedule schedule, String upLine, String failedLine, String failedAfterRetriesLine,
                              DownLine downLine, CheckerRules rules) {
        public CheckerSpec {
            rules = rules == null ? CheckerRules.GENERIC : rules;
        }

        public CheckerSpec(CheckSchedule schedule, String upLine, String failedLine, String failedAfterRetriesLine,
                           DownLine downLine) {
            this(schedule, upLine, failedLine, failedAfterRetriesLine, downLine, CheckerRules.GENERIC);
        }

        public CheckerSpec(CheckSchedule schedule, String upLine, String failedLine, String failedAfterRetriesLine) {
            this(schedule, upLine, failedLine, failedAfterRetriesLine, null);
        }

        /** The lines keepalived's TCP-style epilogue logs, with the real server as keepalived formats it. */
        public static CheckerSpec of(CheckSchedule schedule, String upLine, String realServer) {
            return new CheckerSpec(schedule, upLine,
                    schedule.keyword() + " on service " + realServer + " failed.",
                    schedule.keyword() + " on service " + realServer + " failed after " + schedule.retry() + " retries.");
        }
    }

    /** A checker's own line for turning down; see {@link CheckerSpec}. */
    @FunctionalInterface
    public interface DownLine {
        /**
         * @param failure the failed attempt's text ({@link ProbeResult#failure()})
         * @param hasRun  whether the checker had run before (keepalived's {@code has_run})
         * @return the line, or null for the engine's default
         */
        String line(String failure, boolean hasRun);
    }

    private final List<CheckerSpec> specs;
    private final boolean[] up;
    private final boolean[] hasRun;
    private final long[] retryIt;
    private final long[] consecutiveFailures;
    private int failedCheckers;
    private boolean alive;
    private int weight;

    public RealServerHealth(List<CheckerSpec> checkers, int weight) {
        this.specs = List.copyOf(checkers);
        int n = specs.size();
        this.up = new boolean[n];
        this.hasRun = new boolean[n];
        this.retryIt = new long[n];
        this.consecutiveFailures = new long[n];
        this.weight = weight;
        for (int i = 0; i < n; i++) {
            CheckSchedule s = specs.get(i).schedule();
            up[i] = !s.alpha();
            if (s.alpha()) {
                failedCheckers++;
            }
            // keepalived: "for non alpha mode, one failure is enough initially" (SMTP_CHECK resets it each round)
            retryIt[i] = specs.get(i).rules().retryAtFirstCheck() ? 0 : s.retry();
        }
        this.alive = failedCheckers == 0;
    }

    /** Whether {@link #start} publishes a notify because a reload changed the real server's state. */
    private boolean notifyOnStart;

    /**
     * A reload (keepalived's clear_diff_rs and migrate_checkers): the real server stays, with {@code checkers} now.
     * {@code previous[i]} is the index in {@code old} of the checker that new checker {@code i} continues (same type
     * and settings, timing aside), or -1 for a new one. Continued checkers keep their up/down state, whether they
     * have run, and their retries (cut to the new {@code retry}); the real server keeps its alive state. New
     * checkers start up, except alpha ones while another checker has failed (or nothing ran yet on a real server
     * that is down); with no failed checker left a down real server comes up, and its {@link #start} then also
     * runs notify_up. {@code old} is only read.
     */
    public static RealServerHealth reloaded(RealServerHealth old, List<CheckerSpec> checkers, int[] previous, int weight) {
        RealServerHealth h = new RealServerHealth(checkers, weight);
        int n = h.specs.size();
        if (previous.length != n) {
            throw new IllegalArgumentException(n + " checkers but " + previous.length + " previous indexes");
        }
        boolean anyRun = false;
        for (int i = 0; i < n; i++) {
            int o = previous[i];
            long retry = h.specs.get(i).schedule().retry();
            if (o >= 0) {
                h.up[i] = old.hasRun[o] ? old.up[o] : h.up[i];
                h.hasRun[i] = old.hasRun[o];
                h.consecutiveFailures[i] = old.consecutiveFailures[o];
                if (old.hasRun[o]) {
                    // failures so far count against the new retry, and one more fails a checker already at its
                    // limit. keepalived cuts to retry-1 here, which grants a checker in mid-retry one extra
                    // attempt even when nothing changed; min(retry) keeps a reload of the same checker invisible
                    h.retryIt[i] = Math.min(old.retryIt[o], retry);
                }
            } else {
                h.up[i] = true;
            }
            anyRun |= h.hasRun[i];
        }
        int failed = 0;
        for (int i = 0; i < n; i++) {
            if (h.hasRun[i] && !h.up[i]) {
                failed++;
            }
        }
        if (failed > 0 || (!old.alive && !anyRun)) {
            for (int i = 0; i < n; i++) {
                if (!h.hasRun[i]) {
                    if (h.specs.get(i).schedule().alpha()) {
                        h.up[i] = false;
                    }
                    h.retryIt[i] = h.specs.get(i).schedule().retry();
                }
            }
        }
        h.failedCheckers = 0;
        for (int i = 0; i < n; i++) {
            if (!h.up[i]) {
                h.failedCheckers++;
            }
        }
        h.alive = h.failedCheckers == 0 || old.alive;
        if (h.failedCheckers > 0 && h.alive && failed > 0) {
            // a continued checker is down: the real server cannot stay in the pool (keepalived removes it)
            h.alive = false;
        }
        h.notifyOnStart = h.alive && !old.alive;
        return h;
    }

    /** Whether the real server is in the pool (keepalived's ISALIVE). */
    public boolean alive() {
        return alive;
    }

    public int weight() {
        return weight;
    }

    public int checkers() {
        return specs.size();
    }

    public boolean checkerUp(int checker) {
        return up[checker];
    }

    /** Failed attempts in a row of one checker (0 after a success). */
    public long consecutiveFailures(int checker) {
        return consecutiveFailures[checker];
    }

    /** keepalived's failed-checker count. */
    public int failedCheckers() {
        return failedCheckers;
    }

    /**
     * The initial verdict and each checker's first attempt: BOOTSTRAP_DELAY plus a random part of warmup.
     *
     * @param random maps a warmup (ns) to a value in [0, warmup] (random in the daemon, fixed in tests)
     */
    public List<HealthAction> start(long now, LongUnaryOperator random) {
        List<HealthAction> out = new ArrayList<>();
        out.add(new HealthAction.Verdict(alive, weight));
        if (notifyOnStart) {
            notifyOnStart = false;
            out.add(new HealthAction.Notify(alive));
        }
        for (int i = 0; i < specs.size(); i++) {
            long warmup = specs.get(i).schedule().warmup();
            long w = warmup > 0 ? Math.max(0, Math.min(warmup, random.applyAsLong(warmup))) : 0;
            out.add(new HealthAction.Schedule(i, now + CheckSchedule.BOOTSTRAP_DELAY + w));
        }
        return out;
    }

    /** The outcome of checker {@code checker}'s attempt, finished at {@code now}. */
    public List<HealthAction> onResult(int checker, ProbeResult result, long now) {
        List<HealthAction> out = new ArrayList<>(4);
        CheckerSpec spec = specs.get(checker);
        CheckSchedule s = spec.schedule();
        CheckerRules rules = spec.rules();
        boolean success = result.success();
        // the round's last attempt: a success, no retry left, or (DNS_CHECK) a checker that is down already
        boolean last = success || retryIt[checker] >= s.retry()
                || (!rules.retryWhileDown() && !up[checker] && hasRun[checker]);
        if (success) {
            consecutiveFailures[checker] = 0;
        } else {
            consecutiveFailures[checker]++;
            boolean generic = rules == CheckerRules.GENERIC;
            // keepalived's own-worded checkers log while "is_up || !has_run"
            if (s.logAllFailures() && (up[checker] || (!generic && !hasRun[checker]))) {
                String line = rules.attemptLine(result.failure(), last ? 0 : retryIt[checker] + 1, s.retry());
                if (line != null && (generic || !last)) {
                    out.add(new HealthAction.Log(line));
                }
            }
        }
        long delay;
        if (last) {
            delay = s.delayLoop();
            retryIt[checker] = 0;
            if (success && (!up[checker] || !hasRun[checker])) {
                if (spec.upLine() != null) {
                    out.add(new HealthAction.Log(spec.upLine()));
                }
                checkerState(checker, true, out);
            } else if (!success && (up[checker] || !hasRun[checker])) {
                String line = spec.downLine() == null ? null : spec.downLine().line(result.failure(), hasRun[checker]);
                if (line == null) {
                    out.add(new HealthAction.Log(s.retry() > 0 && hasRun[checker]
                            ? spec.failedAfterRetriesLine() : spec.failedLine()));
                } else if (rules != CheckerRules.GENERIC
                        || !(line.equals(result.failure()) && up[checker] && s.logAllFailures())) {
                    // (a checker that words its last failure as the attempt's text logs it once, as keepalived)
                    out.add(new HealthAction.Log(line));
                }
                if (result.dynamicWeight() != ProbeResult.NO_WEIGHT) {
                    // keepalived's check_misc.c takes a misc_dynamic weight back as the checker goes down, so the
                    // real server returns with its configured weight
                    weight = result.dynamicWeight();
                }
                checkerState(checker, false, out);
            }
        } else {
            delay = s.delayBeforeRetry();
            retryIt[checker]++;
        }
        if (last || !rules.retryAtFirstCheck()) {
            // SMTP_CHECK sets has_run only with a round's result, so an alpha checker's first round still turns it
            // down (and runs notify_down) after its retries
            hasRun[checker] = true;
        }
        if (success) {
            int wanted = result.dynamicWeight() == ProbeResult.NO_WEIGHT ? weight : result.dynamicWeight();
            if (wanted != weight) {
                weight = wanted;
                out.add(new HealthAction.Verdict(alive, weight));
            }
        }
        out.add(new HealthAction.Schedule(checker, now + delay));
        return out;
    }

    /** keepalived's update_svr_checker_state. */
    private void checkerState(int checker, boolean nowUp, List<HealthAction> out) {
        if (up[checker] == nowUp) {
            if (!hasRun[checker]) {
                if (specs.get(checker).schedule().alpha() || !nowUp) {
                    out.add(new HealthAction.Notify(alive));
                }
                hasRun[checker] = true;
            }
            return;
        }
        hasRun[checker] = true;
        if (nowUp ? failedCheckers <= 1 : failedCheckers == 0) {
            serverState(nowUp, out);
        }
        up[checker] = nowUp;
        failedCheckers += nowUp ? -1 : 1;
    }

    /** keepalived's perform_svr_state, without the IPVS command (the reconciler's job). */
    private void serverState(boolean nowAlive, List<HealthAction> out) {
        if (alive == nowAlive) {
            return;
        }
        alive = nowAlive;
        out.add(new HealthAction.Verdict(alive, weight));
        out.add(new HealthAction.Notify(alive));
    }
}
