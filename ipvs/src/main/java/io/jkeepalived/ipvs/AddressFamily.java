package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.NetlinkFormatException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The address families IPVS accepts ({@code IPVS_SVC_ATTR_AF}, {@code IPVS_DEST_ATTR_ADDR_FAMILY}; linux/socket.h). */
public enum AddressFamily {
    INET(2, 4, "IPv4"),
    INET6(10, 16, "IPv6");

    private final int code;
    private final int addressLength;
    private final String label;

    AddressFamily(int code, int addressLength, String label) {
        this.code = code;
        this.addressLength = addressLength;
        this.label = label;
    }

    /** AF_INET / AF_INET6. */
    public int code() {
        return code;
    }

    /** Bytes of an address of this family. */
    public int addressLength() {
        return addressLength;
    }

    public String label() {
        return label;
    }

    public static AddressFamily of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return INET;
        }
        if (address instanceof Inet6Address) {
            return INET6;
        }
        throw new IllegalArgumentException("not an IP address: " + address);
    }

    public static AddressFamily fromCode(int code) throws NetlinkFormatException {
        for (AddressFamily f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new NetlinkFormatException("unknown IPVS address family " + code + " (expected AF_INET 2 or AF_INET6 10)");
    }
}
