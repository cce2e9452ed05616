package io.jkeepalived.healthcheck.dns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * keepalived's judgement of a datagram that comes back to DNS_CHECK (dns_recv_thread), on the RFC 1035 §4.1.1
 * header only: the answer section is not read. Too short, another id, or not a response (QR clear): ignored, keep
 * waiting. A response with RCODE 0 is success; any other RCODE is a failure. Pure: no I/O.
 */
public final class DnsReply {
    /**
     * keepalived compares the length with the size of a pointer rather than of the 12-octet header; 8 keeps its
     * behaviour (id and flags are in the first 4 octets, so nothing past the datagram is read).
     */
    static final int MIN_LENGTH = 8;
    static final int FLAG_QR = 0x8000;
    static final int RCODE_MASK = 0x000F;

    /** What a reply means. rcode is meaningful for {@link Kind#ERROR}. */
    public record Verdict(Kind kind, int rcode) {
        static final Verdict IGNORE = new Verdict(Kind.IGNORE, 0);
        static final Verdict OK = new Verdict(Kind.OK, 0);
    }

    public enum Kind { IGNORE, OK, ERROR }

    private DnsReply() {
    }

    public static Verdict judge(int queryId, byte[] reply) {
        if (reply.length < MIN_LENGTH) {
            return Verdict.IGNORE;
        }
        ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.BIG_ENDIAN);
        int id = b.getShort(DnsQuery.OFFSET_ID) & 0xFFFF;
        int flags = b.getShort(DnsQuery.OFFSET_FLAGS) & 0xFFFF;
        if (id != (queryId & 0xFFFF) || (flags & FLAG_QR) == 0) {
            return Verdict.IGNORE;
        }
        int rcode = flags & RCODE_MASK;
        return rcode == 0 ? Verdict.OK : new Verdict(Kind.ERROR, rcode);
    }
}
