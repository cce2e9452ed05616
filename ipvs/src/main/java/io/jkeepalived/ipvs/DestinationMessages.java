package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NlMsgHeader;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Real servers: IPVS_CMD_NEW/SET/DEL_DEST and the IPVS_CMD_GET_DEST dump (answered by IPVS_CMD_NEW_DEST parts). A
 * request carries the service's identifying attributes in {@code IPVS_CMD_ATTR_SERVICE} (see {@link ServiceMessages})
 * and the {@code IPVS_DEST_ATTR_*} of ip_vs.h nested in {@code IPVS_CMD_ATTR_DEST}:
 *
 * <pre>
 *  1 ADDR           binary, network order (kernel replies: 16 bytes of union nf_inet_addr)
 *  2 PORT           __be16, network order
 *  3 FWD_METHOD     u32, IP_VS_CONN_F_MASQ 0 / LOCALNODE 1 / TUNNEL 2 / DROUTE 3 / BYPASS 4
 *  4 WEIGHT         u32 (int, >= 0)
 * 13 TUN_TYPE       u8  IPIP 0 / GUE 1 / GRE 2 (kernel 5.2+)
 * 14 TUN_PORT       __be16, network order (ip_vs_genl_parse_dest reads it with nla_get_be16)
 * 15 TUN_FLAGS      u16 NOCSUM 0 / CSUM 1 / REMCSUM 2 (kernel 5.3+)
 *  5 U_THRESH       u32
 *  6 L_THRESH       u32
 *  7 ACTIVE_CONNS, 8 INACT_CONNS, 9 PERSIST_CONNS   u32, replies only
 * 11 ADDR_FAMILY    u16, the destination's own family (kernel 3.18+; may differ from the service's with TUNNEL)
 * 10 STATS / 12 STATS64   nested counters, replies only
 * </pre>
 *
 * NEW and SET need FWD_METHOD, WEIGHT, U_THRESH and L_THRESH; DEL needs only ADDR and PORT ({@code ip_vs_genl_parse_dest}).
 * Requests send the tunnel attributes only for TUNNEL destinations.
 */
public final class DestinationMessages {
    public static final int IPVS_DEST_ATTR_ADDR = 1;
    public static final int IPVS_DEST_ATTR_PORT = 2;
    public static final int IPVS_DEST_ATTR_FWD_METHOD = 3;
    public static final int IPVS_DEST_ATTR_WEIGHT = 4;
    public static final int IPVS_DEST_ATTR_U_THRESH = 5;
    public static final int IPVS_DEST_ATTR_L_THRESH = 6;
    public static final int IPVS_DEST_ATTR_ACTIVE_CONNS = 7;
    public static final int IPVS_DEST_ATTR_INACT_CONNS = 8;
    public static final int IPVS_DEST_ATTR_PERSIST_CONNS = 9;
    public static final int IPVS_DEST_ATTR_STATS = 10;
    public static final int IPVS_DEST_ATTR_ADDR_FAMILY = 11;
    public static final int IPVS_DEST_ATTR_STATS64 = 12;
    public static final int IPVS_DEST_ATTR_TUN_TYPE = 13;
    public static final int IPVS_DEST_ATTR_TUN_PORT = 14;
    public static final int IPVS_DEST_ATTR_TUN_FLAGS = 15;

    private DestinationMessages() {
    }

    /** IPVS_CMD_NEW_DEST: adds {@code dest} to the service (EEXIST when it is there). */
    public static ByteBuffer newDest(int familyId, int seq, IpvsServiceKey service, IpvsDestination dest) {
        return full(familyId, seq, IpvsMessages.IPVS_CMD_NEW_DEST, service, dest);
    }

    /** IPVS_CMD_SET_DEST: changes forwarding, weight, thresholds, tunnel of an existing destination (ENOENT when absent). */
    public static ByteBuffer setDest(int familyId, int seq, IpvsServiceKey service, IpvsDestination dest) {
        return full(familyId, seq, IpvsMessages.IPVS_CMD_SET_DEST, service, dest);
    }

