package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkSocket;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A subscription to link and address changes (RTMGRP_* bitmask). Reads one datagram per {@link #poll} and
 * decodes its notifications. When the kernel queue overflows, {@link #poll} throws a SyscallException with
 * ENOBUFS: changes were lost and the caller must re-dump to resynchronise.
 */
public final class RtnlMonitor implements Closeable {
    /** Large enough for a burst of address changes on failover (the kernel doubles it). */
    public static final int RECEIVE_BUFFER = 1024 * 1024;

    /** Bounds one poll when datagrams keep arriving without a single change in them. */
    private static final int MAX_DATAGRAMS_PER_POLL = 1024;

    private final NetlinkSocket socket;

    private RtnlMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens a monitor in the calling thread's namespace, e.g. {@code open(RTMGRP_LINK | RTMGRP_IPV4_IFADDR)}. */
    public static RtnlMonitor open(int groups) throws IOException {
        NetlinkSocket socket = NetlinkSocket.open(NetlinkSocket.Protocol.ROUTE, groups);
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new RtnlMonitor(socket);
    }

    public NetlinkSocket socket() {
        return socket;
    }

    /**
     * The events of the next datagram that has any, waiting up to {@code timeout} (null: forever); empty when none
     * arrived in time. Datagrams holding only messages that are not changes (bridge port state) are read past. A
     * message that does not decode becomes an {@link RtnlEvent.Malformed} event rather than an exception, so the
     * others in its datagram still count.
     */
    public List<RtnlEvent> poll(Duration timeout) throws IOException {
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        List<RtnlEvent> events = new ArrayList<>();
        for (int i = 0; i < MAX_DATAGRAMS_PER_POLL; i++) {
            Duration left = timeout == null ? null : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            List<NetlinkMessage> messages = socket.receive(left);
            if (messages.isEmpty()) {
                return events;
            }
            for (NetlinkMessage m : messages) {
                try {
                    RtnlEvent e = RtnlEvent.decode(m);
                    if (e != null) {
                        events.add(e);
                    }
                } catch (NetlinkFormatException e) {
                    events.add(new RtnlEvent.Malformed(m.type(), e.getMessage()));
                }
            }
            if (!events.isEmpty() || (timeout != null && deadline - System.nanoTime() <= 0)) {
                return events;
            }
        }
        return events;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
