package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.NetlinkFormatException;

/**
 * How a destination is reached, {@code IP_VS_CONN_F_*} & {@code IP_VS_CONN_F_FWD_MASK} of ip_vs.h. Names are the
 * kernel's; keepalived's {@code lb_kind} words and ipvsadm's column are given for each. LOCAL_NODE is never
 * requested: the kernel switches to it when a destination address is local.
 */
public enum ForwardingMethod {
    /** keepalived NAT, ipvsadm "Masq". */
    MASQ(0x0, "NAT", "Masq"),
    /** ipvsadm "Local". */
    LOCAL_NODE(0x1, "LOCAL", "Local"),
    /** keepalived TUN, ipvsadm "Tunnel". */
    TUNNEL(0x2, "TUN", "Tunnel"),
    /** keepalived DR, ipvsadm "Route". */
    DIRECT_ROUTE(0x3, "DR", "Route"),
    /** ipvsadm "Bypass". */
    BYPASS(0x4, "BYPASS", "Bypass");

    public static final int FWD_MASK = 0x7;

    private final int code;
    private final String keepalivedName;
    private final String ipvsadmName;

    ForwardingMethod(int code, String keepalivedName, String ipvsadmName) {
        this.code = code;
        this.keepalivedName = keepalivedName;
        this.ipvsadmName = ipvsadmName;
    }

    public int code() {
        return code;
    }

    /** keepalived's lb_kind word (NAT, DR, TUN). */
    public String keepalivedName() {
        return keepalivedName;
    }

    /** What {@code ipvsadm -Ln} prints in the Forward column. */
    public String ipvsadmName() {
        return ipvsadmName;
    }

    /** The method in the low bits of {@code IPVS_DEST_ATTR_FWD_METHOD}; the kernel masks the rest off too. */
    public static ForwardingMethod fromCode(long value) throws NetlinkFormatException {
        int code = (int) (value & FWD_MASK);
        for (ForwardingMethod m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new NetlinkFormatException("unknown IPVS forwarding method " + code);
    }
}
