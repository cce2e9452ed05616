package io.jkeepalived.daemon.sched;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** keepalived's automatic real-time priority rule (scheduler.c, process.c increment_process_priority), fake times. */
class AutoPriorityTest {
    private static final long MS = 1_000_000;

    @Test
    void aTimerLateByMoreThanTheDelayStartsAtTheLowestPriorityThenStepsUpToTheMaximum() {
        AutoPriority a = new AutoPriority(3, 1, 1000, 0); // min_auto_priority_delay 1 ms, max_auto_priority 3
        assertThat(a.afterWait(100 * MS, 100 * MS + 999_000)).isEmpty(); // 0.999 ms late: within the delay
        assertThat(a.afterWait(100 * MS, 101 * MS)).isEmpty(); // exactly the delay: keepalived wants more
        assertThat(a.afterWait(100 * MS, 101 * MS + 1000)).isEqualTo(OptionalInt.of(1));
        assertThat(a.afterWait(200 * MS, 205 * MS)).isEqualTo(OptionalInt.of(2));
        assertThat(a.afterWait(300 * MS, 305 * MS)).isEqualTo(OptionalInt.of(3));
        assertThat(a.afterWait(400 * MS, 405 * MS)).isEmpty(); // at max_auto_priority
        assertThat(a.current()).isEqualTo(3);
    }

    @Test
    void anEarlyWakeUpOrNoTimerDoesNothing() {
        AutoPriority a = new AutoPriority(99, 1, 1, 0);
        assertThat(a.afterWait(100 * MS, 50 * MS)).isEmpty(); // woken by a packet before the timer
        assertThat(a.afterWait(Long.MAX_VALUE, 50 * MS)).isEmpty();
    }

    @Test
    void offWithoutAPositiveMaximum() {
        assertThat(new AutoPriority(0, 1, 1, 0).afterWait(0, 10_000 * MS)).isEmpty();
        assertThat(new AutoPriority(-1, 1, 1, 0).afterWait(0, 10_000 * MS)).isEmpty();
    }

    @Test
    void aConfiguredRealTimePriorityIsTheStartingPointAndAHigherOneIsKept() {
        assertThat(new AutoPriority(10, 1, 1, 5).afterWait(0, MS)).isEqualTo(OptionalInt.of(6));
        assertThat(new AutoPriority(10, 1, 1, 50).afterWait(0, MS)).isEmpty();
    }

    @Test
    void logLineAsKeepalived() {
        assertThat(AutoPriority.expiredMessage(300 * MS)).isEqualTo("A thread timer expired 0.300000 seconds ago");
        assertThat(AutoPriority.expiredMessage(1_300 * MS + 7_000)).isEqualTo("A thread timer expired 1.300007 seconds ago");
    }
}
