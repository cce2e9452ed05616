package io.jkeepalived.netlink.raw;

import jnr.ffi.Pointer;

import java.io.IOException;

/**
 * {@code ppoll(2)} over several sockets, for the one thread that runs all VRRP instances: it sleeps until a socket
 * is readable or the next timer is due. Reuses one native {@code struct pollfd} array and one {@code struct
 * timespec}; one thread at a time.
 *
 * <p>Why ppoll rather than poll: poll's timeout is whole milliseconds, so a wait rounded up to the next millisecond
 * sent adverts up to 1 ms late by design; ppoll takes nanoseconds (the kernel still adds the thread's timer slack,
 * which the VRRP thread sets small, see {@code ThreadScheduling.setTimerSlackNanos}).
 */
public final class Poller {
    private static final int POLLFD_SIZE = 8; // struct pollfd: int fd, short events, short revents
    private static final int TIMESPEC_SIZE = 16; // struct timespec on LP64: time_t tv_sec, long tv_nsec
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Longer waits are cut to this (a day); the caller loops anyway. */
    static final long MAX_WAIT_NANOS = 86_400L * NANOS_PER_SECOND;

    private final RawLibc libc = RawLibc.get();
    private final int[] fds;
    private final Pointer block;
    private final Pointer timespec;

    /** Polls these socket fds ({@code fd()} of the raw sockets) for input; the sockets stay owned by the caller. */
    public Poller(int... fds) {
        this.fds = fds.clone();
        block = libc.allocate(Math.max(1, fds.length) * POLLFD_SIZE);
        timespec = libc.allocate(TIMESPEC_SIZE);
    }

    /**
     * Waits up to {@code timeoutMillis} (0 = just look) for input, and marks in {@code readable} which sockets have
     * some (indexes as given to the constructor). An interrupted wait (EINTR) returns with nothing readable.
     *
     * @return how many sockets are readable
     */
    public int poll(int timeoutMillis, boolean[] readable) throws IOException {
        return pollNanos(Math.max(0, timeoutMillis) * 1_000_000L, readable);
    }

    /**
     * As {@link #poll(int, boolean[])} with the timeout in nanoseconds (0 = just look; above a day = a day).
     *
     * @return how many sockets are readable
     */
    public int pollNanos(long timeoutNanos, boolean[] readable) throws IOException {
        for (int i = 0; i < fds.length; i++) {
            block.putInt((long) i * POLLFD_SIZE, fds[i]);
            block.putShort((long) i * POLLFD_SIZE + 4, (short) RawLibc.POLLIN);
            block.putShort((long) i * POLLFD_SIZE + 6, (short) 0);
        }
        long wait = Math.min(MAX_WAIT_NANOS, Math.max(0, timeoutNanos));
        timespec.putLong(0, wait / NANOS_PER_SECOND);
        timespec.putLong(8, wait % NANOS_PER_SECOND);
        // no signal mask: the JVM's threads keep theirs, as with poll
        int ready = libc.api.ppoll(block, fds.length, timespec, null);
        if (ready < 0) {
            int errno = libc.errno();
            if (errno == RawLibc.EINTR) {
                java.util.Arrays.fill(readable, false);
                return 0;
            }
            throw RawLibc.failure("ppoll", errno);
        }
        int count = 0;
        for (int i = 0; i < fds.length; i++) {
            // POLLERR/POLLHUP also mean "read it now": recvmsg reports the error
            readable[i] = block.getShort((long) i * POLLFD_SIZE + 6) != 0;
            if (readable[i]) {
                count++;
            }
        }
        return count;
    }
}
