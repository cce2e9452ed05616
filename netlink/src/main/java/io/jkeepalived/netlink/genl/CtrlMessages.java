package io.jkeepalived.netlink.genl;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NlMsgHeader;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generic netlink controller ("nlctrl", family id GENL_ID_CTRL) of linux/genetlink.h: CTRL_CMD_GETFAMILY by
 * name, answered by CTRL_CMD_NEWFAMILY with CTRL_ATTR_* attributes.
 */
public final class CtrlMessages {
    public static final int GENL_ID_CTRL = NlMsgHeader.NLMSG_MIN_TYPE;

    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_CMD_DELFAMILY = 2;
    public static final int CTRL_CMD_GETFAMILY = 3;

    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_HDRSIZE = 4;
    public static final int CTRL_ATTR_MAXATTR = 5;
    public static final int CTRL_ATTR_OPS = 6;
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;

    public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    public static final int CTRL_ATTR_MCAST_GRP_ID = 2;

    /** The controller's interface version (iproute2 and libnl send 1 as well). */
    public static final int CTRL_VERSION = 1;

    /** GENL_NAMSIZ - 1. */
    public static final int MAX_NAME_BYTES = 15;

    private CtrlMessages() {
    }

    /** CTRL_CMD_GETFAMILY for {@code name}, acknowledged; the kernel answers ENOENT for an unknown family. */
    public static ByteBuffer getFamily(int seq, String name) {
        if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("generic netlink family name must be 1.." + MAX_NAME_BYTES + " bytes: '" + name + "'");
        }
        return GenlMsgHdr.builder(GENL_ID_CTRL, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK, seq, CTRL_CMD_GETFAMILY, CTRL_VERSION)
                .attrString(CTRL_ATTR_FAMILY_NAME, name)
                .build();
    }

    /** Encodes a family description as the controller sends it (for tests and fakes). */
    public static ByteBuffer encodeFamily(int seq, GenlFamily family) {
        MessageBuilder b = GenlMsgHdr.builder(GENL_ID_CTRL, 0, seq, CTRL_CMD_NEWFAMILY, 2);
        b.attrString(CTRL_ATTR_FAMILY_NAME, family.name());
        b.attrU16(CTRL_ATTR_FAMILY_ID, family.id());
        b.attrU32(CTRL_ATTR_VERSION, family.version());
        b.attrU32(CTRL_ATTR_HDRSIZE, family.headerSize());
        b.attrU32(CTRL_ATTR_MAXATTR, family.maxAttribute());
        if (!family.multicastGroups().isEmpty()) {
            int groups = b.beginNested(CTRL_ATTR_MCAST_GROUPS);
            int i = 1;
            for (Map.Entry<String, Integer> g : new java.util.TreeMap<>(family.multicastGroups()).entrySet()) {
                int entry = b.beginNested(i++);
                b.attrU32(CTRL_ATTR_MCAST_GRP_ID, g.getValue());
                b.attrString(CTRL_ATTR_MCAST_GRP_NAME, g.getKey());
                b.endNested(entry);
            }
            b.endNested(groups);
        }
        return b.build();
    }

    /** Decodes CTRL_CMD_NEWFAMILY. */
    public static GenlFamily decodeFamily(NetlinkMessage message) throws NetlinkFormatException {
        if (message.type() != GENL_ID_CTRL) {
            throw new NetlinkFormatException("expected a nlctrl message (type " + GENL_ID_CTRL + "), got type " + message.type());
        }
        int cmd = GenlMsgHdr.cmd(message);
        if (cmd != CTRL_CMD_NEWFAMILY) {
            throw new NetlinkFormatException("expected CTRL_CMD_NEWFAMILY, got command " + cmd);
        }
        Attributes attrs = GenlMsgHdr.attributes(message, 0);
        if (!attrs.has(CTRL_ATTR_FAMILY_ID) || !attrs.has(CTRL_ATTR_FAMILY_NAME)) {
            throw new NetlinkFormatException("CTRL_CMD_NEWFAMILY without CTRL_ATTR_FAMILY_ID or CTRL_ATTR_FAMILY_NAME");
        }
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (Attributes.Attribute g : attrs.nested(CTRL_ATTR_MCAST_GROUPS).list()) {
            Attributes group = Attributes.parse(g.value());
            String name = group.string(CTRL_ATTR_MCAST_GRP_NAME);
            if (name == null || !group.has(CTRL_ATTR_MCAST_GRP_ID)) {
                throw new NetlinkFormatException("multicast group entry without name or id");
            }
            groups.put(name, (int) group.u32(CTRL_ATTR_MCAST_GRP_ID, 0));
        }
        return new GenlFamily(attrs.u16(CTRL_ATTR_FAMILY_ID, 0), attrs.string(CTRL_ATTR_FAMILY_NAME),
                (int) attrs.u32(CTRL_ATTR_VERSION, 0), (int) attrs.u32(CTRL_ATTR_HDRSIZE, 0),
                (int) attrs.u32(CTRL_ATTR_MAXATTR, 0), groups);
    }
}
