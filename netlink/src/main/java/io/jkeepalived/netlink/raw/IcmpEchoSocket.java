package io.jkeepalived.netlink.raw;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;

/**
 * An ICMP (IPv4, protocol 1) or ICMPv6 (protocol 58) socket for PING_CHECK's echo requests, of one of two kinds:
 * <ul>
 *   <li>{@link Kind#DATAGRAM}, the unprivileged ping socket keepalived 2.2.7 uses ({@code SOCK_DGRAM}, allowed for
 *       the groups in {@code net.ipv4.ping_group_range}, which covers ICMPv6 too): the kernel sets the echo
 *       identifier (to the socket's own), fills in the checksum, and hands this socket only the replies to it,
 *       without the IP header;</li>
 *   <li>{@link Kind#RAW}, the fallback when the range does not include our group ({@code SOCK_RAW}, root): it
 *       receives every ICMP message for the host, so callers match replies by identifier, sequence and source; IPv4
 *       messages arrive with their IP header, ICMPv6 ones without, and the kernel computes the ICMPv6 checksum.</li>
 * </ul>
 * keepalived widens {@code ping_group_range} itself when a PING_CHECK is configured; jkeepalived changes no system
 * setting: it uses the ping socket when the range allows it and the raw socket otherwise.
 */
public final class IcmpEchoSocket extends NativeSocket {
    /** How the socket was opened, which decides how replies are recognised. */
    public enum Kind { DATAGRAM, RAW }

    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    /** SO_MARK (asm-generic/socket.h). */
    private static final int SO_MARK = 36;
    private static final int MAX_PACKET = 65_535;

    private final boolean ipv6;
    private final Kind kind;

    private IcmpEchoSocket(RawLibc libc, int fd, boolean ipv6, Kind kind) {
        super(libc, fd, ipv6 ? "ICMPv6 echo" : "ICMP echo", MAX_PACKET);
        this.ipv6 = ipv6;
        this.kind = kind;
    }

    /**
     * The ping socket when {@code ping_group_range} allows it, else a raw socket.
     *
     * @param bindInterface {@code bind_if} (SO_BINDTODEVICE), or null
     * @param fwmark        {@code fwmark} (SO_MARK), or 0
     */
    public static IcmpEchoSocket open(boolean ipv6, String bindInterface, int fwmark) throws IOException {
        IcmpEchoSocket s = open(ipv6, bindInterface, fwmark, Kind.DATAGRAM);
        return s != null ? s : open(ipv6, bindInterface, fwmark, Kind.RAW);
    }

    /**
     * A socket of the given kind; for {@link Kind#DATAGRAM} null when the kernel refuses ping sockets to us (our
     * group outside {@code ping_group_range}, or no ping socket support).
     */
    public static IcmpEchoSocket open(boolean ipv6, String bindInterface, int fwmark, Kind kind) throws IOException {
        RawLibc libc = RawLibc.get();
        int domain = ipv6 ? RawLibc.AF_INET6 : RawLibc.AF_INET;
        int protocol = ipv6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
        int fd;
        if (kind == Kind.DATAGRAM) {
            fd = libc.api.socket(domain, RawLibc.SOCK_DGRAM | RawLibc.SOCK_NONBLOCK | RawLibc.SOCK_CLOEXEC, protocol);
            if (fd < 0) {
                int errno = libc.errno();
                if (refusedPingSocket(errno)) {
                    return null;
                }
                throw RawLibc.failure(ipv6 ? "socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6)"
                        : "socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)", errno);
            }
        } else {
            fd = open(libc, domain, protocol, ipv6 ? "AF_INET6, SOCK_RAW, IPPROTO_ICMPV6" : "AF_INET, SOCK_RAW, IPPROTO_ICMP");
        }
        return configured(new IcmpEchoSocket(libc, fd, ipv6, kind), s -> {
            if (bindInterface != null) {
                s.bindToDevice(bindInterface);
            }
            if (fwmark != 0) {
                s.setInt(RawLibc.SOL_SOCKET, SO_MARK, fwmark, "SO_MARK");
            }
        });
    }

    /** Sends one ICMP message (header included) to {@code to}. */
    public void send(byte[] message, InetAddress to) throws IOException {
        if ((to instanceof Inet6Address) != ipv6) {
            throw new IllegalArgumentException("address family of " + to.getHostAddress() + " differs from the socket's");
        }
        sendRaw(message, SocketAddresses.inet(to, 0), null, 0);
    }

    /** A message that arrived: its octets (IPv4: from the IP header on) and who sent it. */
    public record Received(byte[] data, InetAddress source) {
    }

    /** Waits up to {@code timeout} for the next ICMP message; null when none came. */
    public Received receive(Duration timeout) throws IOException {
        RawMessage m = receiveRaw(timeout);
        if (m == null) {
            return null;
        }
        return new Received(m.data(), SocketAddresses.decodeInet(m.name(), m.nameLength()));
    }

    public boolean ipv6() {
        return ipv6;
    }

    /** Which kind of socket this is: a {@link Kind#DATAGRAM} socket's replies carry the kernel's identifier. */
    public Kind kind() {
        return kind;
    }

    /** The errors with which the kernel says no to a ping socket (rather than failing for another reason). */
    static boolean refusedPingSocket(int errno) {
        return errno == RawLibc.EACCES || errno == RawLibc.EPERM || errno == RawLibc.EPROTONOSUPPORT
                || errno == RawLibc.ESOCKTNOSUPPORT || errno == RawLibc.EAFNOSUPPORT;
    }
}
