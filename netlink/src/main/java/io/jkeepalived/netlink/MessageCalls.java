package io.jkeepalived.netlink;

import java.nio.ByteBuffer;

/**
 * Datagram I/O on a socket descriptor: sendto(2), recvfrom(2) and poll(2) for a bounded wait. EINTR is retried
 * a bounded number of times; EAGAIN on a non-blocking socket is reported as "nothing" rather than an error,
 * because that is the normal answer for an event loop. Bound through jffi directly ({@link DirectLibc}).
 */
final class MessageCalls {
    static final int MSG_PEEK = 0x2;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;

    private static final short POLLIN = 0x1;
    /** struct pollfd: int fd; short events; short revents. */
    private static final int POLLFD_SIZE = 8;
    private static final int EINTR_RETRIES = 100;

    /**
     * recvfrom's socklen_t and poll's pollfd, per thread: the request path needs both for every datagram. Anonymous
     * classes, not lambdas: a lambda spins classes at first use, which costs seconds under emulation.
     */
    private static final ThreadLocal<ByteBuffer> ADDRLEN = new ThreadLocal<>() {
        @Override
        protected ByteBuffer initialValue() {
            return DirectLibc.scratch(4);
        }
    };
    private static final ThreadLocal<ByteBuffer> POLLFD = new ThreadLocal<>() {
        @Override
        protected ByteBuffer initialValue() {
            return DirectLibc.scratch(POLLFD_SIZE);
        }
    };

    private MessageCalls() {
    }

    /**
     * Sends the bytes between {@code data}'s position and limit to {@code addr} (position to limit), returning the
     * count sent, or -1 when a non-blocking socket would block. The buffer's position is not moved.
     */
    static int sendto(int fd, ByteBuffer data, ByteBuffer addr, String subject) throws SyscallException {
        for (int attempt = 0; ; attempt++) {
            long n = DirectLibc.sendto(fd, data, 0, addr);
            if (n >= 0) {
                return (int) n;
            }
            int errno = DirectLibc.errno();
            if (errno == Errno.EAGAIN) {
                return -1;
            }
            if (errno != Errno.EINTR || attempt >= EINTR_RETRIES) {
                throw Errno.exception("sendto(" + subject + ")", errno);
            }
        }
    }

    /**
     * Receives one datagram into {@code buf} from its position (up to its limit) and stores the sender's address
     * into {@code addr} (from position 0, capacity bytes). Returns what recvfrom returned (with MSG_TRUNC the full
     * datagram length, which may exceed the space), or -1 when a non-blocking receive would block.
     */
    static int recvfrom(int fd, ByteBuffer buf, int flags, ByteBuffer addr, String subject) throws SyscallException {
        for (int attempt = 0; ; attempt++) {
            ByteBuffer addrlen = null;
            if (addr != null) {
                addrlen = ADDRLEN.get();
                addrlen.putInt(0, addr.capacity());
            }
            long n = DirectLibc.recvfrom(fd, buf, flags, addr, addrlen);
            if (n >= 0) {
                return (int) n;
            }
            int errno = DirectLibc.errno();
            if (errno == Errno.EAGAIN) {
                return -1;
            }
            if (errno != Errno.EINTR || attempt >= EINTR_RETRIES) {
                throw Errno.exception("recvfrom(" + subject + ")", errno);
            }
        }
    }

    /** Waits up to {@code timeoutMillis} (negative: forever) for the descriptor to become readable. */
    static boolean pollIn(int fd, int timeoutMillis, String subject) throws SyscallException {
        ByteBuffer pfd = POLLFD.get();
        pfd.putInt(0, fd);
        pfd.putShort(4, POLLIN);
        pfd.putShort(6, (short) 0);
        int n = DirectLibc.poll(pfd, 1, timeoutMillis);
        if (n >= 0) {
            return n > 0;
        }
        int errno = DirectLibc.errno();
        // An interrupted wait counts as "not readable yet": the caller's deadline decides whether to wait again.
        if (errno == Errno.EINTR) {
            return false;
        }
        throw Errno.exception("poll(" + subject + ")", errno);
    }
}
