package io.jkeepalived.conf.model.check;

/**
 * Scheduling options every launched checker has. A null value was not set in the checker's block; the
 * real server's (or the checker type's) default applies, as keepalived fills them in validate_check_config.
 * Times are in microseconds.
 */
public record CheckerTiming(Long retry, Long delayBeforeRetry, Long warmup, Long delayLoop, Boolean alpha,
                            boolean logAllFailures) {
    public static final CheckerTiming UNSET = new CheckerTiming(null, null, null, null, null, false);
}
