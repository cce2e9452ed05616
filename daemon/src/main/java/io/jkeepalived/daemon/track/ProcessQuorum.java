package io.jkeepalived.daemon.track;

import java.util.OptionalLong;

/**
 * Whether a {@code vrrp_track_process} has its quorum ({@code quorum <= running <= quorum_max}), with
 * keepalived's {@code fork_delay} and {@code terminate_delay}: gaining the quorum is acted on only after
 * fork_delay, losing it only after terminate_delay, and a change that reverts while its delay runs cancels it
 * (track_process.c's quorum timers). Pure, on a nanosecond clock passed in.
 */
public final class ProcessQuorum {
    private final long quorum;
    private final long quorumMax;
    private final long forkDelayNanos;
    private final long terminateDelayNanos;
    private boolean have;
    private boolean pending;
    private long pendingAt;

    public ProcessQuorum(long quorum, long quorumMax, long forkDelayMicros, long terminateDelayMicros,
                         long initialCount) {
        this.quorum = quorum;
        this.quorumMax = quorumMax;
        this.forkDelayNanos = forkDelayMicros * 1000;
        this.terminateDelayNanos = terminateDelayMicros * 1000;
        this.have = within(initialCount);
    }

    private boolean within(long count) {
        return count >= quorum && count <= quorumMax;
    }

    public boolean have() {
        return have;
    }

    /** When the pending delay (if any) runs out. */
    public OptionalLong pendingAt() {
        return pending ? OptionalLong.of(pendingAt) : OptionalLong.empty();
    }

    /**
     * The process count now.
     *
     * @return true when {@link #have()} changed
     */
    public boolean update(long now, long count) {
        boolean want = within(count);
        if (pending) {
            if (want == have) {
                pending = false; // reverted while the delay ran: the change is cancelled
                return false;
            }
            if (now - pendingAt >= 0) {
                pending = false;
                have = want;
                return true;
            }
            return false;
        }
        if (want == have) {
            return false;
        }
        long delay = want ? forkDelayNanos : terminateDelayNanos;
        if (delay > 0) {
            pending = true;
            pendingAt = now + delay;
            return false;
        }
        have = want;
        return true;
    }
}
