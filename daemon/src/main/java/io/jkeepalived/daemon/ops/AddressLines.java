package io.jkeepalived.daemon.ops;

import io.jkeepalived.conf.net.InetText;

import java.net.InetAddress;

/**
 * keepalived's {@code -a} lines. Its VRRP process writes {@code Netlink reflector reports IP ADDR added to IF} /
 * {@code removed from IF} (keepalived_netlink.c), its checker process {@code Netlink reflector reports IP ADDR
 * added} / {@code removed} (check_api.c update_checker_activity); addresses as inet_ntop(3) writes them.
 */
public final class AddressLines {
    private AddressLines() {
    }

    /** The VRRP process's line. */
    public static String vrrp(InetAddress address, boolean added, String interfaceName) {
        return "Netlink reflector reports IP " + InetText.ntop(address.getAddress()) + " "
                + (added ? "added to" : "removed from") + " " + interfaceName;
    }

    /** The checker process's line. */
    public static String checker(InetAddress address, boolean added) {
        return "Netlink reflector reports IP " + InetText.ntop(address.getAddress()) + " " + (added ? "added" : "removed");
    }
}
