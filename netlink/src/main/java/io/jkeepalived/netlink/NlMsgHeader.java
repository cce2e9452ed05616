package io.jkeepalived.netlink;

/**
 * {@code struct nlmsghdr} of linux/netlink.h, in host byte order, 16 bytes, followed by the payload; every
 * message starts on a 4-byte boundary ({@code NLMSG_ALIGN}).
 *
 * <pre>
 *  0 u32 nlmsg_len    length including this header
 *  4 u16 nlmsg_type   NLMSG_* control types below 0x10, else the family's (RTM_*, a genl family id)
 *  6 u16 nlmsg_flags  NLM_F_*
 *  8 u32 nlmsg_seq    sequence number, echoed in replies
 * 12 u32 nlmsg_pid    sender port id (0 = kernel)
 * </pre>
 */
public record NlMsgHeader(int length, int type, int flags, int seq, int pid) {
    public static final int LENGTH = 0;
    public static final int TYPE = 4;
    public static final int FLAGS = 6;
    public static final int SEQ = 8;
    public static final int PID = 12;
    public static final int SIZE = 16;

    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;
    /** Types below this are netlink's own control messages. */
    public static final int NLMSG_MIN_TYPE = 0x10;

    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ECHO = 0x08;
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    /** Modifiers to GET requests. */
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    /** Modifiers to NEW requests. */
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    /** Flags of an NLMSG_ERROR acknowledgement: the request was cut to its header; TLVs follow. */
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;

    /** NLMSG_ALIGN: rounds up to the next multiple of 4. */
    public static int align(int length) {
        return (length + 3) & ~3;
    }
}
