package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.NetlinkFormatException;

/**
 * Checksum handling of GUE/GRE tunnels, {@code IP_VS_TUNNEL_ENCAP_FLAG_*} of ip_vs.h ({@code IPVS_DEST_ATTR_TUN_FLAGS}).
 * The kernel defines them as bits but ipvsadm and keepalived set exactly one, so a value with both bits is refused.
 */
public enum TunnelChecksum {
    NOCSUM(0),
    CSUM(1),
    REMCSUM(2);

    private final int code;

    TunnelChecksum(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TunnelChecksum fromCode(int code) throws NetlinkFormatException {
        for (TunnelChecksum t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new NetlinkFormatException("unknown IPVS tunnel flags 0x" + Integer.toHexString(code));
    }
}
