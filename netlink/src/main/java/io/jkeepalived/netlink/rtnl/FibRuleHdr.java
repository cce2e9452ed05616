package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NlMsgHeader;

import java.nio.ByteBuffer;

/**
 * RTM_NEWRULE / RTM_DELRULE / RTM_GETRULE: {@code struct fib_rule_hdr} of linux/fib_rules.h (12 bytes, host order)
 * followed by FRA_* attributes.
 *
 * <pre>
 *  0 u8  family
 *  1 u8  dst_len
 *  2 u8  src_len
 *  3 u8  tos
 *  4 u8  table    RT_TABLE_UNSPEC when the id is above 255 (then FRA_TABLE)
 *  5 u8  res1
 *  6 u8  res2
 *  7 u8  action   FR_ACT_*
 *  8 u32 flags    FIB_RULE_INVERT, ...
 * </pre>
 */
public final class FibRuleHdr {
    public static final int FAMILY = 0;
    public static final int DST_LEN = 1;
    public static final int SRC_LEN = 2;
    public static final int TOS = 3;
    public static final int TABLE = 4;
    public static final int ACTION = 7;
    public static final int FLAGS = 8;
    public static final int SIZE = 12;

    /** FRA_* of linux/fib_rules.h. */
    public static final int FRA_DST = 1;
    public static final int FRA_SRC = 2;
    public static final int FRA_IIFNAME = 3;
    public static final int FRA_GOTO = 4;
    public static final int FRA_PRIORITY = 6;
    public static final int FRA_FWMARK = 10;
    public static final int FRA_TABLE = 15;
    public static final int FRA_FWMASK = 16;
    public static final int FRA_OIFNAME = 17;

    private FibRuleHdr() {
    }

    /** RTM_GETRULE with NLM_F_DUMP for one family. */
    public static ByteBuffer dumpRequest(int seq, int family) {
        MessageBuilder b = new MessageBuilder(Rtnetlink.RTM_GETRULE, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_DUMP, seq);
        b.putStruct(SIZE).put(FAMILY, (byte) family);
        return b.build();
    }

    /** RTM_NEWRULE, acknowledged; EEXIST when the same rule is there (the kernel checks with NLM_F_EXCL only). */
    public static ByteBuffer newRule(int seq, IpRule r) {
        return encode(Rtnetlink.RTM_NEWRULE,
                NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK | NlMsgHeader.NLM_F_CREATE | NlMsgHeader.NLM_F_EXCL, seq, r);
    }

    /** RTM_DELRULE, acknowledged; ENOENT when no rule matches. */
    public static ByteBuffer deleteRule(int seq, IpRule r) {
        return encode(Rtnetlink.RTM_DELRULE, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK, seq, r);
    }

    /** Encodes any rule message; attributes in iproute2's order. */
    public static ByteBuffer encode(int type, int flags, int seq, IpRule r) {
        MessageBuilder b = new MessageBuilder(type, flags, seq);
        ByteBuffer h = b.putStruct(SIZE);
        h.put(FAMILY, (byte) r.family());
        h.put(DST_LEN, (byte) r.dstLength());
        h.put(SRC_LEN, (byte) r.srcLength());
        h.put(TABLE, (byte) (r.table() < 256 ? r.table() : IpRoute.RT_TABLE_UNSPEC));
        h.put(ACTION, (byte) r.action());
        h.putInt(FLAGS, r.invert() ? IpRule.FIB_RULE_INVERT : 0);
        if (r.source() != null) {
            b.attr(FRA_SRC, r.source().getAddress());
        }
        if (r.destination() != null) {
            b.attr(FRA_DST, r.destination().getAddress());
        }
        if (r.priority() >= 0) {
            b.attrU32(FRA_PRIORITY, (int) r.priority());
        }
        if (r.fwmark() >= 0) {
            b.attrU32(FRA_FWMARK, (int) r.fwmark());
        }
        if (r.fwmask() >= 0) {
            b.attrU32(FRA_FWMASK, (int) r.fwmask());
        }
        if (r.table() >= 256) {
            b.attrU32(FRA_TABLE, (int) r.table());
        }
        if (r.gotoTarget() >= 0) {
            b.attrU32(FRA_GOTO, (int) r.gotoTarget());
        }
        if (r.iifName() != null) {
            b.attrString(FRA_IIFNAME, r.iifName());
        }
        if (r.oifName() != null) {
            b.attrString(FRA_OIFNAME, r.oifName());
        }
        return b.build();
    }

    /** Decodes an RTM_NEWRULE or RTM_DELRULE message of AF_INET or AF_INET6. */
    public static IpRule decode(NetlinkMessage message) throws NetlinkFormatException {
        if (message.type() != Rtnetlink.RTM_NEWRULE && message.type() != Rtnetlink.RTM_DELRULE) {
            throw new NetlinkFormatException("expected RTM_NEWRULE or RTM_DELRULE, got " + Rtnetlink.typeName(message.type()));
        }
        ByteBuffer p = message.payload();
        if (p.remaining() < SIZE) {
            throw new NetlinkFormatException("fib_rule_hdr needs " + SIZE + " bytes, message has " + p.remaining());
        }
        int family = Byte.toUnsignedInt(p.get(FAMILY));
        if (family != Rtnetlink.AF_INET && family != Rtnetlink.AF_INET6) {
            throw new NetlinkFormatException("rule family " + family + " is neither AF_INET nor AF_INET6");
        }
        Attributes a = Attributes.parse(p.slice(SIZE, p.limit() - SIZE));
        try {
            return new IpRule(family, (p.getInt(FLAGS) & IpRule.FIB_RULE_INVERT) != 0,
                    RtMsg.ip(a.bytes(FRA_SRC), family), Byte.toUnsignedInt(p.get(SRC_LEN)),
                    RtMsg.ip(a.bytes(FRA_DST), family), Byte.toUnsignedInt(p.get(DST_LEN)),
                    Byte.toUnsignedInt(p.get(ACTION)), a.u32(FRA_TABLE, Byte.toUnsignedInt(p.get(TABLE))),
                    a.u32(FRA_GOTO, -1), a.u32(FRA_PRIORITY, -1), a.u32(FRA_FWMARK, -1), a.u32(FRA_FWMASK, -1),
                    a.has(FRA_IIFNAME) ? a.string(FRA_IIFNAME) : null, a.has(FRA_OIFNAME) ? a.string(FRA_OIFNAME) : null);
        } catch (IllegalArgumentException e) {
            throw new NetlinkFormatException("bad rule message: " + e.getMessage());
        }
    }
}
