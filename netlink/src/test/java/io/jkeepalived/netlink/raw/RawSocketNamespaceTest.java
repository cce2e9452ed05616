package io.jkeepalived.netlink.raw;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sockets against a real kernel: two network namespaces {@code jk-raw-<random>-a/-b} joined by a veth pair
 * (va 198.51.100.1, 2001:db8::1 — vb 198.51.100.2, 2001:db8::2), nothing else attached. Needs root and iproute2;
 * skipped otherwise. Every packet is sent inside those namespaces, which are deleted afterwards.
 */
class RawSocketNamespaceTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MAC_A = HEX.parseHex("020000000101");
    private static final byte[] MAC_B = HEX.parseHex("020000000102");

    private static String nsA;
    private static String nsB;
    private static int ifA;
    private static int ifB;
    private static final List<String> created = new ArrayList<>();

    @BeforeAll
    static void namespaces() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to create network namespaces and raw sockets");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip")), "needs iproute2 (ip)");
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        nsA = "jk-raw-" + id + "-a";
        nsB = "jk-raw-" + id + "-b";
        try {
            for (String ns : List.of(nsA, nsB)) {
                ip("netns", "add", ns);
                created.add(ns);
                // No duplicate address detection: the link-local and global addresses are usable at once.
                run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0",
                        "net.ipv6.conf.default.accept_dad=0");
                ip("-n", ns, "link", "set", "lo", "up");
            }
            ip("-n", nsA, "link", "add", "va", "address", "02:00:00:00:01:01", "type", "veth",
                    "peer", "name", "vb", "address", "02:00:00:00:01:02", "netns", nsB);
            ip("-n", nsA, "addr", "add", "198.51.100.1/24", "dev", "va");
            ip("-n", nsA, "addr", "add", "2001:db8::1/64", "dev", "va", "nodad");
            ip("-n", nsB, "addr", "add", "198.51.100.2/24", "dev", "vb");
            ip("-n", nsB, "addr", "add", "2001:db8::2/64", "dev", "vb", "nodad");
            ip("-n", nsA, "link", "set", "va", "up");
            ip("-n", nsB, "link", "set", "vb", "up");
            ifA = NetNamespace.call(nsA, () -> NetNamespace.interfaceIndex("va"));
            ifB = NetNamespace.call(nsB, () -> NetNamespace.interfaceIndex("vb"));
        } catch (Exception | Error e) {
            removeNamespaces();
            throw e;
        }
    }

    @AfterAll
    static void removeNamespaces() throws Exception {
        for (String ns : created) {
            run("ip", "netns", "del", ns);
        }
        created.clear();
    }

    /** A VRRPv3 advert (RFC 5798 §5.1) for VRID 7, priority 100, interval 1 s, one address; checksum left zero. */
    private static byte[] advert(byte[] address) {
        ByteBuffer b = ByteBuffer.allocate(8 + address.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0x31).put((byte) 7).put((byte) 100).put((byte) 1).putShort((short) 100).putShort((short) 0);
        b.put(address);
        return b.array();
    }

    @Test
    void ipv4MulticastArrivesWithTtl255OnTheRightInterface() throws Exception {
        VrrpSocketConfig sendConfig = VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V4, "va", ifA);
        VrrpSocketConfig receiveConfig = VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V4, "vb", ifB)
                .withReceiveBufferSize(256 * 1024);
        try (VrrpReceiveSocket in = NetNamespace.call(nsB, () -> VrrpReceiveSocket.open(receiveConfig));
             VrrpSendSocket out = NetNamespace.call(nsA, () -> VrrpSendSocket.open(sendConfig))) {
            assertThat(in.receiveBufferSize()).isGreaterThanOrEqualTo(256 * 1024);
            byte[] advert = advert(new byte[]{(byte) 198, 51, 100, 100});
            assertThat(out.send(advert, null, null)).isEqualTo(advert.length);
            ReceivedPacket p = in.receive(WAIT);
            assertThat(p).as("advert received in %s", nsB).isNotNull();
            assertThat(p.hopLimit()).isEqualTo(255);
            assertThat(p.ifIndex()).isEqualTo(ifB);
            assertThat(p.source()).isEqualTo(InetAddress.getByName("198.51.100.1"));
            assertThat(p.destination()).isEqualTo(VrrpSocketConfig.VRRP_GROUP_V4);
            assertThat(p.truncated()).isFalse();
            // The kernel built the IPv4 header: 20 bytes, TOS 0xc0, TTL 255, protocol 112.
            assertThat(p.data()).hasSize(20 + advert.length);
            assertThat(p.data()[0]).isEqualTo((byte) 0x45);
            assertThat(p.data()[1] & 0xff).isEqualTo(0xc0);
            assertThat(p.data()[8] & 0xff).isEqualTo(255);
            assertThat(p.data()[9] & 0xff).isEqualTo(112);
            assertThat(Arrays.copyOfRange(p.data(), 20, p.data().length)).isEqualTo(advert);
            assertThat(in.tryReceive()).isNull();
        }
    }

    @Test
    void ipv4WithHeaderIncludedSendsOurHeader() throws Exception {
        VrrpSocketConfig sendConfig = VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V4, "va", ifA)
                .withHeaderIncluded(true);
        VrrpSocketConfig receiveConfig = VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V4, "vb", ifB);
        try (VrrpReceiveSocket in = NetNamespace.call(nsB, () -> VrrpReceiveSocket.open(receiveConfig));
             VrrpSendSocket out = NetNamespace.call(nsA, () -> VrrpSendSocket.open(sendConfig))) {
            byte[] advert = advert(new byte[]{(byte) 198, 51, 100, 100});
            ByteBuffer packet = ByteBuffer.allocate(20 + advert.length).order(ByteOrder.BIG_ENDIAN);
            packet.put((byte) 0x45).put((byte) 0xc0).putShort((short) (20 + advert.length)).putShort((short) 0x1234)
                    .putShort((short) 0).put((byte) 255).put((byte) 112).putShort((short) 0)
                    .put(InetAddress.getByName("198.51.100.1").getAddress())
                    .put(VrrpSocketConfig.VRRP_GROUP_V4.getAddress()).put(advert);
            out.send(packet.array(), null, null);
            ReceivedPacket p = in.receive(WAIT);
            assertThat(p).isNotNull();
            assertThat(p.hopLimit()).isEqualTo(255);
            assertThat(p.ifIndex()).isEqualTo(ifB);
            byte[] got = p.data().clone();
            got[10] = 0; // the kernel fills in the header checksum
            got[11] = 0;
            assertThat(HEX.formatHex(got)).isEqualTo(HEX.formatHex(packet.array()));
        }
    }

    @Test
    void ipv6MulticastArrivesWithHopLimit255AndAKernelChecksum() throws Exception {
        VrrpSocketConfig sendConfig = VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V6, "va", ifA);
        VrrpSocketConfig receiveConfig = VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V6, "vb", ifB);
        try (VrrpReceiveSocket in = NetNamespace.call(nsB, () -> VrrpReceiveSocket.open(receiveConfig));
             VrrpSendSocket out = NetNamespace.call(nsA, () -> VrrpSendSocket.open(sendConfig))) {
            byte[] advert = advert(InetAddress.getByName("2001:db8::100").getAddress());
            out.send(advert, null, null);
            ReceivedPacket p = in.receive(WAIT);
            assertThat(p).isNotNull();
            assertThat(p.hopLimit()).isEqualTo(255);
            assertThat(p.ifIndex()).isEqualTo(ifB);
            assertThat(p.destination()).isEqualTo(VrrpSocketConfig.VRRP_GROUP_V6);
            assertThat(p.source().isLinkLocalAddress()).as("source %s", p.source()).isTrue();
            assertThat(p.data()).hasSize(advert.length);
            assertThat(p.data()[6] | p.data()[7]).as("checksum written by the kernel").isNotZero();
            assertThat(Arrays.copyOfRange(p.data(), 8, p.data().length))
                    .isEqualTo(Arrays.copyOfRange(advert, 8, advert.length));

            // With an explicit source address (IPV6_PKTINFO), as keepalived sends.
            InetAddress source = InetAddress.getByName("2001:db8::1");
            out.send(advert, null, source);
            ReceivedPacket q = in.receive(WAIT);
            assertThat(q).isNotNull();
            assertThat(q.source()).isEqualTo(source);
            assertThat(q.hopLimit()).isEqualTo(255);
        }
    }

    @Test
    void unicastPeersBothFamilies() throws Exception {
        for (String[] pair : new String[][]{{"198.51.100.1", "198.51.100.2"}, {"2001:db8::1", "2001:db8::2"}}) {
            InetAddress a = InetAddress.getByName(pair[0]);
            InetAddress b = InetAddress.getByName(pair[1]);
            VrrpSocketConfig sendConfig = VrrpSocketConfig.unicast(a, "va", ifA);
            VrrpSocketConfig receiveConfig = VrrpSocketConfig.unicast(b, "vb", ifB);
            try (VrrpReceiveSocket in = NetNamespace.call(nsB, () -> VrrpReceiveSocket.open(receiveConfig));
                 VrrpSendSocket out = NetNamespace.call(nsA, () -> VrrpSendSocket.open(sendConfig))) {
                byte[] advert = advert(new byte[a.getAddress().length]);
                out.send(advert, b, a);
                ReceivedPacket p = in.receive(WAIT);
                assertThat(p).as("unicast advert %s -> %s", a, b).isNotNull();
                assertThat(p.source()).isEqualTo(a);
                assertThat(p.destination()).isEqualTo(b);
                assertThat(p.hopLimit()).isEqualTo(255);
                assertThat(p.ifIndex()).isEqualTo(ifB);
            }
        }
    }

    @Test
    void gratuitousArpIsCapturedByteForByteOnThePeer() throws Exception {
        byte[] frame = GratuitousArpFrame.build(MAC_A, (Inet4Address) InetAddress.getByName("198.51.100.100"));
        try (PacketSocket capture = NetNamespace.call(nsB, () -> PacketSocket.receiver(PacketSocket.ETHERTYPE_ARP, ifB));
             PacketSocket out = NetNamespace.call(nsA, () -> PacketSocket.sender(PacketSocket.ETHERTYPE_ARP))) {
            assertThat(out.send(frame, ifA)).isEqualTo(frame.length);
            PacketSocket.Frame got = find(capture, frame);
            assertThat(got).as("GARP captured on vb").isNotNull();
            assertThat(got.ifIndex()).isEqualTo(ifB);
        }
    }

    @Test
    void unsolicitedNeighbourAdvertIsCapturedByteForByteOnThePeer() throws Exception {
        byte[] frame = UnsolicitedNeighbourAdvert.build(MAC_A, (Inet6Address) InetAddress.getByName("2001:db8::100"),
                false);
        try (PacketSocket capture = NetNamespace.call(nsB, () -> PacketSocket.receiver(PacketSocket.ETHERTYPE_IPV6, ifB));
             PacketSocket out = NetNamespace.call(nsA, () -> PacketSocket.sender(PacketSocket.ETHERTYPE_IPV6))) {
            out.send(frame, ifA);
            assertThat(find(capture, frame)).as("NA captured on vb").isNotNull();
        }
    }

    @Test
    void errorsNameTheSyscallAndErrno() throws Exception {
        VrrpSocketConfig noSuchInterface = VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V4, "nosuch0", 9999);
        assertThatThrownBy(() -> NetNamespace.call(nsA, () -> VrrpReceiveSocket.open(noSuchInterface)))
                .isInstanceOf(IOException.class)
                .hasMessage("setsockopt(IP_ADD_MEMBERSHIP 224.0.0.18): ENODEV (errno 19)");
        assertThatThrownBy(() -> NetNamespace.call(nsA, () -> NetNamespace.interfaceIndex("nosuch0")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("if_nametoindex(nosuch0): ENODEV");
        assertThatThrownBy(() -> NetNamespace.call("jk-raw-missing", () -> 1))
                .isInstanceOf(IOException.class)
                .hasMessage("open(/run/netns/jk-raw-missing): ENOENT (errno 2)");
    }

    /** Reads frames (at most 50: the peer also sees MLD and neighbour discovery) until one equals {@code frame}. */
    private static PacketSocket.Frame find(PacketSocket capture, byte[] frame) throws IOException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            PacketSocket.Frame got = capture.receive(WAIT);
            if (got == null) {
                break;
            }
            if (Arrays.equals(got.bytes(), frame)) {
                return got;
            }
            seen.add(HEX.formatHex(got.bytes()));
        }
        throw new AssertionError("frame " + HEX.formatHex(frame) + " not captured; saw " + seen);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        int rc = run(cmd);
        if (rc != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + rc);
        }
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish");
        }
        return p.exitValue();
    }
}
