package io.jkeepalived.healthcheck.lean;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One probe's TCP connection as a bare non-blocking socket on a netty epoll event loop, without a netty Channel
 * (keepalived's tcp_bind_connect and its thread_add_write/read): {@code socket}, the checker's {@code bind_if}
 * (SO_BINDTODEVICE), {@code fwmark} (SO_MARK) and {@code bindto}/{@code bind_port}, {@code connect}, then readiness
 * from the loop's epoll set and {@code finishConnect} (SO_ERROR). A Channel costs a Bootstrap, a pipeline, a promise
 * per operation, a timer task per connect and option syscalls per connection (TCP_NODELAY, SO_LINGER, getpeername)
 * that a probe does not need; the checkers spend most of their CPU there at thousands of checks a second.
 *
 * <p>Subclasses get one callback at a time, all on the loop: {@link #connected()}, {@link #connectFailed},
 * {@link #readable()}, {@link #writable()}, {@link #timedOut()}. They {@link #close()} when the attempt is over; a
 * closed socket gets no more callbacks. Not thread-safe: everything runs on the loop of its {@link LeanLoop}.
 */
public abstract class LeanSocket implements EpollIoHandle {
    protected final LeanLoop lean;
    private LinuxSocket socket;
    private IoRegistration registration;
    private boolean connecting;
    private boolean closed;
    private int interest;
    // the timer links (LeanLoop's FIFOs)
    long deadline;
    LeanLoop.Fifo fifo;
    LeanSocket timerPrev;
    LeanSocket timerNext;

    protected LeanSocket(LeanLoop lean) {
        this.lean = lean;
    }

    /**
     * Opens the socket and starts connecting; the outcome comes as {@link #connected()} or {@link #connectFailed}
     * (also from within this call, when socket(), a socket option, bind() or connect() fails at once).
     *
     * @param bindInterface SO_BINDTODEVICE, or null
     * @param fwmark        SO_MARK, or 0
     * @param bindTo        local address and port, or null
     */
    protected final void connect(InetSocketAddress remote, InetSocketAddress bindTo, String bindInterface,
                                 long fwmark) {
        try {
            socket = LinuxSocket.newSocketStream(remote.getAddress() instanceof Inet6Address);
        } catch (RuntimeException e) { // ChannelException: socket() failed (EMFILE, ...)
            closed = true;
            connectFailed(e.getCause() != null ? e.getCause() : e, false);
            return;
        }
        boolean done;
        try {
            io.jkeepalived.healthcheck.ProbeSockets.setSocketOptions(socket, bindInterface, fwmark);
            if (bindTo != null) {
                socket.bind(bindTo);
            }
            done = socket.connect(remote);
        } catch (IOException | RuntimeException e) {
            fail(e);
            return;
        }
        connecting = !done;
        Future<IoRegistration> f = lean.loop.register(this);
        if (f.isDone()) {
            registered(f);
        } else {
            f.addListener(x -> registered(f));
        }
    }

    private void registered(Future<IoRegistration> f) {
        if (!f.isSuccess()) {
            fail(f.cause());
            return;
        }
        registration = f.getNow();
        if (closed) { // closed (timed out) while registering
            registration.cancel();
            return;
        }
        if (connecting) {
            interest(false, true);
        } else {
            connected();
        }
    }

    private void fail(Throwable cause) {
        close();
        connectFailed(cause, false);
    }

    /**
     * Arms (or re-arms) this socket's one timer: {@link #timedOut()} after {@code timeoutNanos} unless disarmed or
     * closed first. {@code timeoutNanos} ≤ 0 or Long.MAX_VALUE disarm it.
     */
    protected final void arm(long timeoutNanos) {
        if (timeoutNanos <= 0 || timeoutNanos == Long.MAX_VALUE || closed) {
            lean.disarm(this);
        } else {
            lean.arm(this, timeoutNanos);
        }
    }

    final void timerExpired() {
        if (!closed) {
            timedOut();
        }
    }

    /** Which readiness to be told about; level-triggered, so a reader drains until {@link #recv} returns 0. */
    protected final void interest(boolean in, boolean out) {
        int ops = (in ? EpollIoOps.EPOLLIN.value() : 0) | (out ? EpollIoOps.EPOLLOUT.value() : 0);
        if (ops == interest || registration == null || closed) {
            return;
        }
        interest = ops;
        registration.submit(EpollIoOps.valueOf(ops));
    }

    /** send(); returns the bytes written (0: the send buffer is full, wait for {@link #writable()}). */
    protected final int send(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = lean.readBuffer; // free between two recv(): reused for the copy
        int n = Math.min(len, buf.capacity());
        buf.clear();
        buf.put(b, off, n);
        return socket.send(buf, 0, n);
    }

    /**
     * recv() into the loop's buffer, copied to {@link #received()}: the byte count, 0 when nothing is there now,
     * -1 at the end of the stream. Throws on a reset or another error.
     */
    protected final int recv() throws IOException {
        ByteBuffer buf = lean.readBuffer;
        int n = socket.recv(buf, 0, buf.capacity());
        if (n > 0) {
            buf.clear();
            buf.get(lean.readArray, 0, n);
        }
        return n;
    }

    /** The bytes of the last {@link #recv()}, valid until the next one (shared by the loop's sockets). */
    protected final byte[] received() {
        return lean.readArray;
    }

    /** Closes the socket and disarms the timer; no callback follows. Idempotent. */
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        lean.disarm(this);
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do: the descriptor is gone either way
            }
        }
        if (registration != null) {
            // after close(): the kernel dropped the descriptor from the epoll set, so netty skips epoll_ctl(DEL)
            registration.cancel();
        }
    }

    protected final boolean isClosed() {
        return closed;
    }

    @Override
    public final FileDescriptor fd() {
        return socket;
    }

    @Override
    public final void handle(IoRegistration reg, IoEvent event) {
        if (closed) {
            return;
        }
        EpollIoOps ops = ((EpollIoEvent) event).ops();
        if (connecting) {
            boolean done;
            try {
                done = socket.finishConnect();
            } catch (IOException | RuntimeException e) {
                fail(e);
                return;
            }
            if (done) {
                connecting = false;
                connected();
            }
            return;
        }
        if (ops.contains(EpollIoOps.EPOLLOUT) && (interest & EpollIoOps.EPOLLOUT.value()) != 0) {
            writable();
        }
        if (!closed && (interest & EpollIoOps.EPOLLIN.value()) != 0) {
            // EPOLLIN, or EPOLLERR/EPOLLHUP (always reported): recv() tells which
            readable();
        }
    }

    /** The connect completed. */
    protected abstract void connected();

    /**
     * The connect failed: socket(), an option, bind() or connect() threw ({@code cause}; the socket is closed), or
     * its timer ran out while connecting ({@code timeout}, socket still open: the caller closes it).
     */
    protected abstract void connectFailed(Throwable cause, boolean timeout);

    /** Data, the end of the stream or an error is waiting (after {@code interest(true, ..)}). */
    protected void readable() {
    }

    /** The send buffer has room again (after {@code interest(.., true)}). */
    protected void writable() {
    }

    /** The timer armed last ran out; by default, while connecting: {@code connectFailed(null, true)}. */
    protected void timedOut() {
        if (connecting) {
            connectFailed(null, true);
        }
    }

    /** Whether the connect is still in progress. */
    protected final boolean isConnecting() {
        return connecting && !closed;
    }
}
