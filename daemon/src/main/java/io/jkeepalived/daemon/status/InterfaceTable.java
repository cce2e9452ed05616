package io.jkeepalived.daemon.status;

import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.Link;
import io.jkeepalived.netlink.rtnl.RouteNetlink;
import io.jkeepalived.netlink.rtnl.Rtnetlink;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Reads the interfaces for the data dump (a netlink dump at the time of the signal). */
final class InterfaceTable {
    private InterfaceTable() {
    }

    /** Every interface by index; {@code vips} (address text) are not listed as additional addresses. */
    static List<InterfaceFacts> read(Set<String> vips) throws IOException {
        try (RouteNetlink rtnl = RouteNetlink.open()) {
            List<Address> addresses = rtnl.addresses(Rtnetlink.AF_UNSPEC);
            List<InterfaceFacts> out = new ArrayList<>();
            for (Link l : rtnl.links()) {
                String v4 = null;
                String v6 = null;
                List<String> more = new ArrayList<>();
                for (Address a : addresses) {
                    if (a.index() != l.index()) {
                        continue;
                    }
                    String text = InetText.ntop(a.ip().getAddress());
                    if (a.ip() instanceof Inet4Address) {
                        if (vips.contains(text)) {
                            continue;
                        }
                        if (v4 == null && (a.flags() & Address.IFA_F_SECONDARY) == 0) {
                            v4 = text;
                        } else {
                            more.add(text);
                        }
                    } else if (a.ip() instanceof Inet6Address && a.ip().isLinkLocalAddress() && v6 == null) {
                        v6 = text;
                    }
                }
                out.add(new InterfaceFacts(l.index(), l.name(), v4, more, v6, l.hardwareAddress(), l.flags(), l.mtu()));
            }
            out.sort(Comparator.comparingInt(InterfaceFacts::index));
            return out;
        }
    }
}
