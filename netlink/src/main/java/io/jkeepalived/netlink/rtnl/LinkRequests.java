package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NlMsgHeader;

import java.nio.ByteBuffer;

/**
 * RTM_NEWLINK / RTM_DELLINK requests that change links (struct ifinfomsg, see {@link IfInfoMsg}): create and delete
 * a macvlan (keepalived's VMAC), set a link up or down, and stop IPv6 from generating a link-local address on it
 * (RFC 5798 §7.4: a VMAC must not have an EUI-64 address made from the virtual MAC).
 *
 * <pre>
 * IFLA_LINKINFO (nested)
 *   IFLA_INFO_KIND   "macvlan"
 *   IFLA_INFO_DATA (nested)
 *     IFLA_MACVLAN_MODE u32
 * IFLA_LINK    u32 parent ifindex
 * IFLA_IFNAME  string
 * IFLA_ADDRESS 6 bytes
 * </pre>
 */
public final class LinkRequests {
    /** IFLA_* of linux/if_link.h not already in {@link IfInfoMsg}. */
    public static final int IFLA_AF_SPEC = 26;
    /** IFLA_INFO_DATA nested in IFLA_LINKINFO. */
    public static final int IFLA_INFO_DATA = 2;
    /** IFLA_MACVLAN_* nested in IFLA_INFO_DATA for kind "macvlan". */
    public static final int IFLA_MACVLAN_MODE = 1;
    /** IFLA_INET6_ADDR_GEN_MODE nested in IFLA_AF_SPEC / AF_INET6. */
    public static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    /** IN6_ADDR_GEN_MODE_NONE: no automatic link-local address. */
    public static final int IN6_ADDR_GEN_MODE_NONE = 1;
    public static final String MACVLAN_KIND = "macvlan";

    private LinkRequests() {
    }

    /** RTM_NEWLINK creating a macvlan, acknowledged; EEXIST when the name is taken. */
    public static ByteBuffer newMacvlan(int seq, Macvlan m) {
        MessageBuilder b = new MessageBuilder(Rtnetlink.RTM_NEWLINK,
                NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK | NlMsgHeader.NLM_F_CREATE | NlMsgHeader.NLM_F_EXCL, seq);
        ByteBuffer h = b.putStruct(IfInfoMsg.SIZE);
        h.put(IfInfoMsg.FAMILY, (byte) Rtnetlink.AF_UNSPEC);
        h.putInt(IfInfoMsg.INDEX, m.index());
        int info = b.beginNested(IfInfoMsg.IFLA_LINKINFO);
        b.attrString(IfInfoMsg.IFLA_INFO_KIND, MACVLAN_KIND);
        int data = b.beginNested(IFLA_INFO_DATA);
        b.attrU32(IFLA_MACVLAN_MODE, m.mode().value());
        b.endNested(data);
        b.endNested(info);
        b.attrU32(IfInfoMsg.IFLA_LINK, m.parentIndex());
        b.attrString(IfInfoMsg.IFLA_IFNAME, m.name());
        b.attr(IfInfoMsg.IFLA_ADDRESS, m.mac());
        return b.build();
    }

    /** RTM_NEWLINK changing only IFF_UP (ifi_change = IFF_UP), acknowledged. */
    public static ByteBuffer setUp(int seq, int index, boolean up) {
        MessageBuilder b = new MessageBuilder(Rtnetlink.RTM_NEWLINK, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK, seq);
        ByteBuffer h = b.putStruct(IfInfoMsg.SIZE);
        h.put(IfInfoMsg.FAMILY, (byte) Rtnetlink.AF_UNSPEC);
        h.putInt(IfInfoMsg.INDEX, index);
        h.putInt(IfInfoMsg.FLAGS, up ? Link.IFF_UP : 0);
        h.putInt(IfInfoMsg.CHANGE, Link.IFF_UP);
        return b.build();
    }

    /**
     * RTM_NEWLINK setting IFLA_INET6_ADDR_GEN_MODE to NONE, acknowledged. The kernel ignores IFLA_AF_SPEC when it
     * creates a link, so this is a request of its own, sent before the link goes up.
     */
    public static ByteBuffer addrGenModeNone(int seq, int index) {
        MessageBuilder b = new MessageBuilder(Rtnetlink.RTM_NEWLINK, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK, seq);
        ByteBuffer h = b.putStruct(IfInfoMsg.SIZE);
        h.put(IfInfoMsg.FAMILY, (byte) Rtnetlink.AF_UNSPEC);
        h.putInt(IfInfoMsg.INDEX, index);
        int spec = b.beginNested(IFLA_AF_SPEC);
        int inet6 = b.beginNested(Rtnetlink.AF_INET6);
        b.attrU8(IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_NONE);
        b.endNested(inet6);
        b.endNested(spec);
        return b.build();
    }

    /** RTM_DELLINK by index, acknowledged; ENODEV when it is gone. */
    public static ByteBuffer deleteLink(int seq, int index) {
        MessageBuilder b = new MessageBuilder(Rtnetlink.RTM_DELLINK, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK, seq);
        ByteBuffer h = b.putStruct(IfInfoMsg.SIZE);
        h.put(IfInfoMsg.FAMILY, (byte) Rtnetlink.AF_UNSPEC);
        h.putInt(IfInfoMsg.INDEX, index);
        return b.build();
    }

    /**
     * The macvlan an RTM_NEWLINK message describes, or null when the link is not a macvlan (another kind, or none).
     *
     * @throws NetlinkFormatException on a malformed message, a macvlan without parent or 6-byte address, or an
     *                                unknown mode
     */
    public static Macvlan decodeMacvlan(NetlinkMessage message) throws NetlinkFormatException {
        Link link = IfInfoMsg.decode(message);
        if (!MACVLAN_KIND.equals(link.kind())) {
            return null;
        }
        ByteBuffer p = message.payload();
        Attributes attrs = Attributes.parse(p.slice(IfInfoMsg.SIZE, p.limit() - IfInfoMsg.SIZE));
        long parent = attrs.u32(IfInfoMsg.IFLA_LINK, -1);
        if (parent < 0) {
            throw new NetlinkFormatException("macvlan " + link.name() + " has no IFLA_LINK");
        }
        // the kernel reports the mode only when it has one; the default is VEPA
        long mode = attrs.nested(IfInfoMsg.IFLA_LINKINFO).nested(IFLA_INFO_DATA).u32(IFLA_MACVLAN_MODE, MacvlanMode.VEPA.value());
        try {
            return new Macvlan(link.index(), link.name(), (int) parent, link.hardwareAddress(), MacvlanMode.of(mode));
        } catch (IllegalArgumentException e) {
            throw new NetlinkFormatException("macvlan " + link.name() + ": " + e.getMessage());
        }
    }
}
