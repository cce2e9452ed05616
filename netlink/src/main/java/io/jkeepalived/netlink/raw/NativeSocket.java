package io.jkeepalived.netlink.raw;

import jnr.ffi.Pointer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * A non-blocking socket file descriptor with the {@code recvmsg}/{@code sendmsg} plumbing the raw sockets share.
 * The fd is opened {@code SOCK_NONBLOCK | SOCK_CLOEXEC} (as keepalived opens its VRRP sockets) so that an event loop
 * can poll it later; {@link #receiveRaw(Duration)} polls for a bounded time for callers without one.
 *
 * <p>Native memory for one message (LP64 {@code struct msghdr}, one {@code iovec}, name, control and data) is
 * allocated once per socket and reused, so receiving and sending are each meant for one thread at a time; the methods
 * are synchronized so that misuse is slow rather than corrupting.
 */
abstract class NativeSocket implements AutoCloseable {
    // struct msghdr (LP64): name, namelen (+pad), iov, iovlen, control, controllen, flags (+pad).
    private static final int MSG_NAME = 0;
    private static final int MSG_NAMELEN = 8;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    private static final int POLLFD = 56; // struct pollfd: int fd, short events, short revents
    private static final int IOV = 64; // struct iovec: base, len
    private static final int NAME = 80;
    private static final int CONTROL = NAME + SocketAddresses.NAME_CAPACITY;
    private static final int CONTROL_CAPACITY = 256;
    private static final int DATA = CONTROL + CONTROL_CAPACITY;

    final RawLibc libc;
    private final int fd;
    private final String what;
    private final int dataCapacity;
    private Pointer receiveBlock;
    private Pointer sendBlock;
    private int sendCapacity;
    private boolean closed;

    NativeSocket(RawLibc libc, int fd, String what, int dataCapacity) {
        this.libc = libc;
        this.fd = fd;
        this.what = what;
        this.dataCapacity = dataCapacity;
    }

    static int open(RawLibc libc, int domain, int protocol, String what) throws IOException {
        long fd = libc.api.socket(domain, RawLibc.SOCK_RAW | RawLibc.SOCK_NONBLOCK | RawLibc.SOCK_CLOEXEC, protocol);
        return (int) libc.check(fd, "socket(" + what + ")");
    }

    /** A raw socket of the family and protocol a VRRP socket config asks for. */
    static int openVrrp(RawLibc libc, VrrpSocketConfig config) throws IOException {
        boolean v6 = config.ipv6();
        return open(libc, v6 ? RawLibc.AF_INET6 : RawLibc.AF_INET, config.protocol().number(),
                v6 ? "AF_INET6, SOCK_RAW" : "AF_INET, SOCK_RAW");
    }

    /** Setting up a freshly opened socket: one socket option after the other, each of which may fail. */
    interface Setup<S> {
        void apply(S socket) throws IOException;
    }

    /** Runs {@code setup} on {@code socket}; if it fails, the socket is closed so no descriptor leaks. */
    static <S extends NativeSocket> S configured(S socket, Setup<S> setup) throws IOException {
        try {
            setup.apply(socket);
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return socket;
    }

    /** The file descriptor, for an event loop to poll; it stays owned by this object. */
    public int fd() {
        return fd;
    }

    /** Switches the fd between non-blocking (the default) and blocking mode. */
    public synchronized void setNonBlocking(boolean nonBlocking) throws IOException {
        int flags = (int) libc.check(libc.api.fcntl(fd, RawLibc.F_GETFL, 0), "fcntl(F_GETFL)");
        int wanted = nonBlocking ? flags | RawLibc.O_NONBLOCK : flags & ~RawLibc.O_NONBLOCK;
        libc.check(libc.api.fcntl(fd, RawLibc.F_SETFL, wanted), "fcntl(F_SETFL)");
    }

    void setInt(int level, int option, int value, String name) throws IOException {
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
        set(level, option, v, name);
    }

    void set(int level, int option, byte[] value, String name) throws IOException {
        libc.check(libc.api.setsockopt(fd, level, option, value, value.length), "setsockopt(" + name + ")");
    }

    int getInt(int level, int option, String name) throws IOException {
        byte[] v = new byte[4];
        int[] length = {4};
        libc.check(libc.api.getsockopt(fd, level, option, v, length), "getsockopt(" + name + ")");
        return ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt();
    }

    void bindTo(byte[] address, String name) throws IOException {
        libc.check(libc.api.bind(fd, address, address.length), "bind(" + name + ")");
    }

    /** {@code SO_BINDTODEVICE}: the name NUL-terminated, as keepalived passes it. */
    void bindToDevice(String interfaceName) throws IOException {
        byte[] ascii = interfaceName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] value = new byte[ascii.length + 1];
        System.arraycopy(ascii, 0, value, 0, ascii.length);
        set(RawLibc.SOL_SOCKET, RawLibc.SO_BINDTODEVICE, value, "SO_BINDTODEVICE " + interfaceName);
    }

    /**
     * Attaches a one-instruction classic BPF program returning 0, so that nothing is queued on a socket only used to
     * send (keepalived does the same on its send sockets: a raw socket otherwise receives every matching packet).
     */
    void dropEverything() throws IOException {
        Pointer filter = libc.allocate(8); // the kernel copies the program; this memory is only read during the call
        // struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }: BPF_RET|BPF_K (0x06), k = 0.
        filter.putShort(0, (short) 0x06);
        filter.putByte(2, (byte) 0);
        filter.putByte(3, (byte) 0);
        filter.putInt(4, 0);
        // struct sock_fprog { u16 len; (pad) ; struct sock_filter *filter; } = 16 bytes
        ByteBuffer prog = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        prog.putShort(0, (short) 1);
        prog.putLong(8, filter.address());
        set(RawLibc.SOL_SOCKET, RawLibc.SO_ATTACH_FILTER, prog.array(), "SO_ATTACH_FILTER");
    }

    /** One message as {@code recvmsg} returned it, before the subclass interprets name and control data. */
    record RawMessage(byte[] data, boolean truncated, byte[] name, int nameLength, byte[] control, int controlLength,
                      boolean controlTruncated) {
    }

    /**
     * Waits up to {@code timeout} for a message and receives it; null when none arrived in time. A zero timeout
     * only tries once. Interrupted polls (EINTR) are retried within the same deadline.
     */
    synchronized RawMessage receiveRaw(Duration timeout) throws IOException {
        ensureOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        Pointer block = receiveBlock();
        // Each round either returns or polls for at least 1 ms, so the deadline ends the loop; the cap is a backstop.
        for (int attempt = 0; attempt < 1_000_000; attempt++) {
            RawMessage message = tryReceiveRaw(block);
            if (message != null) {
                return message;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            block.putInt(POLLFD, fd);
            block.putShort(POLLFD + 4, (short) RawLibc.POLLIN);
            block.putShort(POLLFD + 6, (short) 0);
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, remaining / 1_000_000));
            int ready = libc.api.poll(block.slice(POLLFD, 8), 1, millis);
            if (ready < 0 && libc.errno() != RawLibc.EINTR) {
                throw RawLibc.failure("poll", libc.errno());
            }
        }
        return null;
    }

    /** Receives one queued message without waiting; null when nothing is queued (EAGAIN). */
    synchronized RawMessage tryReceiveRaw() throws IOException {
        ensureOpen();
        return tryReceiveRaw(receiveBlock());
    }

    private Pointer receiveBlock() {
        if (receiveBlock == null) {
            receiveBlock = libc.allocate(DATA + dataCapacity);
        }
        return receiveBlock;
    }

    private RawMessage tryReceiveRaw(Pointer block) throws IOException {
        long base = block.address();
        block.putAddress(MSG_NAME, base + NAME);
        block.putInt(MSG_NAMELEN, SocketAddresses.NAME_CAPACITY);
        block.putAddress(MSG_IOV, base + IOV);
        block.putLong(MSG_IOVLEN, 1);
        block.putAddress(MSG_CONTROL, base + CONTROL);
        block.putLong(MSG_CONTROLLEN, CONTROL_CAPACITY);
        block.putInt(MSG_FLAGS, 0);
        block.putAddress(IOV, base + DATA);
        block.putLong(IOV + 8, dataCapacity);
        long n = libc.api.recvmsg(fd, block, RawLibc.MSG_TRUNC | RawLibc.MSG_DONTWAIT);
        if (n < 0) {
            int errno = libc.errno();
            if (errno == RawLibc.EAGAIN || errno == RawLibc.EINTR) {
                return null;
            }
            throw RawLibc.failure("recvmsg(" + what + ")", errno);
        }
        int flags = block.getInt(MSG_FLAGS);
        int length = (int) Math.min(n, dataCapacity);
        byte[] data = new byte[length];
        block.get(DATA, data, 0, length);
        int nameLength = Math.min(block.getInt(MSG_NAMELEN), SocketAddresses.NAME_CAPACITY);
        byte[] name = new byte[SocketAddresses.NAME_CAPACITY];
        block.get(NAME, name, 0, name.length);
        int controlLength = (int) Math.min(block.getLong(MSG_CONTROLLEN), CONTROL_CAPACITY);
        byte[] control = new byte[controlLength];
        block.get(CONTROL, control, 0, controlLength);
        return new RawMessage(data, (flags & RawLibc.MSG_TRUNC) != 0 || n > dataCapacity, name, nameLength,
                control, controlLength, (flags & RawLibc.MSG_CTRUNC) != 0);
    }

    /** {@code sendmsg} of {@code data} to {@code name} with optional {@code control} data; returns bytes sent. */
    synchronized int sendRaw(byte[] data, byte[] name, byte[] control, int flags) throws IOException {
        ensureOpen();
        int controlLength = control == null ? 0 : control.length;
        int needed = DATA + data.length;
        if (name.length > SocketAddresses.NAME_CAPACITY || controlLength > CONTROL_CAPACITY) {
            throw new IllegalArgumentException("name or control data too large");
        }
        if (sendBlock == null || sendCapacity < needed) {
            sendCapacity = Math.max(needed, DATA + 2048);
            sendBlock = libc.allocate(sendCapacity);
        }
        Pointer block = sendBlock;
        long base = block.address();
        block.put(NAME, name, 0, name.length);
        block.put(DATA, data, 0, data.length);
        block.putAddress(MSG_NAME, base + NAME);
        block.putInt(MSG_NAMELEN, name.length);
        block.putAddress(MSG_IOV, base + IOV);
        block.putLong(MSG_IOVLEN, 1);
        if (controlLength > 0) {
            block.put(CONTROL, control, 0, controlLength);
            block.putAddress(MSG_CONTROL, base + CONTROL);
        } else {
            block.putAddress(MSG_CONTROL, 0);
        }
        block.putLong(MSG_CONTROLLEN, controlLength);
        block.putInt(MSG_FLAGS, 0);
        block.putAddress(IOV, base + DATA);
        block.putLong(IOV + 8, data.length);
        long n = libc.check(libc.api.sendmsg(fd, block, flags), "sendmsg(" + what + ")");
        return (int) n;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(what + " socket is closed");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            libc.check(libc.api.close(fd), "close(" + what + ")");
        }
    }

    @Override
    public String toString() {
        return what + " fd " + fd;
    }
}
