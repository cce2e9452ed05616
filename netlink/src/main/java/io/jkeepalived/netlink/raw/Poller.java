package io.jkeepalived.netlink.raw;

import jnr.ffi.Pointer;

import java.io.IOException;

/**
 * {@code poll(2)} over several sockets, for the one thread that runs all VRRP instances: it sleeps until a socket
 * is readable or the next timer is due. Reuses one native {@code struct pollfd} array; one thread at a time.
 */
public final class Poller {
    private static final int POLLFD_SIZE = 8; // struct pollfd: int fd, short events, short revents

    private final RawLibc libc = RawLibc.get();
    private final int[] fds;
    private final Pointer block;

    /** Polls these socket fds ({@code fd()} of the raw sockets) for input; the sockets stay owned by the caller. */
    public Poller(int... fds) {
        this.fds = fds.clone();
        block = libc.allocate(Math.max(1, fds.length) * POLLFD_SIZE);
    }

    /**
     * Waits up to {@code timeoutMillis} (0 = just look) for input, and marks in {@code readable} which sockets have
     * some (indexes as given to the constructor). An interrupted wait (EINTR) returns with nothing readable.
     *
     * @return how many sockets are readable
     */
    public int poll(int timeoutMillis, boolean[] readable) throws IOException {
        for (int i = 0; i < fds.length; i++) {
            block.putInt((long) i * POLLFD_SIZE, fds[i]);
            block.putShort((long) i * POLLFD_SIZE + 4, (short) RawLibc.POLLIN);
            block.putShort((long) i * POLLFD_SIZE + 6, (short) 0);
        }
        int ready = libc.api.poll(block, fds.length, Math.max(0, timeoutMillis));
        if (ready < 0) {
            int errno = libc.errno();
            if (errno == RawLibc.EINTR) {
                java.util.Arrays.fill(readable, false);
                return 0;
            }
            throw RawLibc.failure("poll", errno);
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
