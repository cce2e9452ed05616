package io.jkeepalived.conf.model.check;

/**
 * The checker defaults a {@code virtual_server} or {@code real_server} block sets for the checkers below it
 * ({@code retry}, {@code delay_before_retry}, {@code warmup}, {@code delay_loop}, {@code connect_timeout},
 * {@code alpha}); keepalived's validate_check_config hands them down checker ← real server ← virtual server.
 * A null value was not set (or was invalid) in this block. Times are in microseconds.
 */
public record ServerTiming(Long retry, Long delayBeforeRetry, Long warmup, Long delayLoop, Long connectTimeout,
                           Boolean alpha) {
    public static final ServerTiming UNSET = new ServerTiming(null, null, null, null, null, null);
}
