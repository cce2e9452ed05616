package io.jkeepalived.healthcheck.ping;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * PING_CHECK's echo request and the recognition of its reply: ICMP echo (RFC 792, type 8 / reply 0) and ICMPv6
 * echo (RFC 4443 §4.1/§4.2, type 128 / reply 129). Header: type, code, checksum, identifier, sequence, then a
 * payload (56 octets, as keepalived's ICMP_BUFSIZE). The IPv4 checksum is computed here (RFC 1071); for ICMPv6 the
 * kernel fills it in on a raw socket. Received IPv4 messages start with the IP header (RFC 791, IHL in 32-bit
 * words), which is skipped. Pure: no I/O.
 */
public final class IcmpEcho {
    static final int OFFSET_TYPE = 0;
    static final int OFFSET_CODE = 1;
    static final int OFFSET_CHECKSUM = 2;
    static final int OFFSET_ID = 4;
    static final int OFFSET_SEQUENCE = 6;
    static final int HEADER_LENGTH = 8;
    static final int PAYLOAD_LENGTH = 56;
    static final int ECHO_REQUEST = 8;
    static final int ECHO_REPLY = 0;
    static final int ECHO6_REQUEST = 128;
    static final int ECHO6_REPLY = 129;
    static final int IPV4_MIN_HEADER = 20;

    private IcmpEcho() {
    }

    public static byte[] request(boolean ipv6, int id, int sequence) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + PAYLOAD_LENGTH).order(ByteOrder.BIG_ENDIAN);
        b.put(OFFSET_TYPE, (byte) (ipv6 ? ECHO6_REQUEST : ECHO_REQUEST));
        b.put(OFFSET_CODE, (byte) 0);
        b.putShort(OFFSET_ID, (short) id);
        b.putShort(OFFSET_SEQUENCE, (short) sequence);
        for (int i = 0; i < PAYLOAD_LENGTH; i++) {
            b.put(HEADER_LENGTH + i, (byte) i);
        }
        if (!ipv6) {
            b.putShort(OFFSET_CHECKSUM, (short) checksum(b.array()));
        }
        return b.array();
    }

    /** RFC 1071 Internet checksum over {@code data} (with its checksum field zero). */
    static int checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i + 1 < data.length; i += 2) {
            sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        }
        if ((data.length & 1) != 0) {
            sum += (data[data.length - 1] & 0xFF) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /**
     * Whether {@code message} (as the raw socket delivered it) is the echo reply to our request with this id and
     * sequence. Anything else, including malformed data, is not.
     */
    public static boolean isReply(boolean ipv6, byte[] message, int id, int sequence) {
        int at = 0;
        if (!ipv6) {
            if (message.length < IPV4_MIN_HEADER || (message[0] >> 4 & 0xF) != 4) {
                return false;
            }
            at = (message[0] & 0x0F) * 4;
            if (at < IPV4_MIN_HEADER) {
                return false;
            }
        }
        if (message.length - at < HEADER_LENGTH) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.BIG_ENDIAN);
        int type = message[at + OFFSET_TYPE] & 0xFF;
        return type == (ipv6 ? ECHO6_REPLY : ECHO_REPLY)
                && (b.getShort(at + OFFSET_ID) & 0xFFFF) == (id & 0xFFFF)
                && (b.getShort(at + OFFSET_SEQUENCE) & 0xFFFF) == (sequence & 0xFFFF);
    }

    /**
     * Whether {@code message} (as a ping socket delivered it: ICMP header first, for IPv4 too) is the echo reply with
     * this sequence. The kernel set the identifier and delivers only replies carrying it, so it is not compared.
     */
    public static boolean isDatagramReply(boolean ipv6, byte[] message, int sequence) {
        if (message.length < HEADER_LENGTH) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.BIG_ENDIAN);
        int type = message[OFFSET_TYPE] & 0xFF;
        return type == (ipv6 ? ECHO6_REPLY : ECHO_REPLY)
                && (b.getShort(OFFSET_SEQUENCE) & 0xFFFF) == (sequence & 0xFFFF);
    }
}
