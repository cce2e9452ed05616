package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * Virtual services: IPVS_CMD_NEW/SET/DEL/GET_SERVICE requests and the IPVS_CMD_NEW_SERVICE replies of a dump, with
 * the {@code IPVS_SVC_ATTR_*} attributes of ip_vs.h nested in {@code IPVS_CMD_ATTR_SERVICE}, in the order the kernel
 * writes them (ip_vs_ctl.c {@code ip_vs_genl_fill_service}):
 *
 * <pre>
 *  1 AF          u16  AF_INET 2 / AF_INET6 10
 *  5 FWMARK      u32  a fwmark service has this instead of 2..4 (the kernel files it under TCP)
 *  2 PROTOCOL    u16  IPPROTO_TCP 6 / UDP 17 / SCTP 132
 *  3 ADDR        binary, network order; the kernel sends all 16 bytes of union nf_inet_addr, requests send 4 or 16
 *  4 PORT        __be16, network order
 *  6 SCHED_NAME  NUL-terminated, at most 16 bytes with the NUL
 * 11 PE_NAME     NUL-terminated (optional)
 *  7 FLAGS       struct ip_vs_flags { u32 flags; u32 mask; }, host order
 *  8 TIMEOUT     u32 seconds
 *  9 NETMASK     IPv4: __be32 mask (network order); IPv6: the prefix length as a host-order u32 (ip_vs_add_service
 *                checks it as 1..128)
 * 10 STATS / 12 STATS64   nested counters (replies only), see {@link StatsAttributes}
 * </pre>
 *
 * Identifying a service needs AF and FWMARK or PROTOCOL+ADDR+PORT; NEW and SET also need SCHED_NAME, FLAGS, TIMEOUT
 * and NETMASK ({@code ip_vs_genl_parse_service}).
 */
public final class ServiceMessages {
    public static final int IPVS_SVC_ATTR_AF = 1;
    public static final int IPVS_SVC_ATTR_PROTOCOL = 2;
    public static final int IPVS_SVC_ATTR_ADDR = 3;
    public static final int IPVS_SVC_ATTR_PORT = 4;
    public static final int IPVS_SVC_ATTR_FWMARK = 5;
    public static final int IPVS_SVC_ATTR_SCHED_NAME = 6;
    public static final int IPVS_SVC_ATTR_FLAGS = 7;
    public static final int IPVS_SVC_ATTR_TIMEOUT = 8;
    public static final int IPVS_SVC_ATTR_NETMASK = 9;
    public static final int IPVS_SVC_ATTR_STATS = 10;
    public static final int IPVS_SVC_ATTR_PE_NAME = 11;
    public static final int IPVS_SVC_ATTR_STATS64 = 12;

    /** struct ip_vs_flags: u32 flags at 0, u32 mask at 4. */
    static final int FLAGS_FLAGS = 0;
    static final int FLAGS_MASK = 4;
    static final int FLAGS_SIZE = 8;

    private ServiceMessages() {
    }

    /** IPVS_CMD_NEW_SERVICE: adds {@code service} (EEXIST when it exists). */
    public static ByteBuffer newService(int familyId, int seq, IpvsService service) {
        MessageBuilder b = IpvsMessages.request(familyId, IpvsMessages.CHANGE, seq, IpvsMessages.IPVS_CMD_NEW_SERVICE);
        putService(b, service);
        return b.build();
    }

    /** IPVS_CMD_SET_SERVICE: replaces scheduler, flags, timeout, netmask and persistence engine (ESRCH when absent). */
    public static ByteBuffer setService(int familyId, int seq, IpvsService service) {
        MessageBuilder b = IpvsMessages.request(familyId, IpvsMessages.CHANGE, seq, IpvsMessages.IPVS_CMD_SET_SERVICE);
        putService(b, service);
        return b.build();
    }

    /** IPVS_CMD_DEL_SERVICE: deletes the service and its destinations. */
    public static ByteBuffer delService(int familyId, int seq, IpvsServiceKey key) {
        return keyed(familyId, IpvsMessages.CHANGE, seq, IpvsMessages.IPVS_CMD_DEL_SERVICE, key);
    }

    /** IPVS_CMD_GET_SERVICE for one service: answered by one IPVS_CMD_NEW_SERVICE, or ESRCH. */
    public static ByteBuffer getService(int familyId, int seq, IpvsServiceKey key) {
        return keyed(familyId, IpvsMessages.CHANGE, seq, IpvsMessages.IPVS_CMD_GET_SERVICE, key);
    }

    /** IPVS_CMD_GET_SERVICE with NLM_F_DUMP: every service, one IPVS_CMD_NEW_SERVICE each. */
    public static ByteBuffer dumpServices(int familyId, int seq) {
        return IpvsMessages.request(familyId, IpvsMessages.DUMP, seq, IpvsMessages.IPVS_CMD_GET_SERVICE).build();
    }

    /** IPVS_CMD_ZERO for one service's counters. */
    public static ByteBuffer zeroService(int familyId, int seq, IpvsServiceKey key) {
        return keyed(familyId, IpvsMessages.CHANGE, seq, IpvsMessages.IPVS_CMD_ZERO, key);
    }

