package io.jkeepalived.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message cut out of a datagram: its header and its payload (everything after the 16-byte
 * {@link NlMsgHeader}, up to {@code nlmsg_len}), as a read-only host-order buffer with position 0.
 */
public record NetlinkMessage(NlMsgHeader header, ByteBuffer payload) {
    /** A datagram holds at most this many messages; bounds the split loop whatever the input. */
    private static final int MAX_MESSAGES = 1 << 16;

    public int type() {
        return header.type();
    }

    public int flags() {
        return header.flags();
    }

    public int seq() {
        return header.seq();
    }

    /**
     * Splits a datagram (position to limit) into messages, as NLMSG_OK/NLMSG_NEXT walk it. Trailing bytes shorter
     * than a header are ignored, as the kernel's own walkers do; a length that is too small or runs past the end is
     * an error.
     */
    public static List<NetlinkMessage> split(ByteBuffer datagram) throws NetlinkFormatException {
        ByteBuffer buf = datagram.slice().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> messages = new ArrayList<>();
        int pos = 0;
        int end = buf.limit();
        while (end - pos >= NlMsgHeader.SIZE && messages.size() < MAX_MESSAGES) {
            int length = buf.getInt(pos + NlMsgHeader.LENGTH);
            if (length < NlMsgHeader.SIZE || length > end - pos) {
                throw new NetlinkFormatException("netlink message at offset " + pos + " has length " + Integer.toUnsignedString(length)
                        + ", but " + (end - pos) + " bytes remain (minimum " + NlMsgHeader.SIZE + ")");
            }
            NlMsgHeader header = new NlMsgHeader(length,
                    Short.toUnsignedInt(buf.getShort(pos + NlMsgHeader.TYPE)),
                    Short.toUnsignedInt(buf.getShort(pos + NlMsgHeader.FLAGS)),
                    buf.getInt(pos + NlMsgHeader.SEQ),
                    buf.getInt(pos + NlMsgHeader.PID));
            ByteBuffer payload = buf.slice(pos + NlMsgHeader.SIZE, length - NlMsgHeader.SIZE)
                    .asReadOnlyBuffer().order(ByteOrder.nativeOrder());
            messages.add(new NetlinkMessage(header, payload));
            pos += Math.min(NlMsgHeader.align(length), end - pos);
        }
        return messages;
    }
}
