package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;

import java.nio.ByteBuffer;

/**
 * Connection timeouts: IPVS_CMD_SET_CONFIG, and IPVS_CMD_GET_CONFIG answered by an IPVS_CMD_SET_CONFIG message.
 * The timeouts are first-level u32 attributes in seconds, host order (ip_vs.h):
 *
 * <pre>
 * 4 IPVS_CMD_ATTR_TIMEOUT_TCP      established TCP
 * 5 IPVS_CMD_ATTR_TIMEOUT_TCP_FIN  TCP after FIN
 * 6 IPVS_CMD_ATTR_TIMEOUT_UDP      UDP
 * </pre>
 *
 * SET_CONFIG changes only the timeouts it carries ({@code ip_vs_genl_set_config}), so 0 means "leave as is".
 */
public final class ConfigMessages {
    private ConfigMessages() {
    }

    public static ByteBuffer setConfig(int familyId, int seq, IpvsTimeouts t) {
        MessageBuilder b = IpvsMessages.request(familyId, IpvsMessages.CHANGE, seq, IpvsMessages.IPVS_CMD_SET_CONFIG);
        if (t.tcp() != 0) {
            b.attrU32(IpvsMessages.IPVS_CMD_ATTR_TIMEOUT_TCP, t.tcp());
        }
        if (t.tcpFin() != 0) {
            b.attrU32(IpvsMessages.IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFin());
        }
        if (t.udp() != 0) {
            b.attrU32(IpvsMessages.IPVS_CMD_ATTR_TIMEOUT_UDP, t.udp());
        }
        return b.build();
    }

    public static ByteBuffer getConfig(int familyId, int seq) {
        return IpvsMessages.request(familyId, IpvsMessages.CHANGE, seq, IpvsMessages.IPVS_CMD_GET_CONFIG).build();
    }

    /** The reply as the kernel sends it (for fakes and round-trip tests). */
    public static ByteBuffer encodeReply(int familyId, int seq, IpvsTimeouts t) {
        return IpvsMessages.request(familyId, 0, seq, IpvsMessages.IPVS_CMD_SET_CONFIG)
                .attrU32(IpvsMessages.IPVS_CMD_ATTR_TIMEOUT_TCP, t.tcp())
                .attrU32(IpvsMessages.IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFin())
                .attrU32(IpvsMessages.IPVS_CMD_ATTR_TIMEOUT_UDP, t.udp())
                .build();
    }

    /** Decodes the IPVS_CMD_SET_CONFIG answer to GET_CONFIG; a timeout the kernel omits (protocol not built) is 0. */
    public static IpvsTimeouts decode(NetlinkMessage message) throws NetlinkFormatException {
        Attributes a = IpvsMessages.replyAttributes(message, IpvsMessages.IPVS_CMD_SET_CONFIG);
        return new IpvsTimeouts(seconds(a, IpvsMessages.IPVS_CMD_ATTR_TIMEOUT_TCP), seconds(a, IpvsMessages.IPVS_CMD_ATTR_TIMEOUT_TCP_FIN),
                seconds(a, IpvsMessages.IPVS_CMD_ATTR_TIMEOUT_UDP));
    }

    private static int seconds(Attributes a, int type) throws NetlinkFormatException {
        long v = a.u32(type, 0);
        if (v > Integer.MAX_VALUE) {
            throw new NetlinkFormatException("IPVS timeout attribute " + type + " out of range: " + v);
        }
        return (int) v;
    }
}
