package io.jkeepalived.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Socket lifecycle and options: socket(2), bind(2), getsockname(2), setsockopt(2)/getsockopt(2), fcntl(2) for
 * O_NONBLOCK, and close(2). Every failure becomes a {@link SyscallException} naming the call and what it was
 * for ({@code "bind(NETLINK_ROUTE): EADDRINUSE (Address already in use)"}). Buffers passed in are direct and
 * read from their position (a direct buffer's address plus position is passed). Bound through jffi directly
 * ({@link DirectLibc}), not jnr-ffi's LibraryLoader, so opening a netlink socket generates no classes.
 */
final class SocketCalls {
    static final int AF_UNIX = 1;
    static final int AF_NETLINK = 16;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVBUFFORCE = 33;

    /** linux/socket.h; the level of the NETLINK_* options of linux/netlink.h. */
    static final int SOL_NETLINK = 270;
    static final int NETLINK_ADD_MEMBERSHIP = 1;
    static final int NETLINK_DROP_MEMBERSHIP = 2;
    static final int NETLINK_NO_ENOBUFS = 5;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;

    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;

    private SocketCalls() {
    }

    private static SyscallException failure(String call, String subject) {
        return Errno.exception(call + "(" + subject + ")", DirectLibc.errno());
    }

    static int socket(int domain, int type, int protocol, String subject) throws SyscallException {
        int fd = DirectLibc.socket(domain, type, protocol);
        if (fd < 0) {
            throw failure("socket", subject);
        }
        return fd;
    }

    /** Binds to the address between the buffer's position and limit. */
    static void bind(int fd, ByteBuffer addr, String subject) throws SyscallException {
        if (DirectLibc.bind(fd, addr, addr.remaining()) < 0) {
            throw failure("bind", subject);
        }
    }

    /** The bound address, at most {@code size} bytes, in a buffer limited to its real length. */
    static ByteBuffer getsockname(int fd, int size, String subject) throws SyscallException {
        ByteBuffer addr = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        ByteBuffer len = DirectLibc.scratch(4);
        len.putInt(0, size);
        if (DirectLibc.getsockname(fd, addr, len) < 0) {
            throw failure("getsockname", subject);
        }
        addr.limit(Math.min(size, len.getInt(0)));
        return addr;
    }

    static void setInt(int fd, int level, int option, int value, String subject, String optionName) throws SyscallException {
        ByteBuffer buf = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        buf.putInt(0, value);
        if (DirectLibc.setsockopt(fd, level, option, buf, 4) < 0) {
            throw failure("setsockopt", subject + ", " + optionName);
        }
    }

    static int getInt(int fd, int level, int option, String subject, String optionName) throws SyscallException {
        ByteBuffer buf = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        ByteBuffer len = DirectLibc.scratch(4);
        len.putInt(0, 4);
        if (DirectLibc.getsockopt(fd, level, option, buf, len) < 0) {
            throw failure("getsockopt", subject + ", " + optionName);
        }
        return buf.getInt(0);
    }

    static void setNonBlocking(int fd, boolean nonBlocking, String subject) throws SyscallException {
        int flags = DirectLibc.fcntl(fd, F_GETFL, 0);
        if (flags < 0) {
            throw failure("fcntl", subject + ", F_GETFL");
        }
        int wanted = nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        if (wanted != flags && DirectLibc.fcntl(fd, F_SETFL, wanted) < 0) {
            throw failure("fcntl", subject + ", F_SETFL");
        }
    }

    static boolean isNonBlocking(int fd, String subject) throws SyscallException {
        int flags = DirectLibc.fcntl(fd, F_GETFL, 0);
        if (flags < 0) {
            throw failure("fcntl", subject + ", F_GETFL");
        }
        return (flags & O_NONBLOCK) != 0;
    }

    /**
     * Closes the descriptor. EINTR is not retried: on Linux the descriptor is released even then, and a retry
     * could close a descriptor another thread has just been given.
     */
    static void close(int fd, String subject) throws SyscallException {
        if (DirectLibc.close(fd) < 0) {
            int errno = DirectLibc.errno();
            if (errno != Errno.EINTR) {
                throw Errno.exception("close(" + subject + ")", errno);
            }
        }
    }
}
