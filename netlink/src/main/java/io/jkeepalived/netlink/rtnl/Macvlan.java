package io.jkeepalived.netlink.rtnl;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A macvlan link as RTM_NEWLINK creates or describes it: keepalived's VMAC interface.
 *
 * @param index       ifi_index; 0 in a create request (the kernel picks it)
 * @param name        IFLA_IFNAME
 * @param parentIndex IFLA_LINK: the interface the macvlan sits on
 * @param mac         IFLA_ADDRESS: six bytes
 * @param mode        IFLA_MACVLAN_MODE inside IFLA_LINKINFO / IFLA_INFO_DATA
 */
public record Macvlan(int index, String name, int parentIndex, byte[] mac, MacvlanMode mode) {
    /** IFNAMSIZ - 1. */
    public static final int MAX_NAME_BYTES = 15;

    public Macvlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES
                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid interface name (1.." + MAX_NAME_BYTES
                    + " bytes, no '/', NUL or blank)");
        }
        if (mac == null || mac.length != 6) {
            throw new IllegalArgumentException("a macvlan needs a 6-byte MAC address");
        }
        mac = mac.clone();
    }

    /**
     * RFC 5798 §7.3: the virtual router MAC, 00-00-5E-00-01-{VRID} for IPv4 and 00-00-5E-00-02-{VRID} for IPv6.
     */
    public static byte[] virtualRouterMac(int vrid, boolean ipv6) {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID " + vrid + " outside 1..255");
        }
        return new byte[] {0, 0, 0x5e, 0, (byte) (ipv6 ? 2 : 1), (byte) vrid};
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Macvlan m && index == m.index && parentIndex == m.parentIndex && name.equals(m.name)
                && Arrays.equals(mac, m.mac) && mode == m.mode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name, parentIndex, Arrays.hashCode(mac), mode);
    }

    @Override
    public String toString() {
        return "Macvlan[" + index + " " + name + "@" + parentIndex + " " + HexFormat.ofDelimiter(":").formatHex(mac)
                + " " + mode + "]";
    }
}
