package io.jkeepalived.netlink.raw;

import java.io.IOException;

/**
 * An eventfd(2) another thread can poke to wake a thread sleeping in {@link Poller#poll}: the VRRP loop sleeps
 * until its next timer, a packet, or news from the trackers or a stop request, and never polls needlessly.
 */
public final class Wakeup implements AutoCloseable {
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final byte[] ONE = {1, 0, 0, 0, 0, 0, 0, 0}; // a uint64 1 (the value is not read, only the event)

    private final RawLibc libc;
    private final int fd;
    private final byte[] drained = new byte[8];
    private volatile boolean closed;

    private Wakeup(RawLibc libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    public static Wakeup open() throws IOException {
        RawLibc libc = RawLibc.get();
        return new Wakeup(libc, (int) libc.check(libc.api.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), "eventfd"));
    }

    /** For the {@link Poller}. */
    public int fd() {
        return fd;
    }

    /** Wakes the poller; callable from any thread. A full counter (EAGAIN) already means "wake up". */
    public void signal() {
        if (!closed) {
            libc.api.write(fd, ONE, ONE.length);
        }
    }

    /** Resets the event after a wake-up (by the polling thread). */
    public void drain() {
        libc.api.read(fd, drained, drained.length);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            libc.check(libc.api.close(fd), "close(eventfd)");
        }
    }
}
