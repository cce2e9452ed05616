package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NlMsgHeader;

import java.nio.ByteBuffer;

/**
 * RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK: {@code struct ifinfomsg} of linux/rtnetlink.h (16 bytes, host order)
 * followed by IFLA_* attributes of linux/if_link.h.
 *
 * <pre>
 *  0 u8  ifi_family   AF_UNSPEC
 *  1 u8  __ifi_pad
 *  2 u16 ifi_type     ARPHRD_*
 *  4 s32 ifi_index
 *  8 u32 ifi_flags    IFF_*
 * 12 u32 ifi_change   IFF_* mask of changed flags
 * </pre>
 */
public final class IfInfoMsg {
    public static final int FAMILY = 0;
    public static final int TYPE = 2;
    public static final int INDEX = 4;
    public static final int FLAGS = 8;
    public static final int CHANGE = 12;
    public static final int SIZE = 16;

    /** IFLA_* of linux/if_link.h. */
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_LINKINFO = 18;
    /** IFLA_INFO_* nested in IFLA_LINKINFO. */
    public static final int IFLA_INFO_KIND = 1;

    /** ARPHRD_ETHER of linux/if_arp.h, written into encoded links. */
    public static final int ARPHRD_ETHER = 1;

    private IfInfoMsg() {
    }

    /** RTM_GETLINK with NLM_F_DUMP: every link of the namespace. */
    public static ByteBuffer dumpRequest(int seq) {
        MessageBuilder b = new MessageBuilder(Rtnetlink.RTM_GETLINK, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_DUMP, seq);
        b.putStruct(SIZE).put(FAMILY, (byte) Rtnetlink.AF_UNSPEC);
        return b.build();
    }

    /**
     * Encodes a link as the kernel describes one (used by tests and fakes): ifinfomsg, IFLA_IFNAME, IFLA_MTU,
     * IFLA_ADDRESS when present, IFLA_LINKINFO/IFLA_INFO_KIND when present.
     */
    public static ByteBuffer encode(int type, int flags, int seq, Link link) {
        MessageBuilder b = new MessageBuilder(type, flags, seq);
        ByteBuffer h = b.putStruct(SIZE);
        h.put(FAMILY, (byte) Rtnetlink.AF_UNSPEC);
        h.putShort(TYPE, (short) ARPHRD_ETHER);
        h.putInt(INDEX, link.index());
        h.putInt(FLAGS, link.flags());
        h.putInt(CHANGE, 0);
        if (link.hardwareAddress() != null) {
            b.attr(IFLA_ADDRESS, link.hardwareAddress());
        }
        b.attrString(IFLA_IFNAME, link.name());
        b.attrU32(IFLA_MTU, link.mtu());
        if (link.kind() != null) {
            int info = b.beginNested(IFLA_LINKINFO);
            b.attrString(IFLA_INFO_KIND, link.kind());
            b.endNested(info);
        }
        return b.build();
    }

    /** ifi_family: AF_UNSPEC for a link; AF_BRIDGE for bridge port state. */
    public static int family(NetlinkMessage message) throws NetlinkFormatException {
        if (message.payload().remaining() < SIZE) {
            throw new NetlinkFormatException("ifinfomsg needs " + SIZE + " bytes, message has " + message.payload().remaining());
        }
        return Byte.toUnsignedInt(message.payload().get(FAMILY));
    }

    /** Decodes an RTM_NEWLINK or RTM_DELLINK message. */
    public static Link decode(NetlinkMessage message) throws NetlinkFormatException {
        if (message.type() != Rtnetlink.RTM_NEWLINK && message.type() != Rtnetlink.RTM_DELLINK) {
            throw new NetlinkFormatException("expected RTM_NEWLINK or RTM_DELLINK, got " + Rtnetlink.typeName(message.type()));
        }
        ByteBuffer p = message.payload();
        if (p.remaining() < SIZE) {
            throw new NetlinkFormatException("ifinfomsg needs " + SIZE + " bytes, message has " + p.remaining());
        }
        int index = p.getInt(INDEX);
        int flags = p.getInt(FLAGS);
        Attributes attrs = Attributes.parse(p.slice(SIZE, p.limit() - SIZE));
        String name = attrs.string(IFLA_IFNAME);
        if (name == null) {
            throw new NetlinkFormatException("link " + index + " has no IFLA_IFNAME");
        }
        int mtu = (int) attrs.u32(IFLA_MTU, 0);
        String kind = attrs.nested(IFLA_LINKINFO).string(IFLA_INFO_KIND);
        return new Link(index, name, flags, mtu, attrs.bytes(IFLA_ADDRESS), kind);
    }
}
