package io.jkeepalived.daemon.status;

import java.time.Instant;

/** Wall-clock microseconds since the epoch: keepalived prints its times as {@code seconds.micros}. */
public final class WallClock {
    private WallClock() {
    }

    public static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
