package io.jkeepalived.netlink;

import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.IfAddrMsg;
import io.jkeepalived.netlink.rtnl.Rtnetlink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NetlinkSocket#requestBatch} against the kernel in a jk-nl-* namespace: requests spanning several datagrams,
 * a refused request in the middle of one (the kernel goes on with the next, and reports it by its sequence number
 * though it asked for no acknowledgement), and the last one of the batch refused. Needs root.
 */
class NetlinkBatchNamespaceTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int COUNT = 150;

    private static TestNamespace ns;
    private static NetlinkSocket socket;
    private static int dummy;

    @BeforeAll
    static void setUp() throws IOException {
        TestNamespace.assumeAvailable();
        ns = TestNamespace.create();
        ns.ip("link", "add", "jk-bd", "type", "veth", "peer", "name", "jk-be");
        socket = NetworkNamespace.callIn(ns.name(), () -> NetlinkSocket.open(NetlinkSocket.Protocol.ROUTE, 0));
        dummy = NetworkNamespace.callIn(ns.name(), () -> Interfaces.indexOf("jk-bd"));
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

    private static Address address(int i) throws IOException {
        return Address.of(dummy, InetAddress.getByName("2001:db8:2::" + Integer.toHexString(i)), 64).withFlags(Address.IFA_F_NODAD);
    }

    @Test
    void refusedRequestsAreReportedByIndexAndTheRestApplied() throws IOException {
        List<ByteBuffer> requests = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            // 70 repeats 3 (EEXIST, in the middle of the second datagram); the last repeats 0
            int which = i == 70 ? 3 : i == COUNT - 1 ? 0 : i;
            requests.add(IfAddrMsg.newAddress(socket.nextSequence(), address(which)));
        }
        assertThat(RequestBatch.pack(requests)).hasSizeGreaterThan(2);

        List<NetlinkSocket.BatchFailure> failures = socket.requestBatch(requests, i -> "RTM_NEWADDR#" + i, WAIT);

        assertThat(failures).extracting(NetlinkSocket.BatchFailure::index).containsExactly(70, COUNT - 1);
        assertThat(failures.get(0).error().errnoName()).isEqualTo("EEXIST");
        assertThat(failures.get(0).error()).hasMessageStartingWith("RTM_NEWADDR#70(NETLINK_ROUTE): EEXIST (File exists)");
        List<NetlinkMessage> parts = socket.dump(IfAddrMsg.dumpRequest(socket.nextSequence(), Rtnetlink.AF_INET6), "RTM_GETADDR", WAIT);
        long mine = parts.stream().map(m -> {
            try {
                return IfAddrMsg.decode(m).ip().getHostAddress();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(a -> a.startsWith("2001:db8:2:")).count();
        assertThat(mine).as("every distinct address added").isEqualTo(COUNT - 2);
        // the socket still works for single requests afterwards
        assertThat(socket.request(IfAddrMsg.deleteAddress(socket.nextSequence(), address(5)), "RTM_DELADDR", WAIT)).isEmpty();
    }

    @Test
    void anEmptyBatchSendsNothing() throws IOException {
        assertThat(socket.requestBatch(List.of(), i -> "none", WAIT)).isEmpty();
    }
}
