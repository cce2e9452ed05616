package io.jkeepalived.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs netlink requests several to a datagram (pure: bytes in, bytes out), as the kernel accepts them:
 * {@code netlink_rcv_skb} walks every {@code nlmsghdr} of one datagram in order, hands each to the family and,
 * when one fails, still goes on with the next. So one {@code sendmsg} can carry many requests.
 *
 * <p>Acknowledgements: each request of a datagram but the last has {@code NLM_F_ACK} cleared. The kernel then
 * answers a cleared request only when it fails (an {@code NLMSG_ERROR} carrying its sequence number; success is
 * silent) and the last one always. Replies arrive in the order of the requests, so once the last request's
 * answer is read every earlier failure has been read too, and one receive per datagram is enough instead of one
 * per request.
 *
 * <p>Bounds: a datagram is at most {@link #MAX_BYTES} (the kernel refuses a sendmsg over the socket's send
 * buffer, 212,992 bytes by default) and {@link #MAX_REQUESTS} requests, so that even if every request of it
 * fails, the error messages fit the default receive queue (each costs about 1 KiB of it; netlink drops what does
 * not fit and the reader sees ENOBUFS).
 */
public final class RequestBatch {
    public static final int MAX_BYTES = 32 * 1024;
    public static final int MAX_REQUESTS = 64;

    /**
     * One datagram: {@code bytes} (native order, position 0 to limit) holds {@code count} requests starting at
     * {@code first} in the caller's list; {@code seqs} are their sequence numbers in order; the last of them is
     * acknowledged.
     */
    public record Datagram(int first, int count, int[] seqs, ByteBuffer bytes) {
        public int lastSeq() {
            return seqs[count - 1];
        }

        /** The index in the caller's list of the request with sequence number {@code seq}, or -1. */
        public int indexOf(int seq) {
            for (int i = 0; i < count; i++) {
                if (seqs[i] == seq) {
                    return first + i;
                }
            }
            return -1;
        }
    }

    private RequestBatch() {
    }

    /** Packs with the default bounds. */
    public static List<Datagram> pack(List<ByteBuffer> requests) {
        return pack(requests, MAX_BYTES, MAX_REQUESTS);
    }

    /**
     * Packs {@code requests} (each position to limit one whole netlink message with {@code NLM_F_ACK}; the buffers
     * are not changed) into datagrams of at most {@code maxBytes} and {@code maxRequests}, in order.
     *
     * @throws IllegalArgumentException for a request that is not one well-formed message with NLM_F_ACK, or
     *                                  alone larger than {@code maxBytes}
     */
    public static List<Datagram> pack(List<ByteBuffer> requests, int maxBytes, int maxRequests) {
        if (maxRequests < 1 || maxBytes < NlMsgHeader.SIZE) {
            throw new IllegalArgumentException("bad batch bounds: " + maxBytes + " bytes, " + maxRequests + " requests");
        }
        List<Datagram> out = new ArrayList<>();
        int i = 0;
        while (i < requests.size()) {
            int first = i;
            int bytes = 0;
            while (i < requests.size() && i - first < maxRequests) {
                int len = checkedLength(requests.get(i), i, maxBytes);
                if (bytes + NlMsgHeader.align(len) > maxBytes && i > first) {
                    break;
                }
                bytes += NlMsgHeader.align(len);
                i++;
            }
            ByteBuffer d = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            int[] seqs = new int[i - first];
            for (int k = first; k < i; k++) {
                ByteBuffer r = requests.get(k);
                int start = d.position();
                d.put(r.duplicate());
                seqs[k - first] = d.getInt(start + NlMsgHeader.SEQ);
                if (k < i - 1) {
                    int flags = Short.toUnsignedInt(d.getShort(start + NlMsgHeader.FLAGS));
                    d.putShort(start + NlMsgHeader.FLAGS, (short) (flags & ~NlMsgHeader.NLM_F_ACK));
                }
                d.position(start + NlMsgHeader.align(d.position() - start));
            }
            d.flip();
            out.add(new Datagram(first, i - first, seqs, d));
        }
        return out;
    }

    private static int checkedLength(ByteBuffer r, int index, int maxBytes) {
        if (r.remaining() < NlMsgHeader.SIZE) {
            throw new IllegalArgumentException("request " + index + " is shorter than a netlink header: " + r.remaining());
        }
        ByteBuffer view = r.duplicate().order(ByteOrder.nativeOrder());
        int len = view.getInt(r.position() + NlMsgHeader.LENGTH);
        if (len != r.remaining()) {
            throw new IllegalArgumentException("request " + index + " has nlmsg_len " + len + " but " + r.remaining() + " bytes");
        }
        if ((Short.toUnsignedInt(view.getShort(r.position() + NlMsgHeader.FLAGS)) & NlMsgHeader.NLM_F_ACK) == 0) {
            throw new IllegalArgumentException("request " + index + " needs NLM_F_ACK");
        }
        if (NlMsgHeader.align(len) > maxBytes) {
            throw new IllegalArgumentException("request " + index + " of " + len + " bytes exceeds a datagram of " + maxBytes);
        }
        return len;
    }
}
