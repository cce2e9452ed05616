package io.jkeepalived.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The VRRP message (keepalived's {@code vrrphdr_t} plus what follows it).
 *
 * <p>VRRPv2, RFC 3768 §5.1: version|type, VRID, priority, count IP addrs, auth type, adver int (seconds),
 * checksum, the IPv4 addresses, 8 octets of authentication data. The checksum covers the VRRP message only
 * (RFC 3768 §5.3.8). keepalived also sends v2 over IPv6 (not in any RFC): IPv6 addresses, no authentication data,
 * and the checksum the kernel computes with the IPv6 pseudo-header.
 *
 * <p>VRRPv3, RFC 5798 §5.1 / §5.2: version|type, VRID, priority, count IPvX addrs, 4 reserved bits and a
 * 12-bit max adver int (centiseconds), checksum, the addresses. The checksum covers the pseudo-header and the
 * message (RFC 5798 §5.2.8).
 */
public final class VrrpMessage {
    static final int OFF_VERSION_TYPE = 0;
    static final int OFF_VRID = 1;
    static final int OFF_PRIORITY = 2;
    static final int OFF_COUNT = 3;
    /** v2: auth type. */
    static final int OFF_V2_AUTH_TYPE = 4;
    /** v2: advertisement interval in seconds. */
    static final int OFF_V2_ADVER_INT = 5;
    /** v3: 4 reserved bits, then the 12-bit max adver int. */
    static final int OFF_V3_ADVER_INT = 4;
    static final int OFF_CHECKSUM = 6;
    static final int OFF_ADDRESSES = 8;
    /** The fixed part before the addresses. */
    public static final int HEADER_LENGTH = 8;
    static final int V3_MAX_ADVER_INT = 0x0fff;

    final int version;
    final int type;
    final int vrid;
    final int priority;
    final int count;
    final int v2AuthType;
    final int v2AdverInt;
    final int v3AdverInt;
    final int checksum;

    private VrrpMessage(int version, int type, int vrid, int priority, int count, int v2AuthType, int v2AdverInt,
                        int v3AdverInt, int checksum) {
        this.version = version;
        this.type = type;
        this.vrid = vrid;
        this.priority = priority;
        this.count = count;
        this.v2AuthType = v2AuthType;
        this.v2AdverInt = v2AdverInt;
        this.v3AdverInt = v3AdverInt;
        this.checksum = checksum;
    }

    /** Reads the fixed 8 octets at {@code offset}; the caller has checked they are there. */
    static VrrpMessage decodeHeader(byte[] packet, int offset) {
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.BIG_ENDIAN);
        int vt = b.get(offset + OFF_VERSION_TYPE) & 0xff;
        return new VrrpMessage(vt >>> 4, vt & 0x0f, b.get(offset + OFF_VRID) & 0xff,
                b.get(offset + OFF_PRIORITY) & 0xff, b.get(offset + OFF_COUNT) & 0xff,
                b.get(offset + OFF_V2_AUTH_TYPE) & 0xff, b.get(offset + OFF_V2_ADVER_INT) & 0xff,
                b.getShort(offset + OFF_V3_ADVER_INT) & V3_MAX_ADVER_INT, b.getShort(offset + OFF_CHECKSUM) & 0xffff);
    }

    /** Octets per address for the family. */
    static int addressLength(boolean ipv4) {
        return ipv4 ? 4 : 16;
    }

    /**
     * The message length a header announces (keepalived's {@code expected_vrrp_pkt_len}): the authentication data
     * counts when the packet's own version nibble says 2 and the family is IPv4.
     */
    static int expectedLength(int versionNibble, int count, boolean ipv4) {
        int len = HEADER_LENGTH + count * addressLength(ipv4);
        if (ipv4 && versionNibble == VrrpVersion.V2.wire()) {
            len += AuthData.LENGTH;
        }
        return len;
    }

    /** Reads {@code count} addresses from the message at {@code offset}. */
    static List<InetAddress> addresses(byte[] packet, int offset, int count, boolean ipv4) {
        int len = addressLength(ipv4);
        List<InetAddress> out = new ArrayList<>(count);
        byte[] a = new byte[len];
        for (int i = 0; i < count; i++) {
            System.arraycopy(packet, offset + OFF_ADDRESSES + i * len, a, 0, len);
            try {
                // an IPv4-mapped IPv6 address (::ffff:a.b.c.d) must stay IPv6: InetAddress.getByAddress would make it
                // an Inet4Address, and a v3 IPv6 advert carrying one would then mix families (found by Jazzer)
                out.add(ipv4 ? InetAddress.getByAddress(a) : java.net.Inet6Address.getByAddress(null, a, -1));
            } catch (UnknownHostException e) {
                throw new AssertionError("4 or 16 octets are always an address", e);
            }
        }
        return out;
    }

    /**
     * Writes {@code advert} at {@code offset} of {@code packet}, checksum included.
     *
     * @param pseudoHeader the pseudo-header the checksum also covers (v3, and IPv6), or null for v2 over IPv4
     */
    static void encode(Advert advert, boolean ipv4, byte[] pseudoHeader, byte[] packet, int offset) {
        for (InetAddress a : advert.addresses()) {
            if ((a instanceof Inet4Address) != ipv4) {
                throw new IllegalArgumentException("address " + a.getHostAddress() + " is not "
                        + (ipv4 ? "IPv4" : "IPv6") + " like the advert");
            }
        }
        if (!ipv4 && (advert.authType() != AuthType.NONE || !advert.authData().equals(AuthData.ZERO))) {
            throw new IllegalArgumentException("keepalived sends no authentication over IPv6");
        }
        int length = length(advert, ipv4);
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.BIG_ENDIAN);
        b.put(offset + OFF_VERSION_TYPE,
                (byte) (advert.version().wire() << 4 | VrrpPacketType.ADVERTISEMENT.wire()));
        b.put(offset + OFF_VRID, (byte) advert.vrid());
        b.put(offset + OFF_PRIORITY, (byte) advert.priority());
        b.put(offset + OFF_COUNT, (byte) advert.addresses().size());
        if (advert.version() == VrrpVersion.V2) {
            b.put(offset + OFF_V2_AUTH_TYPE, (byte) advert.authType().wire());
            b.put(offset + OFF_V2_ADVER_INT, (byte) advert.adverInt());
        } else {
            b.putShort(offset + OFF_V3_ADVER_INT, (short) (advert.adverInt() & V3_MAX_ADVER_INT));
        }
        b.putShort(offset + OFF_CHECKSUM, (short) 0);
        int at = offset + OFF_ADDRESSES;
        for (InetAddress a : advert.addresses()) {
            b.put(at, a.getAddress());
            at += addressLength(ipv4);
        }
        if (ipv4 && advert.version() == VrrpVersion.V2) {
            advert.authData().writeTo(packet, at);
        }
        long sum = pseudoHeader == null ? 0 : InternetChecksum.add(0, pseudoHeader, 0, pseudoHeader.length);
        b.putShort(offset + OFF_CHECKSUM, (short) InternetChecksum.finish(InternetChecksum.add(sum, packet, offset, length)));
    }

    /** Length of the encoded message ({@code vrrp_pkt_len}). */
    static int length(Advert advert, boolean ipv4) {
        return expectedLength(advert.version().wire(), advert.addresses().size(), ipv4);
    }
}
