package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.NetlinkFormatException;

/** The transport protocol of a virtual service ({@code IPVS_SVC_ATTR_PROTOCOL}, IPPROTO_* of linux/in.h). */
public enum IpvsProtocol {
    TCP(6),
    UDP(17),
    SCTP(132);

    private final int number;

    IpvsProtocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static IpvsProtocol fromNumber(int number) throws NetlinkFormatException {
        for (IpvsProtocol p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new NetlinkFormatException("unknown IPVS service protocol " + number + " (expected TCP 6, UDP 17 or SCTP 132)");
    }
}
