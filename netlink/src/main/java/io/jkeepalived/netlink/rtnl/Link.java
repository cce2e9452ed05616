package io.jkeepalived.netlink.rtnl;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A network interface as RTM_NEWLINK describes it.
 *
 * @param index           ifi_index
 * @param name            IFLA_IFNAME
 * @param flags           ifi_flags (IFF_* of linux/if.h)
 * @param mtu             IFLA_MTU, 0 when absent
 * @param hardwareAddress IFLA_ADDRESS, or null when the link has none (e.g. tun, some tunnels)
 * @param kind            IFLA_INFO_KIND inside IFLA_LINKINFO ("dummy", "veth", "macvlan", ...), or null
 */
public record Link(int index, String name, int flags, int mtu, byte[] hardwareAddress, String kind) {
    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;

    public Link {
        Objects.requireNonNull(name, "name");
        hardwareAddress = hardwareAddress == null ? null : hardwareAddress.clone();
    }

    /** Administratively up (IFF_UP). */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /** Operationally running (IFF_RUNNING: up and carrier). */
    public boolean isRunning() {
        return (flags & IFF_RUNNING) != 0;
    }

    @Override
    public byte[] hardwareAddress() {
        return hardwareAddress == null ? null : hardwareAddress.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Link l && index == l.index && flags == l.flags && mtu == l.mtu && name.equals(l.name)
                && Arrays.equals(hardwareAddress, l.hardwareAddress) && Objects.equals(kind, l.kind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name, flags, mtu, Arrays.hashCode(hardwareAddress), kind);
    }

    @Override
    public String toString() {
        return "Link[" + index + " " + name + " flags=0x" + Integer.toHexString(flags) + " mtu=" + mtu
                + (hardwareAddress == null ? "" : " hw=" + HexFormat.ofDelimiter(":").formatHex(hardwareAddress))
                + (kind == null ? "" : " kind=" + kind) + "]";
    }
}
