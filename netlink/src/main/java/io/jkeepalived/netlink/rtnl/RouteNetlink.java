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

    /** Creates a macvlan; fails with EEXIST when the name is taken. */
    public void addMacvlan(Macvlan m) throws IOException {
        socket.request(LinkRequests.newMacvlan(socket.nextSequence(), m), "RTM_NEWLINK(macvlan " + m.name() + ")", timeout);
    }

    /** Every macvlan of the namespace. */
    public List<Macvlan> macvlans() throws IOException {
        List<Macvlan> out = new ArrayList<>();
        for (NetlinkMessage m : dump(true, 0)) {
            if (m.type() == Rtnetlink.RTM_NEWLINK) {
                Macvlan v = LinkRequests.decodeMacvlan(m);
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** Sets IFF_UP on or off. */
    public void setLinkUp(int index, boolean up) throws IOException {
        socket.request(LinkRequests.setUp(socket.nextSequence(), index, up), "RTM_NEWLINK(" + index + (up ? " up)" : " down)"), timeout);
    }

    /** Stops IPv6 from giving the link an automatic link-local address. */
    public void setAddrGenModeNone(int index) throws IOException {
        socket.request(LinkRequests.addrGenModeNone(socket.nextSequence(), index), "RTM_NEWLINK(" + index + " addrgenmode none)", timeout);
    }

    /** Deletes a link; fails with ENODEV when it is gone. */
    public void deleteLink(int index) throws IOException {
        socket.request(LinkRequests.deleteLink(socket.nextSequence(), index), "RTM_DELLINK(" + index + ")", timeout);
    }

    /** Every route of {@code family} (AF_INET or AF_INET6), all tables. */
    public List<IpRoute> routes(int family) throws IOException {
        List<IpRoute> out = new ArrayList<>();
        for (NetlinkMessage m : dumpWithRetry(() -> RtMsg.dumpRequest(socket.nextSequence(), family), "RTM_GETROUTE")) {
            if (m.type() == Rtnetlink.RTM_NEWROUTE) {
                out.add(RtMsg.decode(m));
            }
        }
        return out;
    }

    /** Adds a route (without NLM_F_EXCL, as keepalived); IPv4 fails with EEXIST when it is already there. */
    public void addRoute(IpRoute r) throws IOException {
        socket.request(RtMsg.newRoute(socket.nextSequence(), r), "RTM_NEWROUTE", timeout);
    }

    /** Deletes a route; fails with ESRCH when none matches. */
    public void deleteRoute(IpRoute r) throws IOException {
        socket.request(RtMsg.deleteRoute(socket.nextSequence(), r), "RTM_DELROUTE", timeout);
    }

    /** Every rule of {@code family} (AF_INET or AF_INET6). */
    public List<IpRule> rules(int family) throws IOException {
        List<IpRule> out = new ArrayList<>();
        for (NetlinkMessage m : dumpWithRetry(() -> FibRuleHdr.dumpRequest(socket.nextSequence(), family), "RTM_GETRULE")) {
            if (m.type() == Rtnetlink.RTM_NEWRULE) {
                out.add(FibRuleHdr.decode(m));
            }
        }
        return out;
    }

    /** Adds a rule; fails with EEXIST when the same rule is there. */
    public void addRule(IpRule r) throws IOException {
        socket.request(FibRuleHdr.newRule(socket.nextSequence(), r), "RTM_NEWRULE", timeout);
    }

    /** Deletes a rule; fails with ENOENT when none matches. */
    public void deleteRule(IpRule r) throws IOException {
        socket.request(FibRuleHdr.deleteRule(socket.nextSequence(), r), "RTM_DELRULE", timeout);
    }

    private List<NetlinkMessage> dumpWithRetry(java.util.function.Supplier<java.nio.ByteBuffer> request, String what)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return socket.dump(request.get(), what, timeout);
            } catch (DumpInterruptedException e) {
                if (attempt >= DUMP_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
