package io.jkeepalived.vrrp.fsm;

import java.util.function.LongSupplier;

/** A hand-driven nanosecond clock. */
final class FakeClock implements LongSupplier {
    private long now;

    FakeClock(long start) {
        this.now = start;
    }

    @Override
    public long getAsLong() {
        return now;
    }

    void set(long nanos) {
        this.now = nanos;
    }

    void advanceMicros(long micros) {
        this.now += micros * 1000;
    }

    long now() {
        return now;
    }
}
