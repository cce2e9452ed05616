package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NlMsgHeader;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE: {@code struct rtmsg} of linux/rtnetlink.h (12 bytes, host order)
 * followed by RTA_* attributes.
 *
 * <pre>
 *  0 u8  rtm_family
 *  1 u8  rtm_dst_len
 *  2 u8  rtm_src_len
 *  3 u8  rtm_tos
 *  4 u8  rtm_table     RT_TABLE_UNSPEC when the id is above 255 (then RTA_TABLE)
 *  5 u8  rtm_protocol  RTPROT_*
 *  6 u8  rtm_scope     RT_SCOPE_*
 *  7 u8  rtm_type      RTN_*
 *  8 u32 rtm_flags     RTM_F_*, RTNH_F_ONLINK
 * </pre>
 *
 * RTA_MULTIPATH holds {@code struct rtnexthop} records (8 bytes: u16 rtnh_len, u8 rtnh_flags, u8 rtnh_hops =
 * weight - 1, s32 rtnh_ifindex), each followed by its own attributes (RTA_GATEWAY).
 */
public final class RtMsg {
    public static final int FAMILY = 0;
    public static final int DST_LEN = 1;
    public static final int SRC_LEN = 2;
    public static final int TOS = 3;
    public static final int TABLE = 4;
    public static final int PROTOCOL = 5;
    public static final int SCOPE = 6;
    public static final int TYPE = 7;
    public static final int FLAGS = 8;
    public static final int SIZE = 12;

    /** RTA_* of linux/rtnetlink.h. */
    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_IIF = 3;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_TABLE = 15;

    /** struct rtnexthop. */
    public static final int RTNH_LEN = 0;
    public static final int RTNH_FLAGS = 2;
    public static final int RTNH_HOPS = 3;
    public static final int RTNH_IFINDEX = 4;
    public static final int RTNH_SIZE = 8;

    private RtMsg() {
    }

    /** RTM_GETROUTE with NLM_F_DUMP for one family. */
    public static ByteBuffer dumpRequest(int seq, int family) {
        MessageBuilder b = new MessageBuilder(Rtnetlink.RTM_GETROUTE, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_DUMP, seq);
        b.putStruct(SIZE).put(FAMILY, (byte) family);
        return b.build();
    }

    /**
     * RTM_NEWROUTE as keepalived sends it: create, replacing nothing, without NLM_F_EXCL, acknowledged. IPv4 still
     * answers EEXIST for an identical route; IPv6 appends a path to an existing one.
     */
    public static ByteBuffer newRoute(int seq, IpRoute r) {
        return encode(Rtnetlink.RTM_NEWROUTE, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK | NlMsgHeader.NLM_F_CREATE, seq, r);
    }

    /** RTM_DELROUTE, acknowledged; ESRCH when no route matches. */
    public static ByteBuffer deleteRoute(int seq, IpRoute r) {
        return encode(Rtnetlink.RTM_DELROUTE, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK, seq, r);
    }

    /** Encodes any route message; attributes in keepalived's order (table, dst, src, prefsrc, gateway, oif, ...). */
    public static ByteBuffer encode(int type, int flags, int seq, IpRoute r) {
        MessageBuilder b = new MessageBuilder(type, flags, seq);
        ByteBuffer h = b.putStruct(SIZE);
        h.put(FAMILY, (byte) r.family());
        h.put(DST_LEN, (byte) r.dstLength());
        h.put(SRC_LEN, (byte) r.srcLength());
        h.put(TABLE, (byte) (r.table() < 256 ? r.table() : IpRoute.RT_TABLE_UNSPEC));
        h.put(PROTOCOL, (byte) r.protocol());
        h.put(SCOPE, (byte) r.scope());
        h.put(TYPE, (byte) r.type());
        h.putInt(FLAGS, r.flags());
        if (r.table() >= 256) {
            b.attrU32(RTA_TABLE, (int) r.table());
        }
        if (r.destination() != null) {
            b.attr(RTA_DST, r.destination().getAddress());
        }
        if (r.source() != null) {
            b.attr(RTA_SRC, r.source().getAddress());
        }
        if (r.preferredSource() != null) {
            b.attr(RTA_PREFSRC, r.preferredSource().getAddress());
        }
        if (r.gateway() != null) {
            b.attr(RTA_GATEWAY, r.gateway().getAddress());
        }
        if (r.outputIndex() != 0) {
            b.attrU32(RTA_OIF, r.outputIndex());
        }
        if (r.metric() >= 0) {
            b.attrU32(RTA_PRIORITY, (int) r.metric());
        }
        if (!r.nexthops().isEmpty()) {
            b.attr(RTA_MULTIPATH, multipath(r.nexthops()));
        }
        return b.build();
    }

