package io.jkeepalived.netlink.rtnl;

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

    /** The events of the next datagram, waiting up to {@code timeout}; empty when none arrived. */
    public List<RtnlEvent> poll(Duration timeout) throws IOException {
        List<RtnlEvent> events = new ArrayList<>();
        for (NetlinkMessage m : socket.receive(timeout)) {
            RtnlEvent e = RtnlEvent.decode(m);
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
