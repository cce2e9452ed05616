package io.jkeepalived.netlink;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An AF_NETLINK socket (NETLINK_ROUTE or NETLINK_GENERIC) talking to the kernel: requests matched to replies by
 * sequence number, acknowledgements and NLMSG_ERROR turned into {@link SyscallException}s, multi-part dumps read
 * to NLMSG_DONE, and multicast group membership for monitors.
 *
 * <p>Not thread-safe: meant to be driven by one thread (later one event loop, through {@link #fd()} and
 * {@link #setNonBlocking(boolean)}). Use separate sockets for requests and for a monitor, so that notifications
 * never queue up behind (or get mistaken for) replies.
 *
 * <p>The socket belongs to the network namespace of the thread that opened it, for its whole life; see
 * {@link NetworkNamespace}.
 */
public final class NetlinkSocket implements Closeable {
    /** Netlink protocols of linux/netlink.h this project speaks. */
    public enum Protocol {
        ROUTE(0, "NETLINK_ROUTE"),
        GENERIC(16, "NETLINK_GENERIC");

        final int number;
        final String label;

        Protocol(int number, String label) {
            this.number = number;
            this.label = label;
        }
    }

    /** struct sockaddr_nl: u16 nl_family, u16 nl_pad, u32 nl_pid, u32 nl_groups. */
    static final int SOCKADDR_NL_SIZE = 12;
    static final int NL_PID = 4;
    static final int NL_GROUPS = 8;

    /**
     * First receive buffer size: the kernel sizes dump datagrams to what the reader asked for, up to 32 KiB
     * (netlink_dump), so this fits a dump part; larger datagrams are detected with MSG_PEEK|MSG_TRUNC and the
     * buffer grows to fit them.
     */
    static final int INITIAL_BUFFER = 32 * 1024;
    /** A datagram larger than this is refused rather than letting a bad length drive allocation. */
    static final int MAX_BUFFER = 16 * 1024 * 1024;
    /** Upper bound on datagrams read for one request, whatever the kernel sends. */
    private static final int MAX_DATAGRAMS = 1 << 20;
    /** Receive queue asked for before the first batch (the kernel doubles it; capped without CAP_NET_ADMIN). */
    static final int BATCH_RECEIVE_BUFFER = 1 << 20;

    private final Protocol protocol;
    private final String subject;
    private final int fd;
    private final int portId;
    private final AtomicInteger sequence = new AtomicInteger(1);
    private ByteBuffer receiveBuffer = direct(INITIAL_BUFFER);
    private final ByteBuffer peerAddress = direct(SOCKADDR_NL_SIZE);
    private final ByteBuffer kernelAddress;
    private boolean closed;
    /** Whether the receive queue was enlarged for batches (once per socket). */
    private boolean batchBuffers;

    private NetlinkSocket(Protocol protocol, int fd, int portId) {
        this.protocol = protocol;
        this.subject = protocol.label;
        this.fd = fd;
        this.portId = portId;
        this.kernelAddress = sockaddrNl(0, 0);
    }

    /**
     * Opens and binds a socket, joining the legacy multicast {@code groups} bitmask (RTMGRP_*; 0 for none).
     * Extended acknowledgements are requested so kernel errors carry their text; kernels without them still work.
     */
    public static NetlinkSocket open(Protocol protocol, int groups) throws IOException {
        int fd = SocketCalls.socket(SocketCalls.AF_NETLINK, SocketCalls.SOCK_RAW | SocketCalls.SOCK_CLOEXEC, protocol.number, protocol.label);
        try {
            SocketCalls.bind(fd, sockaddrNl(0, groups), protocol.label);
            ByteBuffer bound = SocketCalls.getsockname(fd, SOCKADDR_NL_SIZE, protocol.label);
            int portId = bound.remaining() >= SOCKADDR_NL_SIZE ? bound.getInt(NL_PID) : 0;
            optional(fd, SocketCalls.NETLINK_EXT_ACK, protocol.label, "NETLINK_EXT_ACK");
            optional(fd, SocketCalls.NETLINK_CAP_ACK, protocol.label, "NETLINK_CAP_ACK");
            return new NetlinkSocket(protocol, fd, portId);
        } catch (IOException | RuntimeException e) {
            try {
                SocketCalls.close(fd, protocol.label);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void optional(int fd, int option, String subject, String name) {
        try {
            SocketCalls.setInt(fd, SocketCalls.SOL_NETLINK, option, 1, subject, name);
        } catch (SyscallException ignored) {
            // Older kernels (before 4.12 / 4.3) lack the option; errors then simply carry no text.
        }
    }

    private static ByteBuffer direct(int size) {
        return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }

    static ByteBuffer sockaddrNl(int pid, int groups) {
        ByteBuffer a = direct(SOCKADDR_NL_SIZE);
        a.putShort(0, (short) SocketCalls.AF_NETLINK);
        a.putInt(NL_PID, pid);
        a.putInt(NL_GROUPS, groups);
        return a;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The descriptor, for registering with an event loop. Owned by this object: do not close it elsewhere. */
    public int fd() {
        return fd;
    }

    /** The port id the kernel assigned at bind (nl_pid of getsockname). */
    public int portId() {
        return portId;
    }

    /** A fresh sequence number for the next request. */
    public int nextSequence() {
        return sequence.getAndIncrement();
    }

    public void setNonBlocking(boolean nonBlocking) throws IOException {
        SocketCalls.setNonBlocking(fd, nonBlocking, subject);
    }

    public boolean isNonBlocking() throws IOException {
        return SocketCalls.isNonBlocking(fd, subject);
    }

    /** Joins a multicast group by number (needed for groups above 32, e.g. genl families' groups). */
    public void addMembership(int group) throws IOException {
        SocketCalls.setInt(fd, SocketCalls.SOL_NETLINK, SocketCalls.NETLINK_ADD_MEMBERSHIP, group, subject, "NETLINK_ADD_MEMBERSHIP");
    }

    public void dropMembership(int group) throws IOException {
        SocketCalls.setInt(fd, SocketCalls.SOL_NETLINK, SocketCalls.NETLINK_DROP_MEMBERSHIP, group, subject, "NETLINK_DROP_MEMBERSHIP");
    }

    /**
     * Sets the kernel receive queue size. A monitor needs room for bursts (many addresses change at once on a
     * failover); when the queue overflows the next receive fails with ENOBUFS and the caller must re-dump.
     * SO_RCVBUFFORCE (root) passes rmem_max; without the privilege it falls back to the capped SO_RCVBUF.
     */
    public void setReceiveBufferSize(int bytes) throws IOException {
        try {
            SocketCalls.setInt(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_RCVBUFFORCE, bytes, subject, "SO_RCVBUFFORCE");
        } catch (SyscallException e) {
            SocketCalls.setInt(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_RCVBUF, bytes, subject, "SO_RCVBUF");
        }
    }

    /** The kernel receive queue size as getsockopt reports it (Linux doubles the requested value). */
    public int receiveBufferSize() throws IOException {
        return SocketCalls.getInt(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_RCVBUF, subject, "SO_RCVBUF");
    }

    /** The user-space receive buffer's current size; grows on demand up to {@link #MAX_BUFFER}. */
    int receiveCapacity() {
        return receiveBuffer.capacity();
    }

    /** Shrinks or grows the user-space receive buffer (tests use a tiny one to exercise the growth path). */
    void receiveCapacity(int bytes) {
        receiveBuffer = direct(bytes);
    }

    /** Sends one message (position to limit) to the kernel; the buffer's position is not moved. */
    public void send(ByteBuffer message) throws IOException {
        ensureOpen();
        ByteBuffer out = message;
        if (!message.isDirect()) {
            out = direct(message.remaining());
            out.put(message.duplicate()).flip();
        }
        int n = MessageCalls.sendto(fd, out, kernelAddress, subject);
        if (n < 0) {
            throw Errno.exception("sendto(" + subject + ")", Errno.EAGAIN);
        }
        if (n != out.remaining()) {
            throw new IOException("sendto(" + subject + "): sent " + n + " of " + out.remaining() + " bytes");
        }
    }

    /**
     * Receives the messages of one datagram from the kernel, waiting up to {@code timeout} (null: forever).
     * Returns an empty list when nothing arrived in time (or, non-blocking, nothing is queued). Datagrams from
     * other senders than the kernel (nl_pid != 0) are dropped, as they cannot be kernel replies or notifications.
     *
     * @throws SyscallException ENOBUFS when the receive queue overflowed and messages were lost
     */
    public List<NetlinkMessage> receive(Duration timeout) throws IOException {
        ensureOpen();
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < MAX_DATAGRAMS; i++) {
            long left = deadline - System.nanoTime();
            if (timeout != null && left <= 0 && i > 0) {
                return List.of();
            }
            int wait = timeout == null ? -1 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, (left + 999_999) / 1_000_000));
            if (!MessageCalls.pollIn(fd, wait, subject)) {
                if (timeout != null && deadline - System.nanoTime() <= 0) {
                    return List.of();
                }
                continue;
            }
            ByteBuffer datagram = receiveDatagram();
            if (datagram == null) {
                continue;
            }
            return NetlinkMessage.split(datagram);
        }
        return List.of();
    }

    /** One datagram from the kernel, copied to the heap, or null when nothing is queued or it came from elsewhere. */
    private ByteBuffer receiveDatagram() throws IOException {
        // Peek at the real length first: a netlink datagram cut short by a small buffer is lost for good.
        ByteBuffer none = receiveBuffer.duplicate().clear().limit(0);
        int length = MessageCalls.recvfrom(fd, none, MessageCalls.MSG_PEEK | MessageCalls.MSG_TRUNC | MessageCalls.MSG_DONTWAIT, null, subject);
        if (length < 0) {
            return null;
        }
        if (length > receiveBuffer.capacity()) {
            if (length > MAX_BUFFER) {
                // Consume it (truncated) so the queue moves on; otherwise every later receive would fail here.
                receiveBuffer.clear();
                MessageCalls.recvfrom(fd, receiveBuffer, MessageCalls.MSG_DONTWAIT, null, subject);
                throw new IOException("recvfrom(" + subject + "): dropped a datagram of " + length + " bytes, over " + MAX_BUFFER);
            }
            receiveBuffer = direct(Integer.highestOneBit(length - 1) << 1);
        }
        receiveBuffer.clear();
        peerAddress.clear();
        int n = MessageCalls.recvfrom(fd, receiveBuffer, MessageCalls.MSG_DONTWAIT, peerAddress, subject);
        if (n < 0) {
            return null;
        }
        if (peerAddress.getInt(NL_PID) != 0) {
            return null;
        }
        ByteBuffer copy = ByteBuffer.allocate(n).order(ByteOrder.nativeOrder());
        copy.put(receiveBuffer.duplicate().position(0).limit(n)).flip();
        return copy;
    }

    /**
     * Sends a request that carries NLM_F_ACK and collects its replies until the kernel's acknowledgement.
     *
     * @param what names the request in errors, e.g. {@code RTM_NEWADDR}
     * @return the replies before the acknowledgement (empty for NEW/DEL requests; the answer for a GET)
     * @throws SyscallException when the kernel answers with an error: {@code "RTM_NEWADDR(NETLINK_ROUTE): EEXIST (File exists)"}
     * @throws SocketTimeoutException when no acknowledgement arrived in time
     */
    public List<NetlinkMessage> request(ByteBuffer message, String what, Duration timeout) throws IOException {
        return exchange(message, what, timeout, false);
    }

    /**
     * Sends an NLM_F_DUMP request and collects every part until NLMSG_DONE. The kernel runs one dump per socket
     * at a time: while an earlier dump's parts are unread, a new one fails with EBUSY (so after a timed-out dump,
     * close the socket and open another).
     *
     * @throws DumpInterruptedException when the kernel flagged the dump inconsistent (NLM_F_DUMP_INTR); retry it
     */
    public List<NetlinkMessage> dump(ByteBuffer message, String what, Duration timeout) throws IOException {
        return exchange(message, what, timeout, true);
    }

    /** One request of a batch the kernel refused: its index in the list given to {@link #requestBatch}, and why. */
    public record BatchFailure(int index, SyscallException error) {
    }

    /**
     * A batch stopped part-way (a timeout, or ENOBUFS when error messages overflowed the receive queue): the outcome
     * of the requests from {@link #confirmed()} on is unknown (some may have been applied), those before it are
     * known and {@link #failures()} lists the refused ones among them.
     */
    public static final class BatchException extends IOException {
        private final int confirmed;
        private final transient List<BatchFailure> failures;

        BatchException(String message, int confirmed, List<BatchFailure> failures, Throwable cause) {
            super(message, cause);
            this.confirmed = confirmed;
            this.failures = List.copyOf(failures);
        }

        public int confirmed() {
            return confirmed;
        }

        public List<BatchFailure> failures() {
            return failures;
        }
    }

    /** What names a request of a batch in its error: {@code IPVS_CMD_NEW_DEST(IPVS)}. */
    public interface RequestName {
        String of(int index);
    }

    /**
     * Sends requests (each with NLM_F_ACK, e.g. NEW/SET/DEL) several per datagram ({@link RequestBatch}) and reads one
     * acknowledgement per datagram instead of one per request. Every request is attempted, in order, whatever an
     * earlier one's outcome (as when they are sent one by one). Returns the refused ones, in order.
     *
     * @throws BatchException when a datagram's acknowledgement did not arrive ({@code timeout} per datagram) or
     *                        the replies were lost
     */
    public List<BatchFailure> requestBatch(List<ByteBuffer> messages, RequestName what, Duration timeout) throws IOException {
        if (!batchBuffers) {
            batchBuffers = true;
            try {
                // room for a whole datagram's error messages, with margin; the default usually suffices
                setReceiveBufferSize(BATCH_RECEIVE_BUFFER);
            } catch (IOException e) {
                // the default queue still holds a datagram's worth (RequestBatch.MAX_REQUESTS)
            }
        }
        List<BatchFailure> failures = new ArrayList<>();
        for (RequestBatch.Datagram d : RequestBatch.pack(messages)) {
            try {
                send(d.bytes());
                awaitBatchAck(d, what, timeout, failures);
            } catch (IOException e) {
                throw new BatchException("requests " + (d.first() + 1) + "-" + (d.first() + d.count()) + " of " + messages.size()
                        + ", " + what.of(d.first()) + " first: " + e.getMessage(), d.first(), failures, e);
            }
        }
        return failures;
    }

    private void awaitBatchAck(RequestBatch.Datagram d, RequestName what, Duration timeout, List<BatchFailure> failures) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < MAX_DATAGRAMS; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            for (NetlinkMessage m : receive(Duration.ofNanos(left))) {
                if (m.type() != NlMsgHeader.NLMSG_ERROR) {
                    continue; // NEW/SET/DEL requests have no other replies; a notification or a stale reply
                }
                int index = d.indexOf(m.seq());
                if (index < 0) {
                    continue; // a late reply to an earlier, timed-out request
                }
                NlMsgErr err = NlMsgErr.decode(m);
                if (!err.isAck()) {
                    String w = what.of(index);
                    String call = w.endsWith(")") ? w.substring(0, w.length() - 1) + ", " + subject + ")" : w + "(" + subject + ")";
                    failures.add(new BatchFailure(index, kernelError(call, err.error(), err.extAckMessage())));
                }
                if (m.seq() == d.lastSeq()) {
                    return;
                }
            }
        }
        throw new SocketTimeoutException("no acknowledgement within " + timeout.toMillis() + " ms");
    }

    private List<NetlinkMessage> exchange(ByteBuffer message, String what, Duration timeout, boolean dump) throws IOException {
        if (message.remaining() < NlMsgHeader.SIZE) {
            throw new IllegalArgumentException("netlink request shorter than its header: " + message.remaining());
        }
        ByteBuffer view = message.duplicate().order(ByteOrder.nativeOrder());
        int seq = view.getInt(message.position() + NlMsgHeader.SEQ);
        int flags = Short.toUnsignedInt(view.getShort(message.position() + NlMsgHeader.FLAGS));
        // Without these flags the kernel would never send what ends the exchange, and it would only time out.
        if (dump && (flags & NlMsgHeader.NLM_F_DUMP) != NlMsgHeader.NLM_F_DUMP) {
            throw new IllegalArgumentException(what + ": a dump request needs NLM_F_DUMP");
        }
        if (!dump && (flags & NlMsgHeader.NLM_F_ACK) == 0) {
            throw new IllegalArgumentException(what + ": a request needs NLM_F_ACK");
        }
        // "RTM_NEWADDR(NETLINK_ROUTE)", or "CTRL_CMD_GETFAMILY(IPVS, NETLINK_GENERIC)" when what names its subject.
        String call = what.endsWith(")") ? what.substring(0, what.length() - 1) + ", " + subject + ")" : what + "(" + subject + ")";
        send(message);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<NetlinkMessage> replies = new ArrayList<>();
        boolean interrupted = false;
        for (int i = 0; i < MAX_DATAGRAMS; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            for (NetlinkMessage m : receive(Duration.ofNanos(left))) {
                if (m.seq() != seq) {
                    continue; // a late reply to an earlier, timed-out request, or a notification
                }
                interrupted |= (m.flags() & NlMsgHeader.NLM_F_DUMP_INTR) != 0;
                switch (m.type()) {
                    case NlMsgHeader.NLMSG_ERROR -> {
                        NlMsgErr err = NlMsgErr.decode(m);
                        if (!err.isAck()) {
                            throw kernelError(call, err.error(), err.extAckMessage());
                        }
                        if (!dump) {
                            return replies;
                        }
                    }
                    case NlMsgHeader.NLMSG_DONE -> {
                        // A dump's DONE carries an int: a negative errno when the dump failed part-way.
                        int status = m.payload().remaining() >= 4 ? m.payload().getInt(0) : 0;
                        if (status < 0) {
                            throw kernelError(call, status, null);
                        }
                        if (interrupted) {
                            throw new DumpInterruptedException(call + ": dump interrupted by a concurrent change (NLM_F_DUMP_INTR), retry");
                        }
                        if (dump) {
                            return replies;
                        }
                    }
                    case NlMsgHeader.NLMSG_NOOP -> {
                    }
                    case NlMsgHeader.NLMSG_OVERRUN -> throw new IOException(call + ": NLMSG_OVERRUN, data lost");
                    default -> replies.add(m);
                }
            }
        }
        throw new SocketTimeoutException(call + ": no " + (dump ? "NLMSG_DONE" : "acknowledgement") + " within " + timeout.toMillis() + " ms");
    }

    private static SyscallException kernelError(String call, int negativeErrno, String detail) {
        int errno = negativeErrno == Integer.MIN_VALUE ? Integer.MAX_VALUE : -negativeErrno;
        return new SyscallException(call, errno, Errno.name(errno), Errno.message(errno), detail);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(subject + " socket is closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            SocketCalls.close(fd, subject);
        }
    }

    @Override
    public String toString() {
        return subject + "[fd=" + fd + ", port=" + Integer.toUnsignedString(portId) + (closed ? ", closed" : "") + "]";
    }
}
