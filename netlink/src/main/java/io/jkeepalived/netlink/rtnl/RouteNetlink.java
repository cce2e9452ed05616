package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.DumpInterruptedException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkSocket;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests on a NETLINK_ROUTE socket: link and address dumps, address add and delete. Blocking, with a timeout
 * per request; one thread at a time.
 */
public final class RouteNetlink implements Closeable {
    /** The kernel answers rtnetlink requests at once; this only bounds a wedged exchange. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** A dump that keeps being interrupted by concurrent changes is retried this many times. */
    private static final int DUMP_ATTEMPTS = 5;

    private final NetlinkSocket socket;
    private final Duration timeout;

    private RouteNetlink(NetlinkSocket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Opens a request socket (no multicast groups) in the calling thread's network namespace. */
    public static RouteNetlink open() throws IOException {
        return new RouteNetlink(NetlinkSocket.open(NetlinkSocket.Protocol.ROUTE, 0), DEFAULT_TIMEOUT);
    }

    /** Uses an already open NETLINK_ROUTE socket, which this object then owns. */
    public static RouteNetlink over(NetlinkSocket socket, Duration timeout) {
        if (socket.protocol() != NetlinkSocket.Protocol.ROUTE) {
            throw new IllegalArgumentException("RouteNetlink needs a NETLINK_ROUTE socket, not " + socket);
        }
        return new RouteNetlink(socket, timeout);
    }

    public NetlinkSocket socket() {
        return socket;
    }

    public List<Link> links() throws IOException {
        List<Link> out = new ArrayList<>();
        for (NetlinkMessage m : dump(true, 0)) {
            if (m.type() == Rtnetlink.RTM_NEWLINK) {
                out.add(IfInfoMsg.decode(m));
            }
        }
        return out;
    }

    /** Every address of {@code family} (AF_INET, AF_INET6 or AF_UNSPEC for both). */
    public List<Address> addresses(int family) throws IOException {
        List<Address> out = new ArrayList<>();
        for (NetlinkMessage m : dump(false, family)) {
            if (m.type() == Rtnetlink.RTM_NEWADDR) {
                out.add(IfAddrMsg.decode(m));
            }
        }
        return out;
    }

    private List<NetlinkMessage> dump(boolean links, int family) throws IOException {
        for (int attempt = 1; ; attempt++) {
            int seq = socket.nextSequence();
            try {
                return links
                        ? socket.dump(IfInfoMsg.dumpRequest(seq), "RTM_GETLINK", timeout)
                        : socket.dump(IfAddrMsg.dumpRequest(seq, family), "RTM_GETADDR", timeout);
            } catch (DumpInterruptedException e) {
                if (attempt >= DUMP_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Adds an address; fails with EEXIST when it is already there. */
    public void addAddress(Address address) throws IOException {
        socket.request(IfAddrMsg.newAddress(socket.nextSequence(), address), "RTM_NEWADDR(" + describe(address) + ")", timeout);
    }

    /** Deletes an address; fails with EADDRNOTAVAIL when it is not there. */
    public void deleteAddress(Address address) throws IOException {
        socket.request(IfAddrMsg.deleteAddress(socket.nextSequence(), address), "RTM_DELADDR(" + describe(address) + ")", timeout);
    }

    private static String describe(Address a) {
        return (a.ip() == null ? "?" : a.ip().getHostAddress()) + "/" + a.prefixLength() + " dev " + a.index();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
