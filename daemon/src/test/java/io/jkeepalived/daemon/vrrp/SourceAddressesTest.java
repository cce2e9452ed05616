package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.netlink.rtnl.Address;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** keepalived's choice of an advert source as addresses come and go (keepalived_netlink.c, measured on 2.2.7). */
class SourceAddressesTest {
    private static final int ETH0 = 2;
    private static final int ETH1 = 3;

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Address a(int ifindex, String ip, int prefix) {
        return Address.of(ifindex, ip(ip), prefix);
    }

    @Test
    void noAddressThenTheFirstOneIsTaken() {
        SourceAddresses s = new SourceAddresses(List.of(a(ETH1, "198.51.100.11", 24)), Set.of());
        assertThat(s.choose(ETH0, false, null)).isNull();
        s.update(false, a(ETH0, "198.51.100.10", 24));
        assertThat(s.choose(ETH0, false, null)).isEqualTo(ip("198.51.100.10"));
        assertThat(s.choose(ETH1, false, null)).isEqualTo(ip("198.51.100.11"));
    }

    @Test
    void theSourceIsKeptWhilePresentAndReplacedWhenRemoved() {
        SourceAddresses s = new SourceAddresses(List.of(a(ETH0, "198.51.100.10", 24)), Set.of());
        InetAddress first = ip("198.51.100.10");
        s.update(false, a(ETH0, "203.0.113.10", 24));
        assertThat(s.choose(ETH0, false, first)).isEqualTo(first);
        s.update(true, a(ETH0, "198.51.100.10", 24));
        assertThat(s.choose(ETH0, false, first)).isEqualTo(ip("203.0.113.10"));
        s.update(true, a(ETH0, "203.0.113.10", 24));
        assertThat(s.choose(ETH0, false, ip("203.0.113.10"))).isNull();
    }

    @Test
    void ourVipsAreNeverASource() {
        SourceAddresses s = new SourceAddresses(List.of(), Set.of(ip("198.51.100.100")));
        s.update(false, a(ETH0, "198.51.100.100", 24));
        assertThat(s.choose(ETH0, false, null)).isNull();
    }

    @Test
    void ipv6TakesOnlyUsableLinkLocalAddresses() {
        SourceAddresses s = new SourceAddresses(List.of(a(ETH0, "198.51.100.10", 24)), Set.of());
        assertThat(s.choose(ETH0, true, null)).isNull();
        s.update(false, a(ETH0, "2001:db8::10", 64));
        assertThat(s.choose(ETH0, true, null)).as("global addresses are not a source").isNull();
        s.update(false, a(ETH0, "fe80::10", 64).withFlags(Address.IFA_F_TENTATIVE));
        assertThat(s.choose(ETH0, true, null)).as("still in duplicate address detection").isNull();
        s.update(false, a(ETH0, "fe80::10", 64).withFlags(Address.IFA_F_PERMANENT));
        assertThat(s.choose(ETH0, true, null)).isEqualTo(ip("fe80::10"));
        assertThat(s.choose(ETH0, false, null)).isEqualTo(ip("198.51.100.10"));
    }

    @Test
    void aResyncReplacesEverything() {
        SourceAddresses s = new SourceAddresses(List.of(a(ETH0, "198.51.100.10", 24)), Set.of());
        s.reset(List.of(a(ETH1, "198.51.100.11", 24)));
        assertThat(s.choose(ETH0, false, ip("198.51.100.10"))).isNull();
        assertThat(s.usable(ETH1, false)).containsExactly(ip("198.51.100.11"));
    }
}
