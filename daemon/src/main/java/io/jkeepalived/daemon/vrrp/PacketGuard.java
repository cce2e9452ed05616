package io.jkeepalived.daemon.vrrp;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs the handling of one received packet so that a bug in it (a decoder or state-machine exception on input
 * nobody foresaw) costs that packet only, never the VRRP thread: without this, one such exception stopped every
 * instance and the daemon exited 1. Each failure is counted per place (instance or interface), for the dumps and
 * the metrics endpoint, and logged at most once a second per place, so a flood of the same packet cannot flood
 * the log. The count may be read from any thread; everything else runs on the vrrp thread.
 */
final class PacketGuard {
    /** As the rejection log lines: at most once a second per place. */
    static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final Consumer<String> log;
    private final Map<String, Long> lastLog = new HashMap<>();
    private final Map<String, AtomicLong> counts = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param nanoClock monotonic nanoseconds, for the rate limit
     * @param log       where the (rate-limited) line goes
     */
    PacketGuard(LongSupplier nanoClock, Consumer<String> log) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Runs {@code handler}; a RuntimeException it throws is counted against {@code place} and logged.
     *
     * @param place what the packet was for, as the log line names it: "(VI_1)" or "interface eth0"
     * @return false when the handler failed
     */
    boolean run(String place, Runnable handler) {
        try {
            handler.run();
            return true;
        } catch (RuntimeException e) {
            long n = counts.computeIfAbsent(place, k -> new AtomicLong()).incrementAndGet();
            long now = nanoClock.getAsLong();
            Long last = lastLog.get(place);
            if (last == null || now - last >= LOG_INTERVAL_NANOS) {
                lastLog.put(place, now);
                log.accept(place + " failed to handle a received packet (" + n + " so far), dropped: " + e);
            }
            return false;
        }
    }

    /** Packets whose handling failed for {@code place} since start. */
    long failures(String place) {
        AtomicLong n = counts.get(place);
        return n == null ? 0 : n.get();
    }
}
