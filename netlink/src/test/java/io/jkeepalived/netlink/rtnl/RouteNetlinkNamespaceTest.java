package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.Interfaces;
import io.jkeepalived.netlink.NetworkNamespace;
import io.jkeepalived.netlink.SyscallException;
import io.jkeepalived.netlink.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against the kernel, inside a namespace {@code jk-nl-*} with a veth pair and a bridge: link and address
 * dumps, address add/delete (198.51.100.0/24, 2001:db8::/64), and the monitor's notifications. Needs root.
 */
class RouteNetlinkNamespaceTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static TestNamespace ns;
    private static RouteNetlink rtnl;
    private static RtnlMonitor monitor;
    private static int vethIndex;

    @BeforeAll
    static void setUp() throws IOException {
        TestNamespace.assumeAvailable();
        ns = TestNamespace.create();
        // This machine kind has no dummy links: a veth pair (one end up, its peer down) and a bridge instead.
        ns.ip("link", "add", "jk-va", "type", "veth", "peer", "name", "jk-vb");
        ns.ip("link", "set", "jk-va", "up");
        ns.ip("link", "add", "jk-br0", "type", "bridge");
        // Sockets keep the namespace they were created in, so they are usable from this thread afterwards.
        rtnl = NetworkNamespace.callIn(ns.name(), RouteNetlink::open);
        monitor = NetworkNamespace.callIn(ns.name(),
                () -> RtnlMonitor.open(Rtnetlink.RTMGRP_LINK | Rtnetlink.RTMGRP_IPV4_IFADDR | Rtnetlink.RTMGRP_IPV6_IFADDR));
        vethIndex = NetworkNamespace.callIn(ns.name(), () -> Interfaces.indexOf("jk-va"));
    }

    @AfterAll
    static void tearDown() throws IOException {
        try {
            if (monitor != null) {
                monitor.close();
            }
            if (rtnl != null) {
                rtnl.close();
            }
        } finally {
            if (ns != null) {
                ns.close();
            }
        }
    }

    @Test
    void dumpsLinksWithKindFlagsMtuAndHardwareAddress() throws IOException {
        List<Link> links = rtnl.links();
        assertThat(links).extracting(Link::name).contains("lo", "jk-va", "jk-vb", "jk-br0");
        Link lo = find(links, "lo");
        assertThat(lo.index()).isEqualTo(1);
        assertThat(lo.isUp()).isTrue();
        assertThat(lo.flags() & Link.IFF_LOOPBACK).isNotZero();
        Link veth = find(links, "jk-va");
        assertThat(veth.index()).isEqualTo(vethIndex);
        assertThat(veth.kind()).isEqualTo("veth");
        assertThat(veth.isUp()).isTrue();
        assertThat(veth.isRunning()).as("peer is down: no carrier").isFalse();
        assertThat(veth.mtu()).isEqualTo(1500);
        assertThat(veth.hardwareAddress()).hasSize(6);
        assertThat(find(links, "jk-vb").isUp()).isFalse();
        assertThat(find(links, "jk-br0").kind()).isEqualTo("bridge");
    }

    @Test
    void interfaceIndexIsPerNamespace() throws IOException {
        assertThat(NetworkNamespace.callIn(ns.name(), () -> Interfaces.indexOf("lo"))).isEqualTo(1);
        assertThatThrownBy(() -> NetworkNamespace.callIn(ns.name(), () -> Interfaces.indexOf("jk-nothere")))
                .isInstanceOf(SyscallException.class)
                .hasMessage("if_nametoindex(jk-nothere): ENODEV (No such device)");
    }

    @Test
    void addsListsAndDeletesIpv4AddressWithLabel() throws IOException {
        InetAddress ip = InetAddress.getByName("198.51.100.7");
        Address vip = Address.of(vethIndex, ip, 24)
                .withLabel("jk-va:vip")
                .withBroadcast(InetAddress.getByName("198.51.100.255"));
        rtnl.addAddress(vip);
        try {
            Address listed = findAddress(rtnl.addresses(Rtnetlink.AF_INET), ip);
            assertThat(listed.index()).isEqualTo(vethIndex);
            assertThat(listed.prefixLength()).isEqualTo(24);
            assertThat(listed.label()).isEqualTo("jk-va:vip");
            assertThat(listed.local()).isEqualTo(ip);
            assertThat(listed.address()).isEqualTo(ip);
            assertThat(listed.broadcast()).isEqualTo(InetAddress.getByName("198.51.100.255"));
            assertThat(listed.scope()).isEqualTo(Rtnetlink.RT_SCOPE_UNIVERSE);
            assertThat(ns.ip("-4", "addr", "show", "dev", "jk-va")).contains("198.51.100.7/24").contains("jk-va:vip");

            RtnlEvent.AddressChange added = awaitAddress(false, ip);
            assertThat(added.address().label()).isEqualTo("jk-va:vip");

            assertThatThrownBy(() -> rtnl.addAddress(vip))
                    .isInstanceOf(SyscallException.class)
                    .hasMessageStartingWith("RTM_NEWADDR(198.51.100.7/24 dev " + vethIndex + ", NETLINK_ROUTE): EEXIST (File exists)")
                    .satisfies(e -> assertThat(((SyscallException) e).errnoName()).isEqualTo("EEXIST"));
        } finally {
            rtnl.deleteAddress(vip);
        }
        assertThat(rtnl.addresses(Rtnetlink.AF_INET)).noneMatch(a -> ip.equals(a.ip()));
        RtnlEvent.AddressChange removed = awaitAddress(true, ip);
        assertThat(removed.address().label()).isEqualTo("jk-va:vip");
        assertThatThrownBy(() -> rtnl.deleteAddress(vip))
                .isInstanceOf(SyscallException.class)
                .hasMessageContaining("EADDRNOTAVAIL");
    }

    @Test
    void addsListsAndDeletesIpv6AddressWithoutDad() throws IOException {
        InetAddress ip = InetAddress.getByName("2001:db8::7");
        Address vip = Address.of(vethIndex, ip, 64).withFlags(Address.IFA_F_NODAD);
        rtnl.addAddress(vip);
        try {
            Address listed = findAddress(rtnl.addresses(Rtnetlink.AF_INET6), ip);
            assertThat(listed.family()).isEqualTo(Rtnetlink.AF_INET6);
            assertThat(listed.prefixLength()).isEqualTo(64);
            assertThat(listed.flags() & Address.IFA_F_NODAD).isNotZero();
            // No DAD: the address is usable at once, never tentative.
            assertThat(listed.flags() & Address.IFA_F_TENTATIVE).isZero();
            assertThat(ns.ip("-6", "addr", "show", "dev", "jk-va")).contains("2001:db8::7/64").contains("nodad");
            awaitAddress(false, ip);
        } finally {
            rtnl.deleteAddress(vip);
        }
        assertThat(rtnl.addresses(Rtnetlink.AF_INET6)).noneMatch(a -> ip.equals(a.ip()));
        awaitAddress(true, ip);
    }

    @Test
    void monitorSeesLinkChanges() throws IOException {
        ns.ip("link", "set", "jk-vb", "up");
        RtnlEvent.LinkChange up = awaitLink(e -> e.link().name().equals("jk-vb") && e.link().isUp());
        assertThat(up.removed()).isFalse();
        assertThat(up.link().kind()).isEqualTo("veth");
        ns.ip("link", "add", "jk-br1", "type", "bridge");
        ns.ip("link", "del", "jk-br1");
        RtnlEvent.LinkChange gone = awaitLink(e -> e.link().name().equals("jk-br1") && e.removed());
        assertThat(gone.link().kind()).isEqualTo("bridge");
    }

    @Test
    void socketExposesDescriptorAndNonBlockingMode() throws IOException {
        var socket = monitor.socket();
        assertThat(socket.fd()).isPositive();
        assertThat(socket.portId()).isNotZero();
        assertThat(socket.receiveBufferSize()).isGreaterThanOrEqualTo(RtnlMonitor.RECEIVE_BUFFER);
        assertThat(socket.isNonBlocking()).isFalse();
        socket.setNonBlocking(true);
        try {
            assertThat(socket.isNonBlocking()).isTrue();
        } finally {
            socket.setNonBlocking(false);
        }
        assertThat(socket.isNonBlocking()).isFalse();
    }

    @Test
    void bridgePortChangesAreNotReportedAsLinkRemovals() throws IOException {
        // Leaving a bridge makes the kernel send RTM_DELLINK of family AF_BRIDGE for the port; the link stays.
        ns.ip("link", "set", "jk-vb", "master", "jk-br0");
        ns.ip("link", "set", "jk-vb", "nomaster");
        ns.ip("link", "set", "jk-vb", "mtu", "1400");
        List<RtnlEvent> seen = new ArrayList<>();
        awaitInto(seen, RtnlEvent.LinkChange.class, e -> e.link().name().equals("jk-vb") && e.link().mtu() == 1400);
        assertThat(seen).noneMatch(e -> e instanceof RtnlEvent.LinkChange c && c.removed() && c.link().name().equals("jk-vb"));
        assertThat(seen).noneMatch(e -> e instanceof RtnlEvent.Malformed);
    }

    private static Link find(List<Link> links, String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no link " + name + " in " + links));
    }

    private static Address findAddress(List<Address> addresses, InetAddress ip) {
        return addresses.stream().filter(a -> ip.equals(a.ip())).findFirst()
                .orElseThrow(() -> new AssertionError("no address " + ip + " in " + addresses));
    }

    private static RtnlEvent.AddressChange awaitAddress(boolean removed, InetAddress ip) throws IOException {
        return await(RtnlEvent.AddressChange.class, e -> e.removed() == removed && ip.equals(e.address().ip()));
    }

    private static RtnlEvent.LinkChange awaitLink(Predicate<RtnlEvent.LinkChange> wanted) throws IOException {
        return await(RtnlEvent.LinkChange.class, wanted);
    }

    /** Reads notifications until one matches: bounded by a count of datagrams and a wait per datagram. */
    private static <T extends RtnlEvent> T await(Class<T> type, Predicate<T> wanted) throws IOException {
        return awaitInto(new ArrayList<>(), type, wanted);
    }

    private static <T extends RtnlEvent> T awaitInto(List<RtnlEvent> seen, Class<T> type, Predicate<T> wanted) throws IOException {
        for (int i = 0; i < 200; i++) {
            List<RtnlEvent> events = monitor.poll(WAIT);
            if (events.isEmpty()) {
                break;
            }
            seen.addAll(events);
            Optional<T> match = events.stream().filter(type::isInstance).map(type::cast).filter(wanted).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
        }
        throw new AssertionError("no matching " + type.getSimpleName() + " among " + seen);
    }
}