    /** IPVS_CMD_DEL_DEST: removes the destination {@code address}:{@code port} (ENOENT when absent). */
    public static ByteBuffer delDest(int familyId, int seq, IpvsServiceKey service, InetAddress address, int port) {
        MessageBuilder b = IpvsMessages.request(familyId, IpvsMessages.CHANGE, seq, IpvsMessages.IPVS_CMD_DEL_DEST);
        ServiceMessages.putKeyNest(b, service);
        int n = b.beginNested(IpvsMessages.IPVS_CMD_ATTR_DEST);
        b.attr(IPVS_DEST_ATTR_ADDR, address.getAddress());
        b.attr(IPVS_DEST_ATTR_PORT, IpvsMessages.be16(port));
        b.attrU16(IPVS_DEST_ATTR_ADDR_FAMILY, AddressFamily.of(address).code());
        b.endNested(n);
        return b.build();
    }

    /** IPVS_CMD_GET_DEST dump of one service's destinations (an unknown service dumps nothing). */
    public static ByteBuffer dumpDests(int familyId, int seq, IpvsServiceKey service) {
        MessageBuilder b = IpvsMessages.request(familyId, IpvsMessages.DUMP, seq, IpvsMessages.IPVS_CMD_GET_DEST);
        ServiceMessages.putKeyNest(b, service);
        return b.build();
    }

    private static ByteBuffer full(int familyId, int seq, int cmd, IpvsServiceKey service, IpvsDestination d) {
        MessageBuilder b = IpvsMessages.request(familyId, IpvsMessages.CHANGE, seq, cmd);
        ServiceMessages.putKeyNest(b, service);
        int n = b.beginNested(IpvsMessages.IPVS_CMD_ATTR_DEST);
        b.attr(IPVS_DEST_ATTR_ADDR, d.address().getAddress());
        b.attr(IPVS_DEST_ATTR_PORT, IpvsMessages.be16(d.port()));
        b.attrU32(IPVS_DEST_ATTR_FWD_METHOD, d.forwarding().code());
        b.attrU32(IPVS_DEST_ATTR_WEIGHT, d.weight());
        if (d.forwarding() == ForwardingMethod.TUNNEL) {
            b.attrU8(IPVS_DEST_ATTR_TUN_TYPE, d.tunnelType().code());
            b.attr(IPVS_DEST_ATTR_TUN_PORT, IpvsMessages.be16(d.tunnelPort()));
            b.attrU16(IPVS_DEST_ATTR_TUN_FLAGS, d.tunnelChecksum().code());
        }
        b.attrU32(IPVS_DEST_ATTR_U_THRESH, (int) d.upperThreshold());
        b.attrU32(IPVS_DEST_ATTR_L_THRESH, (int) d.lowerThreshold());
        b.attrU16(IPVS_DEST_ATTR_ADDR_FAMILY, d.family().code());
        b.endNested(n);
        return b.build();
    }

    /** A destination as the kernel sends it in a dump (for fakes and round-trip tests). */
    public static ByteBuffer encodeReply(int familyId, int seq, IpvsDestination d) {
        MessageBuilder b = IpvsMessages.request(familyId, NlMsgHeader.NLM_F_MULTI, seq, IpvsMessages.IPVS_CMD_NEW_DEST);
        int n = b.beginNested(IpvsMessages.IPVS_CMD_ATTR_DEST);
        b.attr(IPVS_DEST_ATTR_ADDR, Arrays.copyOf(d.address().getAddress(), 16));
        b.attr(IPVS_DEST_ATTR_PORT, IpvsMessages.be16(d.port()));
        b.attrU32(IPVS_DEST_ATTR_FWD_METHOD, d.forwarding().code());
        b.attrU32(IPVS_DEST_ATTR_WEIGHT, d.weight());
        b.attrU8(IPVS_DEST_ATTR_TUN_TYPE, d.tunnelType().code());
        b.attr(IPVS_DEST_ATTR_TUN_PORT, IpvsMessages.be16(d.tunnelPort()));
        b.attrU16(IPVS_DEST_ATTR_TUN_FLAGS, d.tunnelChecksum().code());
        b.attrU32(IPVS_DEST_ATTR_U_THRESH, (int) d.upperThreshold());
        b.attrU32(IPVS_DEST_ATTR_L_THRESH, (int) d.lowerThreshold());
        b.attrU32(IPVS_DEST_ATTR_ACTIVE_CONNS, (int) d.activeConnections());
        b.attrU32(IPVS_DEST_ATTR_INACT_CONNS, (int) d.inactiveConnections());
        b.attrU32(IPVS_DEST_ATTR_PERSIST_CONNS, (int) d.persistentConnections());
        b.attrU16(IPVS_DEST_ATTR_ADDR_FAMILY, d.family().code());
        if (d.stats() != null) {
            StatsAttributes.encode(b, IPVS_DEST_ATTR_STATS, IPVS_DEST_ATTR_STATS64, d.stats());
        }
        b.endNested(n);
        return b.build();
    }

