package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.model.check.Checker;
import io.jkeepalived.conf.model.check.CheckerTiming;
import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.ServerTiming;
import io.jkeepalived.conf.model.check.VirtualServer;

import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * One checker's timing after keepalived's validate_check_config has filled in what its block left unset:
 * the checker's value, else its real server's, else its virtual server's, else the checker type's default.
 * All times in nanoseconds.
 *
 * @param keyword            the checker's keyword ({@code TCP_CHECK}), for log lines
 * @param retry              failed attempts tolerated before the checker turns down (retry+1 in a row fail it)
 * @param delayBeforeRetry   wait after a failed attempt that is not yet final
 * @param warmup             the first attempt starts after 1 s plus a random share of this
 * @param delayLoop          wait after a final (success, or failure with no retry left) attempt
 * @param connectTimeout     {@code connect_timeout} for the probe
 * @param alpha              start down: the real server waits for this checker's first success
 * @param logAllFailures     {@code log_all_failures} here or {@code checker_log_all_failures} in global_defs
 */
public record CheckSchedule(String keyword, long retry, long delayBeforeRetry, long warmup, long delayLoop,
                            long connectTimeout, boolean alpha, boolean logAllFailures) {
    /** keepalived's BOOTSTRAP_DELAY: every checker starts at least this late. */
    public static final long BOOTSTRAP_DELAY = 1_000_000_000L;
    /** A virtual server's connect_timeout when nothing sets one. */
    public static final long DEFAULT_CONNECT_TIMEOUT = 5_000_000_000L;
    private static final long SECOND_MICROS = 1_000_000L;

    /**
     * Per-type defaults where a checker differs from keepalived's queue_checker defaults (retry 1,
     * delay_before_retry 1 s): HTTP 3 s between retries, DNS 3 retries spaced by delay_loop, MISC no retry.
     * A delay_before_retry of 0 here means "delay_loop".
     */
    private static final Map<String, long[]> TYPE_DEFAULTS = Map.of(
            "HTTP_GET", new long[]{1, 3 * SECOND_MICROS},
            "SSL_GET", new long[]{1, 3 * SECOND_MICROS},
            "DNS_CHECK", new long[]{3, 0},
            "MISC_CHECK", new long[]{0, SECOND_MICROS},
            // keepalived acts on a tracked file at once (inotify): no retries
            "FILE_CHECK", new long[]{0, SECOND_MICROS});

    /** Fills in {@code checker}'s timing as keepalived does for one checker of {@code rs} in {@code vs}. */
    public static CheckSchedule resolve(VirtualServer vs, RealServer rs, Checker checker, boolean globalLogAllFailures) {
        CheckerTiming t = component(checker, CheckerTiming.class);
        if (t == null) {
            t = CheckerTiming.UNSET;
        }
        ConnectionOptions co = component(checker, ConnectionOptions.class);
        ServerTiming vt = vs.timing() == null ? ServerTiming.UNSET : vs.timing();
        ServerTiming rt = rs.timing() == null ? ServerTiming.UNSET : rs.timing();
        long[] type = TYPE_DEFAULTS.getOrDefault(checker.keyword(), new long[]{1, SECOND_MICROS});

        // the real server's values (real_server block, else virtual_server block)
        Long rsRetry = first(rt.retry(), vt.retry());
        Long rsDelayBeforeRetry = first(rt.delayBeforeRetry(), vt.delayBeforeRetry());
        Long rsWarmup = first(rt.warmup(), vt.warmup());
        long rsDelayLoop = first(rt.delayLoop(), vt.delayLoop(), vs.delayLoopMicros());
        long rsConnectTimeout = first(rt.connectTimeout(), vt.connectTimeout(), DEFAULT_CONNECT_TIMEOUT / 1000);
        boolean rsAlpha = first(rt.alpha(), vt.alpha(), vs.alpha());

        long delayLoop = first(t.delayLoop(), rsDelayLoop);
        long retry = first(t.retry(), rsRetry, type[0]);
        long warmup = first(t.warmup(), rsWarmup, delayLoop);
        long delayBeforeRetry = first(t.delayBeforeRetry(), rsDelayBeforeRetry, type[1] != 0 ? type[1] : delayLoop);
        long connectTimeout = first(co == null ? null : co.connectTimeout(), rsConnectTimeout);
        boolean alpha = first(t.alpha(), rsAlpha);
        return new CheckSchedule(checker.keyword(), retry, delayBeforeRetry * 1000, warmup * 1000, delayLoop * 1000,
                connectTimeout * 1000, alpha, t.logAllFailures() || globalLogAllFailures);
    }

    /**
     * The checker record's component of the given type. Every launched checker type carries its timing and most
     * their connection options as record components; looking them up by type keeps this class free of a list
     * of checker types, so new checkers need no change here.
     */
    static <T> T component(Checker checker, Class<T> type) {
        RecordComponent[] components = checker.getClass().getRecordComponents();
        if (components == null) {
            return null;
        }
        for (RecordComponent c : components) {
            if (c.getType() == type) {
                try {
                    return type.cast(c.getAccessor().invoke(checker));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + checker.keyword(), e);
                }
            }
        }
        return null;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
