package io.jkeepalived.netlink.raw;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;

/**
 * A raw ICMP (IPv4, protocol 1) or ICMPv6 (protocol 58) socket for PING_CHECK's echo requests. keepalived 2.2.7
 * uses an unprivileged {@code SOCK_DGRAM} ping socket and widens {@code net.ipv4.ping_group_range} for it; the daemon
 * runs as root, so a {@code SOCK_RAW} socket needs no system setting changed. A raw socket receives every ICMP
 * message for the host: callers match replies by identifier, sequence and source. IPv4 messages arrive with their
 * IP header; ICMPv6 messages without, and the kernel computes the ICMPv6 checksum on sending.
 */
public final class IcmpEchoSocket extends NativeSocket {
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    /** SO_MARK (asm-generic/socket.h). */
    private static final int SO_MARK = 36;
    private static final int MAX_PACKET = 65_535;

    private final boolean ipv6;

    private IcmpEchoSocket(RawLibc libc, int fd, boolean ipv6) {
        super(libc, fd, ipv6 ? "ICMPv6 echo" : "ICMP echo", MAX_PACKET);
        this.ipv6 = ipv6;
    }

    /**
     * @param bindInterface {@code bind_if} (SO_BINDTODEVICE), or null
     * @param fwmark        {@code fwmark} (SO_MARK), or 0
     */
    public static IcmpEchoSocket open(boolean ipv6, String bindInterface, int fwmark) throws IOException {
        RawLibc libc = RawLibc.get();
        int fd = open(libc, ipv6 ? RawLibc.AF_INET6 : RawLibc.AF_INET, ipv6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP,
                ipv6 ? "AF_INET6, SOCK_RAW, IPPROTO_ICMPV6" : "AF_INET, SOCK_RAW, IPPROTO_ICMP");
        return configured(new IcmpEchoSocket(libc, fd, ipv6), s -> {
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
}
