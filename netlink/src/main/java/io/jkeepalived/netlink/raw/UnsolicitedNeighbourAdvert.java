package io.jkeepalived.netlink.raw;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The unsolicited Neighbor Advertisement a VRRP master sends for each IPv6 virtual address (RFC 5798 §6.4.1 (2),
 * RFC 4861 §4.4 and §7.2.6), as a whole Ethernet frame laid out as keepalived 2.2.7 builds it
 * ({@code ndisc_send_unsolicited_na_immediate}): to the all-nodes group ff02::1 (Ethernet 33:33:00:00:00:01,
 * RFC 2464 §7), from the virtual address itself, hop limit 255 (RFC 4861 §7.1.2 requires it), Override set and
 * Solicited clear, Router set when the interface forwards, one Target Link-Layer Address option (§4.6.1).
 *
 * <pre>
 *  0  Ethernet: destination 33:33:00:00:00:01, source MAC (6), ether type 0x86dd
 * 14  IPv6 (RFC 8200 §3): version 6, class 0, flow 0; payload length 32; next header 58; hop limit 255;
 * 22  source = target address; 38 destination ff02::1
 * 54  ICMPv6: type 136, code 0, checksum (RFC 4443 §2.3, with the IPv6 pseudo-header)
 * 58  flags R 0x80 / S 0x40 / O 0x20, 3 reserved bytes
 * 62  target address
 * 78  option type 2 (target link-layer address), length 1 (8 bytes), MAC
 * 86  end
 * </pre>
 */
public final class UnsolicitedNeighbourAdvert {
    public static final int ETHERNET_HEADER = 0;
    public static final int IPV6_HEADER = 14;
    public static final int IPV6_PAYLOAD_LENGTH = IPV6_HEADER + 4;
    public static final int IPV6_NEXT_HEADER = IPV6_HEADER + 6;
    public static final int IPV6_HOP_LIMIT = IPV6_HEADER + 7;
    public static final int IPV6_SOURCE = IPV6_HEADER + 8;
    public static final int IPV6_DESTINATION = IPV6_HEADER + 24;
    public static final int ICMPV6 = 54;
    public static final int ICMPV6_CHECKSUM = ICMPV6 + 2;
    public static final int FLAGS = ICMPV6 + 4;
    public static final int TARGET = ICMPV6 + 8;
    public static final int OPTION = ICMPV6 + 24;
    public static final int LENGTH = OPTION + 8;

    public static final int FLAG_ROUTER = 0x80;
    public static final int FLAG_SOLICITED = 0x40;
    public static final int FLAG_OVERRIDE = 0x20;

    static final int ICMPV6_NEIGHBOR_ADVERT = 136;
    static final int IPPROTO_ICMPV6 = 58;
    static final int OPTION_TARGET_LINK_LAYER = 2;
    private static final int ICMP_LENGTH = LENGTH - ICMPV6;
    private static final byte[] ALL_NODES = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};

    private UnsolicitedNeighbourAdvert() {
    }

    /** The frame advertising {@code target} at {@code interfaceMac}; {@code router} sets the R flag. */
    public static byte[] build(byte[] interfaceMac, Inet6Address target, boolean router) {
        if (interfaceMac == null || interfaceMac.length != 6) {
            throw new IllegalArgumentException("an Ethernet MAC address has 6 bytes");
        }
        byte[] address = target.getAddress();
        ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.BIG_ENDIAN);
        b.put(0, ALL_NODES_MAC);
        b.put(6, interfaceMac);
        b.putShort(12, (short) RawLibc.ETH_P_IPV6);
        b.putInt(IPV6_HEADER, 6 << 28);
        b.putShort(IPV6_PAYLOAD_LENGTH, (short) ICMP_LENGTH);
        b.put(IPV6_NEXT_HEADER, (byte) IPPROTO_ICMPV6);
        b.put(IPV6_HOP_LIMIT, (byte) 255);
        b.put(IPV6_SOURCE, address);
        b.put(IPV6_DESTINATION, ALL_NODES);
        b.put(ICMPV6, (byte) ICMPV6_NEIGHBOR_ADVERT);
        b.put(ICMPV6 + 1, (byte) 0);
        b.put(FLAGS, (byte) (FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0)));
        b.put(TARGET, address);
        b.put(OPTION, (byte) OPTION_TARGET_LINK_LAYER);
        b.put(OPTION + 1, (byte) 1);
        b.put(OPTION + 2, interfaceMac);
        b.putShort(ICMPV6_CHECKSUM, (short) checksum(b.array(), address, ALL_NODES, ICMPV6, ICMP_LENGTH));
        return b.array();
    }

    /**
     * The Internet checksum (RFC 1071) of an ICMPv6 message with the IPv6 pseudo-header (RFC 8200 §8.1): source,
     * destination, 32-bit upper-layer length, three zero bytes, next header 58. The checksum field must be zero.
     */
    static int checksum(byte[] bytes, byte[] source, byte[] destination, int offset, int length) {
        long sum = 0;
        sum += words(source, 0, 16);
        sum += words(destination, 0, 16);
        sum += length;
        sum += IPPROTO_ICMPV6;
        sum += words(bytes, offset, length);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static long words(byte[] bytes, int offset, int length) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < length; i += 2) {
            sum += ((bytes[offset + i] & 0xff) << 8) | (bytes[offset + i + 1] & 0xff);
        }
        if (i < length) {
            sum += (bytes[offset + i] & 0xff) << 8;
        }
        return sum;
    }
}
