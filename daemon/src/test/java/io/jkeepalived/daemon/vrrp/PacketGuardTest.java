package io.jkeepalived.daemon.vrrp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A packet handler that throws costs that packet only: counted, logged once a second per place, and on it goes. */
class PacketGuardTest {
    private long now = 1_000_000_000_000L;
    private final List<String> log = new ArrayList<>();
    private final PacketGuard guard = new PacketGuard(() -> now, log::add);

    @Test
    void aThrowingHandlerIsCountedAndLoggedRateLimitedAndTheNextPacketIsHandled() {
        Runnable bug = () -> {
            throw new IllegalArgumentException("addresses mix IPv4 and IPv6");
        };
        for (int i = 0; i < 100; i++) {
            assertThat(guard.run("(VI_1)", bug)).isFalse();
            now += 1_000_000; // 100 packets in 100 ms
        }
        assertThat(guard.failures("(VI_1)")).isEqualTo(100);
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).startsWith("(VI_1) failed to handle a received packet (1 so far), dropped: ")
                .contains("IllegalArgumentException: addresses mix IPv4 and IPv6");

        int[] handled = {0};
        assertThat(guard.run("(VI_1)", () -> handled[0]++)).isTrue();
        assertThat(handled[0]).isEqualTo(1);

        now += PacketGuard.LOG_INTERVAL_NANOS;
        guard.run("(VI_1)", bug);
        assertThat(log).hasSize(2);
        assertThat(log.get(1)).contains("(101 so far)");
    }

    @Test
    void placesAreCountedAndRateLimitedApart() {
        Runnable bug = () -> {
            throw new IndexOutOfBoundsException("offset 40");
        };
        guard.run("(VI_1)", bug);
        guard.run("interface eth0", bug);
        guard.run("interface eth0", bug);
        assertThat(guard.failures("(VI_1)")).isEqualTo(1);
        assertThat(guard.failures("interface eth0")).isEqualTo(2);
        assertThat(guard.failures("(VI_2)")).isZero();
        assertThat(log).hasSize(2);
    }

    @Test
    void errorsAreNotSwallowed() {
        // an Error (out of memory, a linkage problem) is no packet's fault: the thread's own handler deals with it
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.run("(VI_1)", () -> {
            throw new StackOverflowError();
        })).isInstanceOf(StackOverflowError.class);
    }
}
