package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;

import java.nio.ByteBuffer;

/**
 * IPVS_CMD_GET_INFO, answered by IPVS_CMD_SET_INFO with first-level u32 attributes (ip_vs.h {@code IPVS_INFO_ATTR_*}):
 * 1 VERSION ({@code IP_VS_VERSION_CODE}, 0x010201) and 2 CONN_TAB_SIZE.
 */
public final class InfoMessages {
    public static final int IPVS_INFO_ATTR_VERSION = 1;
    public static final int IPVS_INFO_ATTR_CONN_TAB_SIZE = 2;

    private InfoMessages() {
    }

    public static ByteBuffer getInfo(int familyId, int seq) {
        return IpvsMessages.request(familyId, IpvsMessages.CHANGE, seq, IpvsMessages.IPVS_CMD_GET_INFO).build();
    }

    /** The reply as the kernel sends it (for fakes and round-trip tests). */
    public static ByteBuffer encodeReply(int familyId, int seq, IpvsInfo info) {
        return IpvsMessages.request(familyId, 0, seq, IpvsMessages.IPVS_CMD_SET_INFO)
                .attrU32(IPVS_INFO_ATTR_VERSION, info.versionCode())
                .attrU32(IPVS_INFO_ATTR_CONN_TAB_SIZE, info.connectionTableSize())
                .build();
    }

    public static IpvsInfo decode(NetlinkMessage message) throws NetlinkFormatException {
        Attributes a = IpvsMessages.replyAttributes(message, IpvsMessages.IPVS_CMD_SET_INFO);
        if (!a.has(IPVS_INFO_ATTR_VERSION)) {
            throw new NetlinkFormatException("IPVS_CMD_SET_INFO without IPVS_INFO_ATTR_VERSION");
        }
        return new IpvsInfo((int) a.u32(IPVS_INFO_ATTR_VERSION, 0), (int) a.u32(IPVS_INFO_ATTR_CONN_TAB_SIZE, 0));
    }
}
