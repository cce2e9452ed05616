package io.jkeepalived.vrrp.packet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The IPsec Authentication Header (RFC 2402 §2) as keepalived's {@code auth_type AH} lays it out between the IPv4
 * header and a VRRPv2 message ({@code ipsec_ah_t}, {@code vrrp_build_ipsecah}): 24 octets, next header 112,
 * payload length 4 (six 32-bit words minus 2, for a 96-bit ICV), reserved 0, SPI = the sender's IPv4 source
 * address octets, a sequence number, and the ICV: HMAC-MD5 (RFC 2104, keyed with the 8 octets of
 * {@code auth_pass}) truncated to 96 bits (RFC 2403 §2).
 *
 * <p>The ICV covers the whole IP packet with the mutable fields zeroed as keepalived does (RFC 2402 §3.3.3.1.1.1
 * and keepalived's {@code vrrp_update_pkt} / {@code vrrp_in_chk_ipsecah}): TOS, fragment offset/flags, header
 * checksum (0 in the send buffer; the kernel fills it later) and the ICV itself; the TTL only for unicast
 * instances, since a multicast advert must carry 255 anyway. The IP ID is covered.
 */
public final class IpsecAhHeader {
    static final int OFF_NEXT_HEADER = 0;
    static final int OFF_PAYLOAD_LENGTH = 1;
    static final int OFF_RESERVED = 2;
    static final int OFF_SPI = 4;
    static final int OFF_SEQUENCE = 8;
    static final int OFF_ICV = 12;
    /** HMAC-MD5-96: 12 octets ({@code HMAC_MD5_TRUNC}). */
    static final int ICV_LENGTH = 12;
    public static final int LENGTH = 24;
    /** keepalived's {@code IPSEC_AH_PLEN}. */
    static final int PAYLOAD_LENGTH = 4;

    final int nextHeader;
    final int payloadLength;
    /** The SPI as its 4 raw octets in network order (keepalived copies the source address in). */
    final int spi;
    final long sequence;

    private IpsecAhHeader(int nextHeader, int payloadLength, int spi, long sequence) {
        this.nextHeader = nextHeader;
        this.payloadLength = payloadLength;
        this.spi = spi;
        this.sequence = sequence;
    }

    /** Reads the header at {@code offset}; the caller has checked that 24 octets are there. */
    static IpsecAhHeader decode(byte[] packet, int offset) {
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.BIG_ENDIAN);
        return new IpsecAhHeader(b.get(offset + OFF_NEXT_HEADER) & 0xff, b.get(offset + OFF_PAYLOAD_LENGTH) & 0xff,
                b.getInt(offset + OFF_SPI), b.getInt(offset + OFF_SEQUENCE) & 0xffffffffL);
    }

    /** Writes the header at {@code offset} with a zero ICV; {@link #sign} fills it once the rest is in place. */
    static void encode(byte[] packet, int offset, byte[] spi, long sequence) {
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.BIG_ENDIAN);
        b.put(offset + OFF_NEXT_HEADER, (byte) Ipv4Header.PROTOCOL_VRRP);
        b.put(offset + OFF_PAYLOAD_LENGTH, (byte) PAYLOAD_LENGTH);
        b.putShort(offset + OFF_RESERVED, (short) 0);
        b.put(offset + OFF_SPI, spi);
        b.putInt(offset + OFF_SEQUENCE, (int) sequence);
        Arrays.fill(packet, offset + OFF_ICV, offset + OFF_ICV + ICV_LENGTH, (byte) 0);
    }

    /** Computes the ICV over {@code packet} (AH at {@code ahOffset}) and writes it into the AH header. */
    static void sign(byte[] packet, int ahOffset, AuthData key, boolean unicast) {
        byte[] icv = icv(packet, ahOffset, key, unicast);
        System.arraycopy(icv, 0, packet, ahOffset + OFF_ICV, ICV_LENGTH);
    }

    /** Whether the ICV in {@code packet} is the one {@code key} gives; constant time as keepalived's compare. */
    static boolean verify(byte[] packet, int ahOffset, AuthData key, boolean unicast) {
        byte[] expected = icv(packet, ahOffset, key, unicast);
        byte[] actual = Arrays.copyOfRange(packet, ahOffset + OFF_ICV, ahOffset + OFF_ICV + ICV_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] icv(byte[] packet, int ahOffset, AuthData key, boolean unicast) {
        byte[] copy = packet.clone();
        copy[Ipv4Header.OFF_TOS] = 0;
        copy[Ipv4Header.OFF_FLAGS_FRAGMENT] = 0;
        copy[Ipv4Header.OFF_FLAGS_FRAGMENT + 1] = 0;
        copy[Ipv4Header.OFF_CHECKSUM] = 0;
        copy[Ipv4Header.OFF_CHECKSUM + 1] = 0;
        if (unicast) {
            copy[Ipv4Header.OFF_TTL] = 0;
        }
        Arrays.fill(copy, ahOffset + OFF_ICV, ahOffset + OFF_ICV + ICV_LENGTH, (byte) 0);
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.bytes(), "HmacMD5"));
            return Arrays.copyOf(mac.doFinal(copy), ICV_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is required of every Java platform", e);
        }
    }
}