    private static ByteBuffer keyed(int familyId, int flags, int seq, int cmd, IpvsServiceKey key) {
        MessageBuilder b = IpvsMessages.request(familyId, flags, seq, cmd);
        int n = b.beginNested(IpvsMessages.IPVS_CMD_ATTR_SERVICE);
        putKey(b, key);
        b.endNested(n);
        return b.build();
    }

    /** IPVS_CMD_ATTR_SERVICE with only the identifying attributes (destination requests carry this too). */
    static void putKeyNest(MessageBuilder b, IpvsServiceKey key) {
        int n = b.beginNested(IpvsMessages.IPVS_CMD_ATTR_SERVICE);
        putKey(b, key);
        b.endNested(n);
    }

    private static void putKey(MessageBuilder b, IpvsServiceKey key) {
        b.attrU16(IPVS_SVC_ATTR_AF, key.family().code());
        if (key.isFwmark()) {
            b.attrU32(IPVS_SVC_ATTR_FWMARK, key.fwmark());
        } else {
            b.attrU16(IPVS_SVC_ATTR_PROTOCOL, key.protocol().number());
            b.attr(IPVS_SVC_ATTR_ADDR, key.address().getAddress());
            b.attr(IPVS_SVC_ATTR_PORT, IpvsMessages.be16(key.port()));
        }
    }

    private static void putService(MessageBuilder b, IpvsService s) {
        int n = b.beginNested(IpvsMessages.IPVS_CMD_ATTR_SERVICE);
        putKey(b, s.key());
        putSettings(b, s);
        b.endNested(n);
    }

    private static void putSettings(MessageBuilder b, IpvsService s) {
        b.attrString(IPVS_SVC_ATTR_SCHED_NAME, s.scheduler());
        if (s.peName() != null) {
            b.attrString(IPVS_SVC_ATTR_PE_NAME, s.peName());
        }
        // HASHED is the kernel's own bookkeeping: a new service that claims it would never be hashed
        // (ip_vs_svc_hash refuses "already hashed" entries), so requests never carry it. The mask covers every
        // bit, so the request states the whole flag word (as ipvsadm does).
        int bits = ServiceFlag.toBits(s.flags()) & ~ServiceFlag.HASHED.bit();
        ByteBuffer f = ByteBuffer.allocate(FLAGS_SIZE).order(ByteOrder.nativeOrder());
        f.putInt(FLAGS_FLAGS, bits).putInt(FLAGS_MASK, 0xffff_ffff);
        b.attr(IPVS_SVC_ATTR_FLAGS, f.array());
        b.attrU32(IPVS_SVC_ATTR_TIMEOUT, s.timeout());
        putNetmask(b, s.key().family(), s.netmask());
    }

    private static void putNetmask(MessageBuilder b, AddressFamily family, int prefix) {
        if (family == AddressFamily.INET) {
            b.attr(IPVS_SVC_ATTR_NETMASK, IpvsMessages.be32(prefix == 0 ? 0 : -1 << (32 - prefix)));
        } else {
            b.attrU32(IPVS_SVC_ATTR_NETMASK, prefix);
        }
    }

    /** A service as the kernel would send it in a dump (for fakes and round-trip tests). */
    public static ByteBuffer encodeReply(int familyId, int seq, IpvsService s) {
        MessageBuilder b = IpvsMessages.request(familyId, io.jkeepalived.netlink.NlMsgHeader.NLM_F_MULTI, seq,
                IpvsMessages.IPVS_CMD_NEW_SERVICE);
        int n = b.beginNested(IpvsMessages.IPVS_CMD_ATTR_SERVICE);
        b.attrU16(IPVS_SVC_ATTR_AF, s.key().family().code());
        if (s.key().isFwmark()) {
            b.attrU32(IPVS_SVC_ATTR_FWMARK, s.key().fwmark());
        } else {
            b.attrU16(IPVS_SVC_ATTR_PROTOCOL, s.key().protocol().number());
            b.attr(IPVS_SVC_ATTR_ADDR, java.util.Arrays.copyOf(s.key().address().getAddress(), 16));
            b.attr(IPVS_SVC_ATTR_PORT, IpvsMessages.be16(s.key().port()));
        }
        b.attrString(IPVS_SVC_ATTR_SCHED_NAME, s.scheduler());
        if (s.peName() != null) {
            b.attrString(IPVS_SVC_ATTR_PE_NAME, s.peName());
        }
        ByteBuffer f = ByteBuffer.allocate(FLAGS_SIZE).order(ByteOrder.nativeOrder());
        f.putInt(FLAGS_FLAGS, ServiceFlag.toBits(s.flags())).putInt(FLAGS_MASK, 0xffff_ffff);
        b.attr(IPVS_SVC_ATTR_FLAGS, f.array());
        b.attrU32(IPVS_SVC_ATTR_TIMEOUT, s.timeout());
        putNetmask(b, s.key().family(), s.netmask());
        if (s.stats() != null) {
            StatsAttributes.encode(b, IPVS_SVC_ATTR_STATS, IPVS_SVC_ATTR_STATS64, s.stats());
        }
        b.endNested(n);
        return b.build();
    }

