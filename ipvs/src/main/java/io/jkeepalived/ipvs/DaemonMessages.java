package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NlMsgHeader;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Connection-sync daemons: IPVS_CMD_NEW_DAEMON / DEL_DAEMON and the IPVS_CMD_GET_DAEMON dump (IPVS_CMD_NEW_DAEMON
 * parts, one per running role), with the {@code IPVS_DAEMON_ATTR_*} of ip_vs.h nested in {@code IPVS_CMD_ATTR_DAEMON}:
 *
 * <pre>
 * 1 STATE         u32 MASTER 1 / BACKUP 2
 * 2 MCAST_IFN     NUL-terminated interface name, at most 16 bytes with the NUL
 * 3 SYNC_ID       u32
 * 4 SYNC_MAXLEN   u16 UDP payload size (host order)
 * 7 MCAST_PORT    u16 base port, host order (ip_vs_genl_new_daemon reads nla_get_u16)
 * 8 MCAST_TTL     u8
 * 5 MCAST_GROUP   __be32 IPv4 group, network order; or
 * 6 MCAST_GROUP6  16-byte IPv6 group
 * </pre>
 *
 * NEW needs STATE, MCAST_IFN and SYNC_ID; DEL needs only STATE.
 */
public final class DaemonMessages {
    public static final int IPVS_DAEMON_ATTR_STATE = 1;
    public static final int IPVS_DAEMON_ATTR_MCAST_IFN = 2;
    public static final int IPVS_DAEMON_ATTR_SYNC_ID = 3;
    public static final int IPVS_DAEMON_ATTR_SYNC_MAXLEN = 4;
    public static final int IPVS_DAEMON_ATTR_MCAST_GROUP = 5;
    public static final int IPVS_DAEMON_ATTR_MCAST_GROUP6 = 6;
    public static final int IPVS_DAEMON_ATTR_MCAST_PORT = 7;
    public static final int IPVS_DAEMON_ATTR_MCAST_TTL = 8;

    private DaemonMessages() {
    }

    /** IPVS_CMD_NEW_DAEMON: starts a sync daemon; the optional settings are sent only when set (non-zero, non-null). */
    public static ByteBuffer newDaemon(int familyId, int seq, IpvsSyncDaemon d) {
        MessageBuilder b = IpvsMessages.request(familyId, IpvsMessages.CHANGE, seq, IpvsMessages.IPVS_CMD_NEW_DAEMON);
        put(b, d, false);
        return b.build();
    }

    /** IPVS_CMD_DEL_DAEMON: stops the daemon of {@code state} (ESRCH when it is not running). */
    public static ByteBuffer delDaemon(int familyId, int seq, SyncState state) {
        MessageBuilder b = IpvsMessages.request(familyId, IpvsMessages.CHANGE, seq, IpvsMessages.IPVS_CMD_DEL_DAEMON);
        int n = b.beginNested(IpvsMessages.IPVS_CMD_ATTR_DAEMON);
        b.attrU32(IPVS_DAEMON_ATTR_STATE, state.code());
        b.endNested(n);
        return b.build();
    }

    /** IPVS_CMD_GET_DAEMON dump. */
    public static ByteBuffer dumpDaemons(int familyId, int seq) {
        return IpvsMessages.request(familyId, IpvsMessages.DUMP, seq, IpvsMessages.IPVS_CMD_GET_DAEMON).build();
    }

    private static void put(MessageBuilder b, IpvsSyncDaemon d, boolean asKernel) {
        int n = b.beginNested(IpvsMessages.IPVS_CMD_ATTR_DAEMON);
        b.attrU32(IPVS_DAEMON_ATTR_STATE, d.state().code());
        b.attrString(IPVS_DAEMON_ATTR_MCAST_IFN, d.interfaceName());
        b.attrU32(IPVS_DAEMON_ATTR_SYNC_ID, d.syncId());
        if (asKernel || d.maxLength() != 0) {
            b.attrU16(IPVS_DAEMON_ATTR_SYNC_MAXLEN, d.maxLength());
        }
        if (asKernel || d.port() != 0) {
            b.attrU16(IPVS_DAEMON_ATTR_MCAST_PORT, d.port());
        }
        if (asKernel || d.ttl() != 0) {
            b.attrU8(IPVS_DAEMON_ATTR_MCAST_TTL, d.ttl());
        }
        if (d.group() != null) {
            b.attr(AddressFamily.of(d.group()) == AddressFamily.INET ? IPVS_DAEMON_ATTR_MCAST_GROUP : IPVS_DAEMON_ATTR_MCAST_GROUP6,
                    d.group().getAddress());
        }
        b.endNested(n);
    }

    /** A daemon as the kernel sends it in a dump (for fakes and round-trip tests). */
    public static ByteBuffer encodeReply(int familyId, int seq, IpvsSyncDaemon d) {
        MessageBuilder b = IpvsMessages.request(familyId, NlMsgHeader.NLM_F_MULTI, seq, IpvsMessages.IPVS_CMD_NEW_DAEMON);
        put(b, d, true);
        return b.build();
    }

    /** Decodes an IPVS_CMD_NEW_DAEMON dump part. */
    public static IpvsSyncDaemon decode(NetlinkMessage message) throws NetlinkFormatException {
        Attributes top = IpvsMessages.replyAttributes(message, IpvsMessages.IPVS_CMD_NEW_DAEMON);
        if (!top.has(IpvsMessages.IPVS_CMD_ATTR_DAEMON)) {
            throw new NetlinkFormatException("IPVS_CMD_NEW_DAEMON without IPVS_CMD_ATTR_DAEMON");
        }
        Attributes a = top.nested(IpvsMessages.IPVS_CMD_ATTR_DAEMON);
        if (!a.has(IPVS_DAEMON_ATTR_STATE) || !a.has(IPVS_DAEMON_ATTR_MCAST_IFN) || !a.has(IPVS_DAEMON_ATTR_SYNC_ID)) {
            throw new NetlinkFormatException("IPVS sync daemon without STATE, MCAST_IFN or SYNC_ID");
        }
        InetAddress group = null;
        if (a.has(IPVS_DAEMON_ATTR_MCAST_GROUP)) {
            group = IpvsMessages.address(a, IPVS_DAEMON_ATTR_MCAST_GROUP, AddressFamily.INET, "IPVS_DAEMON_ATTR_MCAST_GROUP");
        } else if (a.has(IPVS_DAEMON_ATTR_MCAST_GROUP6)) {
            group = IpvsMessages.address(a, IPVS_DAEMON_ATTR_MCAST_GROUP6, AddressFamily.INET6, "IPVS_DAEMON_ATTR_MCAST_GROUP6");
        }
        try {
            return new IpvsSyncDaemon(SyncState.fromCode(a.u32(IPVS_DAEMON_ATTR_STATE, 0)), a.string(IPVS_DAEMON_ATTR_MCAST_IFN),
                    (int) a.u32(IPVS_DAEMON_ATTR_SYNC_ID, 0), a.u16(IPVS_DAEMON_ATTR_SYNC_MAXLEN, 0), group,
                    a.u16(IPVS_DAEMON_ATTR_MCAST_PORT, 0), a.u8(IPVS_DAEMON_ATTR_MCAST_TTL, 0));
        } catch (IllegalArgumentException e) {
            throw new NetlinkFormatException("bad IPVS sync daemon: " + e.getMessage());
        }
    }
}
