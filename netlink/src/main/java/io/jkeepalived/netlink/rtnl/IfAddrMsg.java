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

/**
 * RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR: {@code struct ifaddrmsg} of linux/if_addr.h (8 bytes, host order)
 * followed by IFA_* attributes.
 *
 * <pre>
 *  0 u8  ifa_family
 *  1 u8  ifa_prefixlen
 *  2 u8  ifa_flags     IFA_F_* (low 8 bits; IFA_FLAGS carries all 32)
 *  3 u8  ifa_scope     RT_SCOPE_*
 *  4 u32 ifa_index
 * </pre>
 */
public final class IfAddrMsg {
    public static final int FAMILY = 0;
    public static final int PREFIXLEN = 1;
    public static final int FLAGS = 2;
    public static final int SCOPE = 3;
    public static final int INDEX = 4;
    public static final int SIZE = 8;

    /** IFA_* of linux/if_addr.h. */
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_ANYCAST = 5;
    public static final int IFA_CACHEINFO = 6;
    public static final int IFA_MULTICAST = 7;
    public static final int IFA_FLAGS = 8;

    private IfAddrMsg() {
    }

    /** RTM_GETADDR with NLM_F_DUMP for one family (AF_UNSPEC: all). */
    public static ByteBuffer dumpRequest(int seq, int family) {
        MessageBuilder b = new MessageBuilder(Rtnetlink.RTM_GETADDR, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_DUMP, seq);
        b.putStruct(SIZE).put(FAMILY, (byte) family);
        return b.build();
    }

    /** RTM_NEWADDR as {@code ip addr add} sends it: create, fail if it exists (EEXIST), acknowledge. */
    public static ByteBuffer newAddress(int seq, Address a) {
        return encode(Rtnetlink.RTM_NEWADDR,
                NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK | NlMsgHeader.NLM_F_CREATE | NlMsgHeader.NLM_F_EXCL, seq, a);
    }

    /** RTM_DELADDR, acknowledged; EADDRNOTAVAIL when there is no such address. */
    public static ByteBuffer deleteAddress(int seq, Address a) {
        return encode(Rtnetlink.RTM_DELADDR, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK, seq, a);
    }

    /**
     * Encodes any address message. Attribute order follows iproute2 (IFA_LOCAL, IFA_ADDRESS, IFA_BROADCAST,
     * IFA_LABEL, IFA_FLAGS). IFA_FLAGS is sent whenever flags are set, because ifa_flags has only 8 bits and
     * IPv6 reads the full set (IFA_F_NODAD, IFA_F_NOPREFIXROUTE) from it.
     */
    public static ByteBuffer encode(int type, int flags, int seq, Address a) {
        MessageBuilder b = new MessageBuilder(type, flags, seq);
        ByteBuffer h = b.putStruct(SIZE);
        h.put(FAMILY, (byte) a.family());
        h.put(PREFIXLEN, (byte) a.prefixLength());
        h.put(FLAGS, (byte) a.flags());
        h.put(SCOPE, (byte) a.scope());
        h.putInt(INDEX, a.index());
        if (a.local() != null) {
            b.attr(IFA_LOCAL, a.local().getAddress());
        }
        if (a.address() != null) {
            b.attr(IFA_ADDRESS, a.address().getAddress());
        }
        if (a.broadcast() != null) {
            b.attr(IFA_BROADCAST, a.broadcast().getAddress());
        }
        if (a.label() != null) {
            b.attrString(IFA_LABEL, a.label());
        }
        if (a.flags() != 0) {
            b.attrU32(IFA_FLAGS, a.flags());
        }
        return b.build();
    }

    /** Decodes an RTM_NEWADDR or RTM_DELADDR message (a dump part or a notification). */
    public static Address decode(NetlinkMessage message) throws NetlinkFormatException {
        if (message.type() != Rtnetlink.RTM_NEWADDR && message.type() != Rtnetlink.RTM_DELADDR) {
            throw new NetlinkFormatException("expected RTM_NEWADDR or RTM_DELADDR, got " + Rtnetlink.typeName(message.type()));
        }
        ByteBuffer p = message.payload();
        if (p.remaining() < SIZE) {
            throw new NetlinkFormatException("ifaddrmsg needs " + SIZE + " bytes, message has " + p.remaining());
        }
        int family = Byte.toUnsignedInt(p.get(FAMILY));
        if (family != Rtnetlink.AF_INET && family != Rtnetlink.AF_INET6) {
            throw new NetlinkFormatException("address family " + family + " is neither AF_INET nor AF_INET6");
        }
        Attributes attrs = Attributes.parse(p.slice(SIZE, p.limit() - SIZE));
        int flags = (int) attrs.u32(IFA_FLAGS, Byte.toUnsignedInt(p.get(FLAGS)));
        try {
            return new Address(p.getInt(INDEX), family, Byte.toUnsignedInt(p.get(PREFIXLEN)), Byte.toUnsignedInt(p.get(SCOPE)),
                    flags, ip(attrs, IFA_ADDRESS, family), ip(attrs, IFA_LOCAL, family), ip(attrs, IFA_BROADCAST, family),
                    attrs.has(IFA_LABEL) ? attrs.string(IFA_LABEL) : null);
        } catch (IllegalArgumentException e) {
            throw new NetlinkFormatException("bad address message: " + e.getMessage());
        }
    }

    private static InetAddress ip(Attributes attrs, int type, int family) throws NetlinkFormatException {
        byte[] raw = attrs.bytes(type);
        if (raw == null) {
            return null;
        }
        int expected = family == Rtnetlink.AF_INET ? 4 : 16;
        if (raw.length != expected) {
            throw new NetlinkFormatException("IFA attribute " + type + " has " + raw.length + " bytes, family " + family + " needs " + expected);
        }
        try {
            // Inet6Address.getByAddress keeps ::ffff:a.b.c.d an IPv6 address; InetAddress.getByAddress would not.
            return family == Rtnetlink.AF_INET ? Inet4Address.getByAddress(raw) : Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            throw new NetlinkFormatException("IFA attribute " + type + ": " + e.getMessage());
        }
    }
}
