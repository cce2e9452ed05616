package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.netlink.rtnl.Address;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The addresses an instance may send its adverts from, per interface, kept up to date from rtnetlink address
 * events: every IPv4 address, and the IPv6 link-local ones, except our own VIPs (keepalived's
 * ignore_address_if_ours_or_link_local()). An IPv6 address still in duplicate address detection cannot be sent
 * from yet and counts once the kernel reports it usable. Pure: no I/O, driven by the vrrp thread.
 *
 * <p>keepalived keeps an instance's source while the interface has it; when it is removed the instance takes
 * another address of the interface silently, or goes to FAULT when there is none; the first address to appear
 * ends that fault. {@link #choose} gives that answer.
 */
final class SourceAddresses {
    private static final int UNUSABLE = Address.IFA_F_TENTATIVE | Address.IFA_F_DADFAILED;

    private final Map<Integer, LinkedHashSet<InetAddress>> v4 = new HashMap<>();
    private final Map<Integer, LinkedHashSet<InetAddress>> v6 = new HashMap<>();
    private Set<InetAddress> ours;

    /**
     * @param addresses the interfaces' addresses now (an RTM_GETADDR dump), in the kernel's order (primary first)
     * @param ours      our VIPs, never an advert source
     */
    SourceAddresses(List<Address> addresses, Set<InetAddress> ours) {
        this.ours = Set.copyOf(ours);
        reset(addresses);
    }

    /** A reload changed the VIPs: the new ones are no source from now on (removed VIPs leave with their address). */
    void ours(Set<InetAddress> next) {
        ours = Set.copyOf(next);
        v4.values().forEach(set -> set.removeAll(ours));
        v6.values().forEach(set -> set.removeAll(ours));
    }

    /** Forgets everything and reads a fresh dump (after lost netlink events). */
    void reset(List<Address> addresses) {
        v4.clear();
        v6.clear();
        for (Address a : addresses) {
            update(false, a);
        }
    }

    /** One RTM_NEWADDR ({@code removed} false) or RTM_DELADDR. */
    void update(boolean removed, Address a) {
        InetAddress ip = a.ip();
        if (ip == null || ours.contains(ip)) {
            return;
        }
        Map<Integer, LinkedHashSet<InetAddress>> table;
        if (ip instanceof Inet4Address) {
            table = v4;
        } else if (ip instanceof Inet6Address && ip.isLinkLocalAddress()) {
            table = v6;
        } else {
            return;
        }
        LinkedHashSet<InetAddress> set = table.computeIfAbsent(a.index(), k -> new LinkedHashSet<>());
        if (removed || (a.flags() & UNUSABLE) != 0) {
            set.remove(ip);
        } else {
            set.add(ip);
        }
    }

    /**
     * The source an instance on interface {@code ifindex} uses now: {@code current} while the interface still has
     * it, else the interface's first usable address of the family, else null (no address: FAULT).
     */
    InetAddress choose(int ifindex, boolean ipv6, InetAddress current) {
        LinkedHashSet<InetAddress> set = (ipv6 ? v6 : v4).get(ifindex);
        if (set == null || set.isEmpty()) {
            return null;
        }
        if (current != null && set.contains(current)) {
            return current;
        }
        return set.iterator().next();
    }

    /** The usable addresses of an interface and family, in the order they are preferred (for tests and logs). */
    List<InetAddress> usable(int ifindex, boolean ipv6) {
        LinkedHashSet<InetAddress> set = (ipv6 ? v6 : v4).get(ifindex);
        return set == null ? List.of() : new ArrayList<>(set);
    }
}