    /** Decodes an IPVS_CMD_NEW_SERVICE reply (a dump part or the answer to a GET). */
    public static IpvsService decode(NetlinkMessage message) throws NetlinkFormatException {
        Attributes top = IpvsMessages.replyAttributes(message, IpvsMessages.IPVS_CMD_NEW_SERVICE);
        if (!top.has(IpvsMessages.IPVS_CMD_ATTR_SERVICE)) {
            throw new NetlinkFormatException("IPVS_CMD_NEW_SERVICE without IPVS_CMD_ATTR_SERVICE");
        }
        return decodeService(top.nested(IpvsMessages.IPVS_CMD_ATTR_SERVICE));
    }

    static IpvsService decodeService(Attributes a) throws NetlinkFormatException {
        if (!a.has(IPVS_SVC_ATTR_AF)) {
            throw new NetlinkFormatException("IPVS service without IPVS_SVC_ATTR_AF");
        }
        AddressFamily family = AddressFamily.fromCode(a.u16(IPVS_SVC_ATTR_AF, 0));
        IpvsServiceKey key;
        long fwmark = a.u32(IPVS_SVC_ATTR_FWMARK, 0);
        try {
            if (fwmark != 0) {
                key = IpvsServiceKey.fwmark(family, (int) fwmark);
            } else {
                if (!a.has(IPVS_SVC_ATTR_PROTOCOL) || !a.has(IPVS_SVC_ATTR_PORT)) {
                    throw new NetlinkFormatException("IPVS service without IPVS_SVC_ATTR_FWMARK or PROTOCOL/ADDR/PORT");
                }
                IpvsProtocol protocol = IpvsProtocol.fromNumber(a.u16(IPVS_SVC_ATTR_PROTOCOL, 0));
                key = new IpvsServiceKey(family, protocol,
                        IpvsMessages.address(a, IPVS_SVC_ATTR_ADDR, family, "IPVS_SVC_ATTR_ADDR"),
                        IpvsMessages.be16(a, IPVS_SVC_ATTR_PORT, "IPVS_SVC_ATTR_PORT"), 0);
            }
            String scheduler = a.string(IPVS_SVC_ATTR_SCHED_NAME);
            if (scheduler == null || scheduler.isEmpty()) {
                throw new NetlinkFormatException("IPVS service " + key + " without IPVS_SVC_ATTR_SCHED_NAME");
            }
            String pe = a.string(IPVS_SVC_ATTR_PE_NAME);
            byte[] flagBytes = a.bytes(IPVS_SVC_ATTR_FLAGS);
            if (flagBytes == null || flagBytes.length < 4) {
                throw new NetlinkFormatException("IPVS service " + key + " without a struct ip_vs_flags");
            }
            Set<ServiceFlag> flags = ServiceFlag.fromBits(ByteBuffer.wrap(flagBytes).order(ByteOrder.nativeOrder()).getInt(FLAGS_FLAGS));
            long timeout = a.u32(IPVS_SVC_ATTR_TIMEOUT, 0);
            if (timeout > Integer.MAX_VALUE) {
                throw new NetlinkFormatException("IPVS service " + key + " timeout out of range: " + timeout);
            }
            int netmask = decodeNetmask(a, family, key);
            return new IpvsService(key, scheduler, flags, (int) timeout, netmask, pe == null || pe.isEmpty() ? null : pe,
                    StatsAttributes.decode(a, IPVS_SVC_ATTR_STATS, IPVS_SVC_ATTR_STATS64));
        } catch (IllegalArgumentException e) {
            throw new NetlinkFormatException("bad IPVS service: " + e.getMessage());
        }
    }

    private static int decodeNetmask(Attributes a, AddressFamily family, IpvsServiceKey key) throws NetlinkFormatException {
        byte[] raw = a.bytes(IPVS_SVC_ATTR_NETMASK);
        if (raw == null) {
            return family == AddressFamily.INET ? 32 : 128;
        }
        if (raw.length < 4) {
            throw new NetlinkFormatException("IPVS_SVC_ATTR_NETMASK has " + raw.length + " bytes, needs 4");
        }
        if (family == AddressFamily.INET6) {
            long prefix = Integer.toUnsignedLong(ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder()).getInt(0));
            if (prefix > 128) {
                throw new NetlinkFormatException("IPVS service " + key + " has IPv6 netmask /" + prefix);
            }
            return (int) prefix;
        }
        int mask = ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN).getInt(0);
        int prefix = Integer.bitCount(mask);
        if (mask != (prefix == 0 ? 0 : -1 << (32 - prefix))) {
            // ipvsadm -M accepts any dotted mask; a record of prefix lengths cannot say one with holes.
            throw new NetlinkFormatException("IPVS service " + key + " has a non-contiguous netmask 0x" + Integer.toHexString(mask));
        }
        return prefix;
    }
}