    /**
     * Decodes an IPVS_CMD_NEW_DEST dump part. {@code serviceFamily} is the family of the service that was dumped:
     * kernels before 3.18 send no IPVS_DEST_ATTR_ADDR_FAMILY, and then the destination has the service's.
     */
    public static IpvsDestination decode(NetlinkMessage message, AddressFamily serviceFamily) throws NetlinkFormatException {
        Attributes top = IpvsMessages.replyAttributes(message, IpvsMessages.IPVS_CMD_NEW_DEST);
        if (!top.has(IpvsMessages.IPVS_CMD_ATTR_DEST)) {
            throw new NetlinkFormatException("IPVS_CMD_NEW_DEST without IPVS_CMD_ATTR_DEST");
        }
        Attributes a = top.nested(IpvsMessages.IPVS_CMD_ATTR_DEST);
        AddressFamily family = a.has(IPVS_DEST_ATTR_ADDR_FAMILY)
                ? AddressFamily.fromCode(a.u16(IPVS_DEST_ATTR_ADDR_FAMILY, 0)) : serviceFamily;
        InetAddress address = IpvsMessages.address(a, IPVS_DEST_ATTR_ADDR, family, "IPVS_DEST_ATTR_ADDR");
        if (!a.has(IPVS_DEST_ATTR_PORT) || !a.has(IPVS_DEST_ATTR_FWD_METHOD)) {
            throw new NetlinkFormatException("IPVS destination " + address.getHostAddress() + " without PORT or FWD_METHOD");
        }
        long weight = a.u32(IPVS_DEST_ATTR_WEIGHT, 0);
        if (weight > Integer.MAX_VALUE) {
            throw new NetlinkFormatException("IPVS destination weight out of range: " + weight);
        }
        try {
            return new IpvsDestination(address, IpvsMessages.be16(a, IPVS_DEST_ATTR_PORT, "IPVS_DEST_ATTR_PORT"),
                    ForwardingMethod.fromCode(a.u32(IPVS_DEST_ATTR_FWD_METHOD, 0)), (int) weight,
                    a.u32(IPVS_DEST_ATTR_U_THRESH, 0), a.u32(IPVS_DEST_ATTR_L_THRESH, 0),
                    TunnelType.fromCode(a.u8(IPVS_DEST_ATTR_TUN_TYPE, 0)),
                    IpvsMessages.be16(a, IPVS_DEST_ATTR_TUN_PORT, "IPVS_DEST_ATTR_TUN_PORT"),
                    TunnelChecksum.fromCode(a.u16(IPVS_DEST_ATTR_TUN_FLAGS, 0)),
                    a.u32(IPVS_DEST_ATTR_ACTIVE_CONNS, 0), a.u32(IPVS_DEST_ATTR_INACT_CONNS, 0),
                    a.u32(IPVS_DEST_ATTR_PERSIST_CONNS, 0),
                    StatsAttributes.decode(a, IPVS_DEST_ATTR_STATS, IPVS_DEST_ATTR_STATS64));
        } catch (IllegalArgumentException e) {
            throw new NetlinkFormatException("bad IPVS destination: " + e.getMessage());
        }
    }
}
