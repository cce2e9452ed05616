package io.jkeepalived.netlink;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.types.size_t;
import jnr.ffi.types.socklen_t;
import jnr.ffi.types.ssize_t;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Datagram I/O on a socket descriptor: sendto(2), recvfrom(2) and poll(2) for a bounded wait. EINTR is retried
 * a bounded number of times; EAGAIN on a non-blocking socket is reported as "nothing" rather than an error,
 * because that is the normal answer for an event loop.
 */
final class MessageCalls {
    static final int MSG_PEEK = 0x2;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;

    private static final short POLLIN = 0x1;
    /** struct pollfd: int fd; short events; short revents. */
    private static final int POLLFD_SIZE = 8;
    private static final int EINTR_RETRIES = 100;

    /** The libc functions; public only because jnr-ffi implements it from another class loader. */
    public interface LibC {
        @ssize_t long sendto(int fd, ByteBuffer buf, @size_t long len, int flags, ByteBuffer addr, @socklen_t int addrlen);

        @ssize_t long recvfrom(int fd, ByteBuffer buf, @size_t long len, int flags, ByteBuffer addr, IntByReference addrlen);

        int poll(ByteBuffer fds, long nfds, int timeout);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private MessageCalls() {
    }

    /**
     * Sends the bytes between {@code data}'s position and limit to {@code addr} (position to limit), returning the
     * count sent, or -1 when a non-blocking socket would block. The buffer's position is not moved.
     */
    static int sendto(int fd, ByteBuffer data, ByteBuffer addr, String subject) throws SyscallException {
        for (int attempt = 0; ; attempt++) {
            long n = Holder.LIBC.sendto(fd, data, data.remaining(), 0, addr, addr == null ? 0 : addr.remaining());
            if (n >= 0) {
                return (int) n;
            }
            int errno = Holder.RUNTIME.getLastError();
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
            IntByReference addrlen = new IntByReference(addr == null ? 0 : addr.capacity());
            long n = Holder.LIBC.recvfrom(fd, buf, buf.remaining(), flags, addr, addr == null ? null : addrlen);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Holder.RUNTIME.getLastError();
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
        ByteBuffer pfd = ByteBuffer.allocateDirect(POLLFD_SIZE).order(ByteOrder.nativeOrder());
        pfd.putInt(0, fd);
        pfd.putShort(4, POLLIN);
        int n = Holder.LIBC.poll(pfd, 1, timeoutMillis);
        if (n >= 0) {
            return n > 0;
        }
        int errno = Holder.RUNTIME.getLastError();
        // An interrupted wait counts as "not readable yet": the caller's deadline decides whether to wait again.
        if (errno == Errno.EINTR) {
            return false;
        }
        throw Errno.exception("poll(" + subject + ")", errno);
    }
}