    private static byte[] multipath(List<IpRoute.Nexthop> hops) {
        ByteBuffer out = ByteBuffer.allocate(hops.size() * (RTNH_SIZE + 4 + 16)).order(ByteOrder.nativeOrder());
        for (IpRoute.Nexthop n : hops) {
            int start = out.position();
            byte[] gw = n.gateway() == null ? null : n.gateway().getAddress();
            int len = RTNH_SIZE + (gw == null ? 0 : Attributes.NLA_HDRLEN + gw.length);
            out.putShort((short) len);
            out.put((byte) n.flags());
            out.put((byte) (n.weight() - 1));
            out.putInt(n.outputIndex());
            if (gw != null) {
                out.putShort((short) (Attributes.NLA_HDRLEN + gw.length));
                out.putShort((short) RTA_GATEWAY);
                out.put(gw);
            }
            out.position(start + NlMsgHeader.align(len)); // gateways are 4 or 16 bytes: already aligned
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    /** Decodes an RTM_NEWROUTE or RTM_DELROUTE message (a dump part or a notification) of AF_INET or AF_INET6. */
    public static IpRoute decode(NetlinkMessage message) throws NetlinkFormatException {
        if (message.type() != Rtnetlink.RTM_NEWROUTE && message.type() != Rtnetlink.RTM_DELROUTE) {
            throw new NetlinkFormatException("expected RTM_NEWROUTE or RTM_DELROUTE, got " + Rtnetlink.typeName(message.type()));
        }
        ByteBuffer p = message.payload();
        if (p.remaining() < SIZE) {
            throw new NetlinkFormatException("rtmsg needs " + SIZE + " bytes, message has " + p.remaining());
        }
        int family = Byte.toUnsignedInt(p.get(FAMILY));
        if (family != Rtnetlink.AF_INET && family != Rtnetlink.AF_INET6) {
            throw new NetlinkFormatException("route family " + family + " is neither AF_INET nor AF_INET6");
        }
        Attributes attrs = Attributes.parse(p.slice(SIZE, p.limit() - SIZE));
        long table = attrs.u32(RTA_TABLE, Byte.toUnsignedInt(p.get(TABLE)));
        List<IpRoute.Nexthop> hops = new ArrayList<>();
        for (Attributes.Attribute mp : attrs.all(RTA_MULTIPATH)) {
            hops.addAll(nexthops(mp.value(), family));
        }
        try {
            return new IpRoute(family, Byte.toUnsignedInt(p.get(TYPE)), table, Byte.toUnsignedInt(p.get(PROTOCOL)),
                    Byte.toUnsignedInt(p.get(SCOPE)), p.getInt(FLAGS), ip(attrs.bytes(RTA_DST), family),
                    Byte.toUnsignedInt(p.get(DST_LEN)), ip(attrs.bytes(RTA_SRC), family), Byte.toUnsignedInt(p.get(SRC_LEN)),
                    ip(attrs.bytes(RTA_PREFSRC), family), ip(attrs.bytes(RTA_GATEWAY), family),
                    (int) attrs.u32(RTA_OIF, 0), attrs.u32(RTA_PRIORITY, -1), hops);
        } catch (IllegalArgumentException e) {
            throw new NetlinkFormatException("bad route message: " + e.getMessage());
        }
    }

    private static List<IpRoute.Nexthop> nexthops(ByteBuffer value, int family) throws NetlinkFormatException {
        ByteBuffer v = value.slice().order(ByteOrder.nativeOrder());
        List<IpRoute.Nexthop> out = new ArrayList<>();
        int pos = 0;
        // each record is at least RTNH_SIZE bytes, so the loop is bounded by the attribute's size
        while (v.limit() - pos >= RTNH_SIZE) {
            int len = Short.toUnsignedInt(v.getShort(pos + RTNH_LEN));
            if (len < RTNH_SIZE || len > v.limit() - pos) {
                throw new NetlinkFormatException("rtnexthop at offset " + pos + " has length " + len + ", but "
                        + (v.limit() - pos) + " bytes remain (minimum " + RTNH_SIZE + ")");
            }
            Attributes a = Attributes.parse(v.slice(pos + RTNH_SIZE, len - RTNH_SIZE));
            out.add(new IpRoute.Nexthop(ip(a.bytes(RTA_GATEWAY), family), v.getInt(pos + RTNH_IFINDEX),
                    Byte.toUnsignedInt(v.get(pos + RTNH_HOPS)) + 1, Byte.toUnsignedInt(v.get(pos + RTNH_FLAGS))));
            pos += Math.min(NlMsgHeader.align(len), v.limit() - pos);
        }
        return out;
    }

    static InetAddress ip(byte[] raw, int family) throws NetlinkFormatException {
        if (raw == null) {
            return null;
        }
        int expected = family == Rtnetlink.AF_INET ? 4 : 16;
        if (raw.length != expected) {
            throw new NetlinkFormatException("address attribute has " + raw.length + " bytes, family " + family
                    + " needs " + expected);
        }
        try {
            return family == Rtnetlink.AF_INET ? Inet4Address.getByAddress(raw) : Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            throw new NetlinkFormatException("address attribute: " + e.getMessage());
        }
    }
}
