package io.jkeepalived.conf.model.check;

/**
 * The options keepalived's checkers share (check_api.c install_checker_common_keywords). Null or -1
 * means "not set here": the real server's or virtual server's value, or keepalived's default, applies.
 *
 * @param connectTimeoutMicros connect_timeout
 * @param delayBeforeRetryMicros delay_before_retry
 * @param warmupMicros warmup
 * @param delayLoopMicros delay_loop
 */
public record CheckOptions(String connectIp, Integer connectPort, String bindTo, Integer bindPort, String bindIf,
                           long connectTimeoutMicros, Long fwmark, long retry, long delayBeforeRetryMicros,
                           long warmupMicros, long delayLoopMicros, boolean alpha, boolean logAllFailures) {
}
