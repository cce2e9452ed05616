package io.jkeepalived.netlink;

import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.IfAddrMsg;
import io.jkeepalived.netlink.rtnl.IfInfoMsg;
import io.jkeepalived.netlink.rtnl.Link;
import io.jkeepalived.netlink.rtnl.Rtnetlink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * NetlinkSocket against the kernel in a jk-nl-* namespace: receive-buffer growth for datagrams larger than the
 * buffer, dumps spanning several datagrams, sequence matching, and non-blocking receive. Needs root.
 */
class NetlinkSocketNamespaceTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Enough 2001:db8:1::/64 addresses that an address dump needs several 32 KiB datagrams. */
    private static final int MANY = 600;

    private static TestNamespace ns;
    private static NetlinkSocket socket;
    private static int veth;

    @BeforeAll
    static void setUp() throws IOException {
        TestNamespace.assumeAvailable();
        ns = TestNamespace.create();
        ns.ip("link", "add", "jk-va", "type", "veth", "peer", "name", "jk-vb");
        socket = NetworkNamespace.callIn(ns.name(), () -> NetlinkSocket.open(NetlinkSocket.Protocol.ROUTE, 0));
        veth = NetworkNamespace.callIn(ns.name(), () -> Interfaces.indexOf("jk-va"));
    }

    @AfterAll
    static void tearDown() throws IOException {
        try {
            if (socket != null) {
                socket.close();
            }
        } finally {
            if (ns != null) {
                ns.close();
            }
        }
    }

    @Test
    void growsTheReceiveBufferForLargeDatagrams() throws IOException {
        // A link message is over 1 KiB; with a 64-byte buffer every datagram needs the MSG_PEEK|MSG_TRUNC growth.
        socket.receiveCapacity(64);
        List<NetlinkMessage> parts = socket.dump(IfInfoMsg.dumpRequest(socket.nextSequence()), "RTM_GETLINK", WAIT);
        assertThat(socket.receiveCapacity()).isGreaterThan(1024);
        assertThat(parts).extracting(m -> decode(m).name()).contains("lo", "jk-va", "jk-vb");
    }

    @Test
    void dumpsAcrossSeveralDatagrams() throws IOException {
        for (int i = 1; i <= MANY; i++) {
            Address a = Address.of(veth, InetAddress.getByName("2001:db8:1::" + Integer.toHexString(i)), 64).withFlags(Address.IFA_F_NODAD);
            socket.request(IfAddrMsg.newAddress(socket.nextSequence(), a), "RTM_NEWADDR", WAIT);
        }
        List<NetlinkMessage> parts = null;
        // The kernel may still be settling the new addresses and flag the dump NLM_F_DUMP_INTR: retry, bounded.
        for (int attempt = 0; parts == null; attempt++) {
            try {
                parts = socket.dump(IfAddrMsg.dumpRequest(socket.nextSequence(), Rtnetlink.AF_INET6), "RTM_GETADDR", WAIT);
            } catch (DumpInterruptedException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
        long mine = parts.stream().map(NetlinkSocketNamespaceTest::address)
                .filter(a -> a.ip().getHostAddress().startsWith("2001:db8:1:")).count();
        assertThat(mine).isEqualTo(MANY);
        assertThat(parts.stream().mapToInt(m -> m.header().length()).sum()).as("more than one 32 KiB datagram").isGreaterThan(32 * 1024);
    }

    @Test
    void ignoresRepliesToOtherSequenceNumbers() throws IOException {
        // An answer nobody waits for (a failing request sent without reading its NLMSG_ERROR) must not end the next
        // exchange. (A second dump while one is unread would be refused with EBUSY: one dump per socket at a time.)
        Address missing = Address.of(veth, InetAddress.getByName("203.0.113.10"), 24);
        socket.send(IfAddrMsg.deleteAddress(socket.nextSequence(), missing));
        List<NetlinkMessage> parts = socket.dump(IfAddrMsg.dumpRequest(socket.nextSequence(), Rtnetlink.AF_INET), "RTM_GETADDR", WAIT);
        assertThat(parts).allMatch(m -> m.type() == Rtnetlink.RTM_NEWADDR);
    }

    @Test
    void nonBlockingReceiveReturnsNothingWhenIdle() throws IOException {
        socket.setNonBlocking(true);
        try {
            drain();
            assertThat(socket.receive(Duration.ZERO)).isEmpty();
            socket.send(IfInfoMsg.dumpRequest(socket.nextSequence()));
            List<NetlinkMessage> first = socket.receive(WAIT);
            assertThat(first).isNotEmpty();
            drain();
        } finally {
            socket.setNonBlocking(false);
        }
    }

    @Test
    void kernelErrorsNameTheRequestAndErrno() throws IOException {
        Address missing = Address.of(veth, InetAddress.getByName("203.0.113.9"), 24);
        ByteBuffer del = IfAddrMsg.deleteAddress(socket.nextSequence(), missing);
        assertThatThrownBy(() -> socket.request(del, "RTM_DELADDR", WAIT))
                .isInstanceOf(SyscallException.class)
                .hasMessageStartingWith("RTM_DELADDR(NETLINK_ROUTE): EADDRNOTAVAIL (Cannot assign requested address)");
    }

    private static void drain() throws IOException {
        for (int i = 0; i < 1000 && !socket.receive(Duration.ofMillis(50)).isEmpty(); i++) {
            // discard whatever an earlier test left queued
        }
    }

    private static Link decode(NetlinkMessage m) {
        try {
            return IfInfoMsg.decode(m);
        } catch (NetlinkFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static Address address(NetlinkMessage m) {
        try {
            return IfAddrMsg.decode(m);
        } catch (NetlinkFormatException e) {
            throw new AssertionError(e);
        }
    }
}
