package io.jkeepalived.daemon.vrrp;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * One {@code virtual_ipaddress} line as the engine adds it: {@code ADDR/LEN [dev IF] [scope S] [brd B] [label L]}.
 *
 * @param dev       the interface it goes on (the instance's interface when the line names none)
 * @param scope     rtnetlink scope number (0 global, 200 site, 253 link, 254 host)
 * @param broadcast {@code brd}, or null
 * @param label     {@code label}, or null
 */
record Vip(InetAddress address, int prefix, String dev, int scope, InetAddress broadcast, String label) {
    boolean ipv6() {
        return address instanceof Inet6Address;
    }

    /** As keepalived prints it in its log lines. */
    String text() {
        return address.getHostAddress();
    }
}
