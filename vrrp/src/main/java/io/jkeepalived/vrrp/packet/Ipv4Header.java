package io.jkeepalived.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The IPv4 header (RFC 791 §3.1) as a raw VRRP socket hands it over and as keepalived builds it with
 * {@code IP_HDRINCL} ({@code vrrp_build_ip4}): version 4, IHL 5, TOS 0xc0 (internetwork control), ID counted per
 * advert (never 0, which would let the kernel pick one), no fragmentation, TTL 255 (RFC 3768 §5.2.3 / RFC 5798
 * §5.1.1.3), protocol 112 or 51 when an AH header follows (RFC 2402 §2). The kernel fills the header checksum on
 * send and has verified it on receive; {@link #encode} computes it as the kernel does so encoded packets equal the
 * captured ones.
 */
public final class Ipv4Header {
    static final int OFF_VERSION_IHL = 0;
    static final int OFF_TOS = 1;
    static final int OFF_TOTAL_LENGTH = 2;
    static final int OFF_IDENTIFICATION = 4;
    static final int OFF_FLAGS_FRAGMENT = 6;
    static final int OFF_TTL = 8;
    static final int OFF_PROTOCOL = 9;
    static final int OFF_CHECKSUM = 10;
    static final int OFF_SOURCE = 12;
    static final int OFF_DESTINATION = 16;
    /** Length without options; keepalived always sends this. */
    public static final int LENGTH = 20;

    /** IANA protocol number of VRRP (RFC 3768 §5.2.4, RFC 5798 §5.1.1.4), keepalived's {@code IPPROTO_VRRP}. */
    public static final int PROTOCOL_VRRP = 112;
    /** IANA protocol number of the IPsec authentication header (RFC 2402 §2). */
    public static final int PROTOCOL_AH = 51;
    /** keepalived's {@code tos = 0xc0}. */
    public static final int TOS_INTERNETWORK_CONTROL = 0xc0;

    final int version;
    /** Header length in octets (IHL × 4), options included. */
    final int headerLength;
    final int tos;
    final int totalLength;
    final int identification;
    final int flagsFragment;
    final int ttl;
    final int protocol;
    final int checksum;
    final Inet4Address source;
    final Inet4Address destination;

    private Ipv4Header(int version, int headerLength, int tos, int totalLength, int identification, int flagsFragment,
                       int ttl, int protocol, int checksum, Inet4Address source, Inet4Address destination) {
        this.version = version;
        this.headerLength = headerLength;
        this.tos = tos;
        this.totalLength = totalLength;
        this.identification = identification;
        this.flagsFragment = flagsFragment;
        this.ttl = ttl;
        this.protocol = protocol;
        this.checksum = checksum;
        this.source = source;
        this.destination = destination;
    }

    /** Reads the fixed 20 octets; the caller has checked that {@code packet} holds at least {@link #LENGTH}. */
    static Ipv4Header decode(byte[] packet) {
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.BIG_ENDIAN);
        int vihl = b.get(OFF_VERSION_IHL) & 0xff;
        return new Ipv4Header(vihl >>> 4, (vihl & 0x0f) << 2, b.get(OFF_TOS) & 0xff,
                b.getShort(OFF_TOTAL_LENGTH) & 0xffff, b.getShort(OFF_IDENTIFICATION) & 0xffff,
                b.getShort(OFF_FLAGS_FRAGMENT) & 0xffff, b.get(OFF_TTL) & 0xff, b.get(OFF_PROTOCOL) & 0xff,
                b.getShort(OFF_CHECKSUM) & 0xffff, address(packet, OFF_SOURCE), address(packet, OFF_DESTINATION));
    }

    /**
     * Writes keepalived's 20-octet header at the start of {@code packet}, whose length is the total length,
     * header checksum included.
     */
    static void encode(byte[] packet, Ipv4Envelope ip, int protocol) {
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.BIG_ENDIAN);
        b.put(OFF_VERSION_IHL, (byte) (4 << 4 | LENGTH >> 2));
        b.put(OFF_TOS, (byte) ip.tos());
        b.putShort(OFF_TOTAL_LENGTH, (short) packet.length);
        b.putShort(OFF_IDENTIFICATION, (short) ip.identification());
        b.putShort(OFF_FLAGS_FRAGMENT, (short) 0);
        b.put(OFF_TTL, (byte) ip.ttl());
        b.put(OFF_PROTOCOL, (byte) protocol);
        b.putShort(OFF_CHECKSUM, (short) 0);
        b.put(OFF_SOURCE, ip.source().getAddress());
        b.put(OFF_DESTINATION, ip.destination().getAddress());
        b.putShort(OFF_CHECKSUM, (short) InternetChecksum.of(packet, 0, LENGTH));
    }

    private static Inet4Address address(byte[] packet, int offset) {
        byte[] a = new byte[4];
        System.arraycopy(packet, offset, a, 0, 4);
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 octets are always an IPv4 address", e);
        }
    }
}
