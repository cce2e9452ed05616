package io.jkeepalived.netlink.raw;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller's nanosecond timeout (ppoll with a timespec) on an eventfd: no network, no root. The only timing
 * asserted is the lower bound ppoll guarantees (it never returns before the timeout without an event), never a speed.
 */
class PollerTest {
    @BeforeAll
    static void linux() {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "ppoll is Linux");
    }

    @Test
    void subMillisecondTimeoutWithNothingReadableWaitsAtLeastThatLong() throws Exception {
        try (Wakeup w = Wakeup.open()) {
            Poller p = new Poller(w.fd());
            boolean[] readable = new boolean[1];
            for (long nanos : new long[]{1, 250_000, 1_500_000}) {
                long began = System.nanoTime();
                assertThat(p.pollNanos(nanos, readable)).isZero();
                assertThat(System.nanoTime() - began).as("waited for %d ns", nanos).isGreaterThanOrEqualTo(nanos);
                assertThat(readable[0]).isFalse();
            }
        }
    }

    @Test
    void zeroAndNegativeTimeoutsJustLook() throws Exception {
        try (Wakeup w = Wakeup.open()) {
            Poller p = new Poller(w.fd());
            boolean[] readable = new boolean[1];
            assertThat(p.pollNanos(0, readable)).isZero();
            assertThat(p.pollNanos(-5, readable)).isZero();
            w.signal();
            assertThat(p.pollNanos(-5, readable)).isEqualTo(1);
            assertThat(readable[0]).isTrue();
        }
    }

    @Test
    void readableInputEndsAVeryLongWaitAtOnce() throws Exception {
        try (Wakeup w = Wakeup.open()) {
            Poller p = new Poller(w.fd());
            boolean[] readable = new boolean[1];
            w.signal();
            // Long.MAX_VALUE is cut to a day rather than overflowing the timespec (EINVAL)
            assertThat(p.pollNanos(Long.MAX_VALUE, readable)).isEqualTo(1);
            assertThat(readable[0]).isTrue();
            w.drain();
            assertThat(p.poll(0, readable)).isZero();
            assertThat(readable[0]).isFalse();
        }
    }
}
