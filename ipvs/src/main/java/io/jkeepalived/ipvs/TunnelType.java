package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.NetlinkFormatException;

/** Tunnel encapsulation of a TUNNEL destination, {@code IP_VS_CONN_F_TUNNEL_TYPE_*} of ip_vs.h (kernel 5.2+). */
public enum TunnelType {
    IPIP(0),
    GUE(1),
    GRE(2);

    private final int code;

    TunnelType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TunnelType fromCode(int code) throws NetlinkFormatException {
        for (TunnelType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new NetlinkFormatException("unknown IPVS tunnel type " + code + " (expected IPIP 0, GUE 1 or GRE 2)");
    }
}
