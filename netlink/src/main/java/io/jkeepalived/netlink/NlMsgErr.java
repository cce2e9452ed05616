package io.jkeepalived.netlink;

import java.nio.ByteBuffer;

/**
 * The payload of an NLMSG_ERROR message, {@code struct nlmsgerr} of linux/netlink.h: the kernel's answer to a
 * request with NLM_F_ACK (error 0) or to a failed one (a negative errno).
 *
 * <pre>
 *  0 s32      error       0 = acknowledgement, else -errno
 *  4 nlmsghdr msg         the request's header (and, unless NLM_F_CAPPED, its payload)
 *  ...        TLVs        when NLM_F_ACK_TLVS: NLMSGERR_ATTR_MSG (1, string), NLMSGERR_ATTR_OFFS (2, u32)
 * </pre>
 *
 * @param error        0 or a negative errno, as sent
 * @param requestType  the nlmsg_type of the request this answers
 * @param requestSeq   the nlmsg_seq of the request this answers
 * @param extAckMessage the kernel's extended-ack text ("Label must begin with interface name"), or null
 */
public record NlMsgErr(int error, int requestType, int requestSeq, String extAckMessage) {
    public static final int ERROR = 0;
    public static final int MSG = 4;
    public static final int SIZE = 4 + NlMsgHeader.SIZE;

    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;

    public boolean isAck() {
        return error == 0;
    }

    public static NlMsgErr decode(NetlinkMessage message) throws NetlinkFormatException {
        ByteBuffer p = message.payload();
        if (p.remaining() < SIZE) {
            throw new NetlinkFormatException("NLMSG_ERROR payload has " + p.remaining() + " bytes, needs " + SIZE);
        }
        int error = p.getInt(ERROR);
        int requestLength = p.getInt(MSG + NlMsgHeader.LENGTH);
        int requestType = Short.toUnsignedInt(p.getShort(MSG + NlMsgHeader.TYPE));
        int requestSeq = p.getInt(MSG + NlMsgHeader.SEQ);
        String text = null;
        if ((message.flags() & NlMsgHeader.NLM_F_ACK_TLVS) != 0) {
            // Without NLM_F_CAPPED the whole request is echoed before the TLVs.
            int tlvs = (message.flags() & NlMsgHeader.NLM_F_CAPPED) != 0
                    ? SIZE
                    : MSG + NlMsgHeader.align(Math.max(NlMsgHeader.SIZE, requestLength));
            if (tlvs >= 0 && tlvs <= p.limit()) {
                text = Attributes.parse(p.slice(tlvs, p.limit() - tlvs)).string(NLMSGERR_ATTR_MSG);
            }
        }
        return new NlMsgErr(error, requestType, requestSeq, text);
    }
}
