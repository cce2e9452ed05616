package io.jkeepalived.healthcheck.dns;

import io.jkeepalived.conf.model.check.DnsType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The query DNS_CHECK sends (RFC 1035 §4.1.1 header, §4.1.2 question): id, flags with only RD set, one question
 * of the configured type in class IN. The name is cut at dots as keepalived's dns_make_query does: "" is the
 * root (one zero octet), a trailing dot adds no empty label, and "." alone is the root too. Pure: no I/O.
 */
public final class DnsQuery {
    static final int OFFSET_ID = 0;
    static final int OFFSET_FLAGS = 2;
    static final int OFFSET_QDCOUNT = 4;
    static final int HEADER_LENGTH = 12;
    /** RFC 1035 §4.1.1: recursion desired. */
    static final int FLAG_RD = 0x0100;
    static final int CLASS_IN = 1;
    static final int MAX_LABEL = 63;

    private DnsQuery() {
    }

    /** The RFC 1035/4034/3596 code of a DNS_CHECK type. */
    public static int code(DnsType type) {
        return switch (type) {
            case A -> 1;
            case NS -> 2;
            case CNAME -> 5;
            case SOA -> 6;
            case MX -> 15;
            case TXT -> 16;
            case AAAA -> 28;
            case RRSIG -> 46;
            case DNSKEY -> 48;
        };
    }

    /** The query's octets. @throws IllegalArgumentException for a label over 63 octets */
    public static byte[] encode(int id, DnsType type, String name) {
        byte[] n = qname(name == null ? "" : name);
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + n.length + 4).order(ByteOrder.BIG_ENDIAN);
        b.putShort(OFFSET_ID, (short) id);
        b.putShort(OFFSET_FLAGS, (short) FLAG_RD);
        b.putShort(OFFSET_QDCOUNT, (short) 1);
        b.position(HEADER_LENGTH);
        b.put(n);
        b.putShort((short) code(type));
        b.putShort((short) CLASS_IN);
        return b.array();
    }

    static byte[] qname(String name) {
        ByteBuffer out = ByteBuffer.allocate(name.length() * 2 + 2).order(ByteOrder.BIG_ENDIAN);
        int s = 0;
        while (s < name.length()) {
            int e = name.indexOf('.', s);
            if (e < 0) {
                e = name.length();
            }
            byte[] label = name.substring(s, e).getBytes(StandardCharsets.UTF_8);
            if (label.length > MAX_LABEL) {
                throw new IllegalArgumentException("DNS_CHECK name label longer than 63 octets: " + name);
            }
            out.put((byte) label.length).put(label);
            s = e < name.length() ? e + 1 : e;
        }
        if (!".".equals(name)) {
            out.put((byte) 0);
        }
        byte[] r = new byte[out.position()];
        out.flip().get(r);
        return r;
    }
}
