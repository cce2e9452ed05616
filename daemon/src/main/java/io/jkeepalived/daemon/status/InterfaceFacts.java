package io.jkeepalived.daemon.status;

import java.util.List;

/**
 * One interface as keepalived's data dump lists it ("------< Interfaces >------", vrrp_if.c dump_if).
 *
 * @param ipv4        the first primary IPv4 address, or null
 * @param moreIpv4    the interface's other IPv4 addresses, VIPs left out (keepalived does not count its own)
 * @param ipv6        the first link-local IPv6 address, or null (keepalived keeps no other IPv6 address)
 * @param mac         the hardware address, or null
 */
public record InterfaceFacts(int index, String name, String ipv4, List<String> moreIpv4, String ipv6, byte[] mac,
                             int flags, int mtu) {
    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_POINTOPOINT = 0x10;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_MULTICAST = 0x1000;

    public InterfaceFacts {
        moreIpv4 = List.copyOf(moreIpv4);
    }
}
