package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;

/**
 * The counters nested in {@code IPVS_SVC_ATTR_STATS(64)} and {@code IPVS_DEST_ATTR_STATS(64)}, {@code IPVS_STATS_ATTR_*}
 * of ip_vs.h. In STATS connection and packet counts and the rates are u32 and the byte counts u64
 * (ip_vs_ctl.c {@code ip_vs_genl_fill_stats}); in STATS64 everything is u64 ({@code ip_vs_genl_fill_stats64}).
 * u64 attributes are host order and may be preceded by an IPVS_STATS_ATTR_PAD for alignment.
 */
public final class StatsAttributes {
    public static final int IPVS_STATS_ATTR_CONNS = 1;
    public static final int IPVS_STATS_ATTR_INPKTS = 2;
    public static final int IPVS_STATS_ATTR_OUTPKTS = 3;
    public static final int IPVS_STATS_ATTR_INBYTES = 4;
    public static final int IPVS_STATS_ATTR_OUTBYTES = 5;
    public static final int IPVS_STATS_ATTR_CPS = 6;
    public static final int IPVS_STATS_ATTR_INPPS = 7;
    public static final int IPVS_STATS_ATTR_OUTPPS = 8;
    public static final int IPVS_STATS_ATTR_INBPS = 9;
    public static final int IPVS_STATS_ATTR_OUTBPS = 10;
    public static final int IPVS_STATS_ATTR_PAD = 11;

    private StatsAttributes() {
    }

    /** The counters of a service or destination: STATS64 when present, else STATS, else null. */
    static IpvsStats decode(Attributes parent, int stats32Type, int stats64Type) throws NetlinkFormatException {
        if (parent.has(stats64Type)) {
            return decode64(parent.nested(stats64Type));
        }
        if (parent.has(stats32Type)) {
            return decode32(parent.nested(stats32Type));
        }
        return null;
    }

    static IpvsStats decode64(Attributes a) throws NetlinkFormatException {
        return new IpvsStats(u64(a, IPVS_STATS_ATTR_CONNS), u64(a, IPVS_STATS_ATTR_INPKTS), u64(a, IPVS_STATS_ATTR_OUTPKTS),
                u64(a, IPVS_STATS_ATTR_INBYTES), u64(a, IPVS_STATS_ATTR_OUTBYTES), u64(a, IPVS_STATS_ATTR_CPS),
                u64(a, IPVS_STATS_ATTR_INPPS), u64(a, IPVS_STATS_ATTR_OUTPPS), u64(a, IPVS_STATS_ATTR_INBPS),
                u64(a, IPVS_STATS_ATTR_OUTBPS));
    }

    static IpvsStats decode32(Attributes a) throws NetlinkFormatException {
        return new IpvsStats(a.u32(IPVS_STATS_ATTR_CONNS, 0), a.u32(IPVS_STATS_ATTR_INPKTS, 0), a.u32(IPVS_STATS_ATTR_OUTPKTS, 0),
                u64(a, IPVS_STATS_ATTR_INBYTES), u64(a, IPVS_STATS_ATTR_OUTBYTES), a.u32(IPVS_STATS_ATTR_CPS, 0),
                a.u32(IPVS_STATS_ATTR_INPPS, 0), a.u32(IPVS_STATS_ATTR_OUTPPS, 0), a.u32(IPVS_STATS_ATTR_INBPS, 0),
                a.u32(IPVS_STATS_ATTR_OUTBPS, 0));
    }

    private static long u64(Attributes a, int type) throws NetlinkFormatException {
        return IpvsMessages.u64(a, type, "IPVS stats attribute " + type);
    }

    /** Writes both nests as the kernel does (for fakes and round-trip tests; the kernel ignores stats in requests). */
    static void encode(MessageBuilder b, int stats32Type, int stats64Type, IpvsStats s) {
        int n = b.beginNested(stats32Type);
        b.attrU32(IPVS_STATS_ATTR_CONNS, (int) s.connections());
        b.attrU32(IPVS_STATS_ATTR_INPKTS, (int) s.inPackets());
        b.attrU32(IPVS_STATS_ATTR_OUTPKTS, (int) s.outPackets());
        b.attr(IPVS_STATS_ATTR_INBYTES, u64(s.inBytes()));
        b.attr(IPVS_STATS_ATTR_OUTBYTES, u64(s.outBytes()));
        b.attrU32(IPVS_STATS_ATTR_CPS, (int) s.connectionRate());
        b.attrU32(IPVS_STATS_ATTR_INPPS, (int) s.inPacketRate());
        b.attrU32(IPVS_STATS_ATTR_OUTPPS, (int) s.outPacketRate());
        b.attrU32(IPVS_STATS_ATTR_INBPS, (int) s.inByteRate());
        b.attrU32(IPVS_STATS_ATTR_OUTBPS, (int) s.outByteRate());
        b.endNested(n);
        n = b.beginNested(stats64Type);
        long[] all = {s.connections(), s.inPackets(), s.outPackets(), s.inBytes(), s.outBytes(), s.connectionRate(),
            s.inPacketRate(), s.outPacketRate(), s.inByteRate(), s.outByteRate()};
        for (int i = 0; i < all.length; i++) {
            b.attr(IPVS_STATS_ATTR_CONNS + i, u64(all[i]));
        }
        b.endNested(n);
    }

    private static byte[] u64(long v) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder()).putLong(v).array();
    }
}
