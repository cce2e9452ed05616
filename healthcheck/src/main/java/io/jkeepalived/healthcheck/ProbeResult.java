package io.jkeepalived.healthcheck;

import java.util.Objects;

/**
 * The verdict of one {@link Probe} attempt.
 *
 * @param success       the real server answered as the checker wants
 * @param failure       on failure, keepalived's words for it without the prefix the engine adds
 *                      (e.g. {@code "TCP connection to [198.51.100.10]:tcp:80 failed."}); null on success
 * @param dynamicWeight a weight the check asks for (MISC_CHECK {@code misc_dynamic}: exit code − 2), or
 *                      {@link #NO_WEIGHT} to keep the configured one; on failure, the weight the real server takes
 *                      if this attempt turns the checker down (misc_dynamic gives the configured weight back)
 */
public record ProbeResult(boolean success, String failure, int dynamicWeight) {
    public static final int NO_WEIGHT = -1;
    private static final ProbeResult OK = new ProbeResult(true, null, NO_WEIGHT);

    public ProbeResult {
        if (!success) {
            Objects.requireNonNull(failure, "a failed probe says why");
        }
    }

    public static ProbeResult ok() {
        return OK;
    }

    public static ProbeResult ok(int dynamicWeight) {
        return new ProbeResult(true, null, dynamicWeight);
    }

    public static ProbeResult failed(String why) {
        return new ProbeResult(false, why, NO_WEIGHT);
    }

    /** A failure that, when it turns the checker down, also sets the real server's weight. */
    public static ProbeResult failed(String why, int weightWhenDown) {
        return new ProbeResult(false, why, weightWhenDown);
    }
}
