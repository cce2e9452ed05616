package io.jkeepalived.daemon.sched;

import java.util.OptionalInt;

/**
 * keepalived's automatic real-time priority ({@code max_auto_priority}, {@code min_auto_priority_delay}): when its
 * scheduler wakes up and finds the earliest timer overdue by more than the delay, the process is under too much load
 * to keep its timers, so it moves to SCHED_RR at the lowest priority, or one step up if already real-time, never
 * beyond max_auto_priority. Here the VRRP thread asks this after each wait.
 *
 * <p>Pure: takes the deadline and the time, returns the priority to switch to. One thread.
 */
public final class AutoPriority {
    private final int maxPriority;
    private final int minPriority;
    private final long minDelayNanos;
    private int current;

    /**
     * @param maxPriority    max_auto_priority; 0 or less = never act
     * @param minPriority    the lowest SCHED_RR priority (sched_get_priority_min, 1)
     * @param minDelayMicros min_auto_priority_delay
     * @param current        the SCHED_RR priority the thread already runs at (its configured rt_priority), 0 = none
     */
    public AutoPriority(int maxPriority, int minPriority, long minDelayMicros, int current) {
        this.maxPriority = maxPriority;
        this.minPriority = minPriority;
        this.minDelayNanos = minDelayMicros * 1000;
        this.current = current;
    }

    /**
     * After a wait whose earliest timer was due at {@code deadlineNanos} ({@code Long.MAX_VALUE} = none), at
     * {@code nowNanos}: the new SCHED_RR priority to set, or empty to leave the thread alone.
     */
    public OptionalInt afterWait(long deadlineNanos, long nowNanos) {
        if (maxPriority <= 0 || deadlineNanos == Long.MAX_VALUE || nowNanos - deadlineNanos <= minDelayNanos) {
            return OptionalInt.empty();
        }
        if (current >= maxPriority) {
            return OptionalInt.empty();
        }
        current = current == 0 ? minPriority : current + 1;
        return OptionalInt.of(current);
    }

    /** The SCHED_RR priority reached so far (0 = none). */
    public int current() {
        return current;
    }

    /** keepalived's "A thread timer expired S.UUUUUU seconds ago" for a timer {@code lateNanos} overdue. */
    public static String expiredMessage(long lateNanos) {
        long micros = lateNanos / 1000;
        return String.format(java.util.Locale.ROOT, "A thread timer expired %d.%06d seconds ago",
                micros / 1_000_000, micros % 1_000_000);
    }
}
