package io.jkeepalived.netlink.rtnl;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * An interface address as RTM_NEWADDR describes it, and as RTM_NEWADDR / RTM_DELADDR requests carry it.
 *
 * <p>The kernel's two address attributes differ only on point-to-point links: IFA_LOCAL is the interface's own
 * address and IFA_ADDRESS the peer's; otherwise both hold the same address (IPv6 sends only IFA_ADDRESS).
 *
 * @param index        ifa_index
 * @param family       AF_INET or AF_INET6
 * @param prefixLength ifa_prefixlen
 * @param scope        ifa_scope (RT_SCOPE_*)
 * @param flags        IFA_F_* (the 32-bit IFA_FLAGS when present, else the 8-bit ifa_flags)
 * @param address      IFA_ADDRESS or null
 * @param local        IFA_LOCAL or null
 * @param broadcast    IFA_BROADCAST (IPv4 only) or null
 * @param label        IFA_LABEL (IPv4 only, at most 15 bytes) or null
 */
public record Address(int index, int family, int prefixLength, int scope, int flags, InetAddress address,
                      InetAddress local, InetAddress broadcast, String label) {
    /** IFA_F_* of linux/if_addr.h. */
    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_OPTIMISTIC = 0x04;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_HOMEADDRESS = 0x10;
    public static final int IFA_F_DEPRECATED = 0x20;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;
    public static final int IFA_F_MANAGETEMPADDR = 0x100;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;
    public static final int IFA_F_MCAUTOJOIN = 0x400;

    /** IFNAMSIZ - 1: the kernel's limit for a label. */
    public static final int MAX_LABEL_BYTES = 15;

    public Address {
        if (family != Rtnetlink.AF_INET && family != Rtnetlink.AF_INET6) {
            throw new IllegalArgumentException("address family must be AF_INET (2) or AF_INET6 (10), not " + family);
        }
        int max = family == Rtnetlink.AF_INET ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0.." + max);
        }
        if (scope < 0 || scope > 255) {
            throw new IllegalArgumentException("scope " + scope + " outside 0..255");
        }
        checkFamily("address", address, family);
        checkFamily("local", local, family);
        checkFamily("broadcast", broadcast, family);
        if (label != null) {
            byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0 || bytes.length > MAX_LABEL_BYTES || label.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("label '" + label + "' must be 1.." + MAX_LABEL_BYTES + " bytes without NUL");
            }
        }
    }

    private static void checkFamily(String what, InetAddress a, int family) {
        if (a != null && (family == Rtnetlink.AF_INET ? !(a instanceof Inet4Address) : !(a instanceof Inet6Address))) {
            throw new IllegalArgumentException(what + " " + a.getHostAddress() + " is not of family " + family);
        }
    }

    /**
     * The usual request for adding a (virtual) address: IFA_LOCAL and IFA_ADDRESS both {@code ip}, global scope,
     * no flags, no label.
     */
    public static Address of(int index, InetAddress ip, int prefixLength) {
        int family = ip instanceof Inet4Address ? Rtnetlink.AF_INET : Rtnetlink.AF_INET6;
        return new Address(index, family, prefixLength, Rtnetlink.RT_SCOPE_UNIVERSE, 0, ip, ip, null, null);
    }

    public Address withLabel(String newLabel) {
        return new Address(index, family, prefixLength, scope, flags, address, local, broadcast, newLabel);
    }

    public Address withFlags(int newFlags) {
        return new Address(index, family, prefixLength, scope, newFlags, address, local, broadcast, label);
    }

    public Address withScope(int newScope) {
        return new Address(index, family, prefixLength, newScope, flags, address, local, broadcast, label);
    }

    public Address withBroadcast(InetAddress newBroadcast) {
        return new Address(index, family, prefixLength, scope, flags, address, local, newBroadcast, label);
    }

    /** The interface's own address: IFA_LOCAL when present, else IFA_ADDRESS. */
    public InetAddress ip() {
        return local != null ? local : address;
    }

    @Override
    public String toString() {
        InetAddress ip = ip();
        return "Address[" + index + " " + (ip == null ? "?" : ip.getHostAddress()) + "/" + prefixLength
                + " scope " + scope + " flags=0x" + Integer.toHexString(flags)
                + (address != null && !address.equals(ip) ? " peer " + address.getHostAddress() : "")
                + (broadcast == null ? "" : " brd " + broadcast.getHostAddress())
                + (label == null ? "" : " label " + label) + "]";
    }
}
