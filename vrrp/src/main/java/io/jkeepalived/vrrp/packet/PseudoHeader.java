package io.jkeepalived.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The pseudo-headers the VRRPv3 checksum covers (RFC 5798 §5.2.8): for IPv4 the RFC 768 layout (source,
 * destination, zero, protocol 112, VRRP length: 12 octets, keepalived's {@code ipv4_phdr_t}), for IPv6 the
 * RFC 8200 §8.1 layout (source, destination, 32-bit upper-layer length, 24 zero bits, next header 112: 40 octets).
 * keepalived also sums the IPv6 pseudo-header for VRRPv2 over IPv6, because the kernel computes that checksum
 * ({@code IPV6_CHECKSUM}) whatever the version.
 */
final class PseudoHeader {
    static final int IPV4_OFF_SOURCE = 0;
    static final int IPV4_OFF_DESTINATION = 4;
    static final int IPV4_OFF_ZERO = 8;
    static final int IPV4_OFF_PROTOCOL = 9;
    static final int IPV4_OFF_LENGTH = 10;
    static final int IPV4_LENGTH = 12;

    static final int IPV6_OFF_SOURCE = 0;
    static final int IPV6_OFF_DESTINATION = 16;
    static final int IPV6_OFF_LENGTH = 32;
    static final int IPV6_OFF_NEXT_HEADER = 39;
    static final int IPV6_LENGTH = 40;

    private PseudoHeader() {
    }

    static byte[] ipv4(Inet4Address source, Inet4Address destination, int vrrpLength) {
        ByteBuffer b = ByteBuffer.allocate(IPV4_LENGTH).order(ByteOrder.BIG_ENDIAN);
        b.put(IPV4_OFF_SOURCE, source.getAddress());
        b.put(IPV4_OFF_DESTINATION, destination.getAddress());
        b.put(IPV4_OFF_ZERO, (byte) 0);
        b.put(IPV4_OFF_PROTOCOL, (byte) Ipv4Header.PROTOCOL_VRRP);
        b.putShort(IPV4_OFF_LENGTH, (short) vrrpLength);
        return b.array();
    }

    static byte[] ipv6(Inet6Address source, Inet6Address destination, int vrrpLength) {
        ByteBuffer b = ByteBuffer.allocate(IPV6_LENGTH).order(ByteOrder.BIG_ENDIAN);
        b.put(IPV6_OFF_SOURCE, source.getAddress());
        b.put(IPV6_OFF_DESTINATION, destination.getAddress());
        b.putInt(IPV6_OFF_LENGTH, vrrpLength);
        b.put(IPV6_OFF_NEXT_HEADER, (byte) Ipv4Header.PROTOCOL_VRRP);
        return b.array();
    }

    /** The pseudo-header for the family of {@code source} (both addresses must be of the same family). */
    static byte[] of(InetAddress source, InetAddress destination, int vrrpLength) {
        if (source instanceof Inet4Address s4 && destination instanceof Inet4Address d4) {
            return ipv4(s4, d4, vrrpLength);
        }
        if (source instanceof Inet6Address s6 && destination instanceof Inet6Address d6) {
            return ipv6(s6, d6, vrrpLength);
        }
        throw new IllegalArgumentException("source and destination must be of one family: " + source + ", " + destination);
    }
}
