package io.jkeepalived.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * An AF_UNIX datagram socket: what syslog(3) writes to ({@code /dev/log}) and what sd_notify(3) writes to
 * ({@code $NOTIFY_SOCKET}). The JDK's channels do not offer AF_UNIX datagrams before Java 22's FFM, so they go
 * through the same libc bindings as netlink ({@code SocketCalls}, {@code MessageCalls}).
 *
 * <p>Addresses are strings as systemd writes them: a file system path, or {@code @name} for the Linux abstract
 * namespace (the {@code @} stands for the leading NUL of {@code sun_path}, see unix(7)).
 *
 * <p>The socket is non-blocking: a full receiver (journald under load) makes {@link #send} return false instead
 * of stalling the caller, which may be the VRRP thread logging a state change.
 */
public final class UnixDatagramSocket implements AutoCloseable {
    /** {@code sizeof(sun_path)} in struct sockaddr_un (linux/un.h). */
    static final int SUN_PATH_SIZE = 108;
    private static final int SA_FAMILY_SIZE = 2;

    private final int fd;
    private final String boundTo;
    private volatile boolean closed;

    private UnixDatagramSocket(int fd, String boundTo) {
        this.fd = fd;
        this.boundTo = boundTo;
    }

    /** An unbound socket, for sending only (syslog, sd_notify). */
    public static UnixDatagramSocket open() throws SyscallException {
        return new UnixDatagramSocket(newSocket(), null);
    }

    /**
     * A socket bound to {@code address} (a path, which must not exist yet, or {@code @name}), for receiving: what
     * a syslog daemon or systemd does, and what the tests do to see the datagrams sent.
     */
    public static UnixDatagramSocket bind(String address) throws SyscallException {
        ByteBuffer addr = sockaddr(address);
        int fd = newSocket();
        try {
            SocketCalls.bind(fd, addr, "AF_UNIX " + address);
        } catch (SyscallException e) {
            closeQuietly(fd);
            throw e;
        }
        return new UnixDatagramSocket(fd, address);
    }

    private static int newSocket() throws SyscallException {
        return SocketCalls.socket(SocketCalls.AF_UNIX,
                SocketCalls.SOCK_DGRAM | SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC, 0, "AF_UNIX, SOCK_DGRAM");
    }

    /**
     * Sends one datagram to {@code address}. Returns false when the receiver's queue is full (EAGAIN): the caller
     * decides whether a lost line matters. Any other failure (no such socket: ENOENT, nobody bound: ECONNREFUSED)
     * is an exception naming sendto and the address.
     */
    public boolean send(String address, byte[] data) throws SyscallException {
        ensureOpen();
        ByteBuffer buf = ByteBuffer.allocateDirect(data.length).order(ByteOrder.nativeOrder());
        buf.put(data).flip();
        return MessageCalls.sendto(fd, buf, sockaddr(address), "AF_UNIX " + address) >= 0;
    }

    /**
     * Waits up to {@code timeoutMillis} for one datagram; returns its bytes (cut to {@code maxSize}), or null when
     * none came in time.
     */
    public byte[] receive(int maxSize, int timeoutMillis) throws SyscallException {
        ensureOpen();
        if (!MessageCalls.pollIn(fd, timeoutMillis, "AF_UNIX " + boundTo)) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(maxSize).order(ByteOrder.nativeOrder());
        int n = MessageCalls.recvfrom(fd, buf, 0, null, "AF_UNIX " + boundTo);
        if (n < 0) {
            return null;
        }
        byte[] out = new byte[Math.min(n, maxSize)];
        buf.get(0, out);
        return out;
    }

    /** The address given to {@link #bind}, or null for an unbound socket. */
    public String address() {
        return boundTo;
    }

    private void ensureOpen() throws SyscallException {
        if (closed) {
            throw Errno.exception("AF_UNIX socket (closed)", Errno.EBADF);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(fd);
        }
    }

    private static void closeQuietly(int fd) {
        try {
            SocketCalls.close(fd, "AF_UNIX");
        } catch (SyscallException ignored) {
            // close(2) of a datagram socket fails only for a bad descriptor: nothing is lost
        }
    }

    /**
     * struct sockaddr_un for {@code address}: {@code sa_family_t} in host order, then the path with its NUL, or for
     * {@code @name} a NUL and the name without one (abstract names are length-delimited, unix(7)). The buffer is
     * limited to the length the kernel must be given.
     *
     * @throws IllegalArgumentException for an empty address or one longer than {@code sun_path}
     */
    static ByteBuffer sockaddr(String address) {
        if (address == null || address.isEmpty() || address.equals("@")) {
            throw new IllegalArgumentException("AF_UNIX address is empty");
        }
        boolean abstractName = address.charAt(0) == '@';
        byte[] name = (abstractName ? address.substring(1) : address).getBytes(StandardCharsets.UTF_8);
        int pathLength = abstractName ? 1 + name.length : name.length + 1;
        if (pathLength > SUN_PATH_SIZE) {
            throw new IllegalArgumentException("AF_UNIX address is longer than " + (SUN_PATH_SIZE - 1) + " bytes: " + address);
        }
        for (byte b : name) {
            if (b == 0) {
                throw new IllegalArgumentException("AF_UNIX address contains a NUL byte: " + address);
            }
        }
        ByteBuffer addr = ByteBuffer.allocateDirect(SA_FAMILY_SIZE + SUN_PATH_SIZE).order(ByteOrder.nativeOrder());
        addr.putShort((short) SocketCalls.AF_UNIX);
        if (abstractName) {
            addr.put((byte) 0);
        }
        addr.put(name);
        if (!abstractName) {
            addr.put((byte) 0);
        }
        addr.flip();
        return addr;
    }
}
