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
            ip("-n", nsA, "addr", "add", "198.51.100.3/24", "dev", "va");
            ip("-n", nsA, "addr", "add", "2001:db8::3/64", "dev", "va", "nodad");
            ip("-n", nsB, "addr", "add", "198.51.100.2/24", "dev", "vb");
            ip("-n", nsB, "addr", "add", "2001:db8::2/64", "dev", "vb", "nodad");
            ip("-n", nsA, "link", "set", "va", "up");
            ip("-n", nsB, "link", "set", "vb", "up");
            // The kernel adds the link-local addresses (the IPv6 adverts' source) shortly after "up": on a busy
            // machine a test could otherwise send before they exist and see nothing arrive.
            awaitLinkLocal(nsA, "va");
            awaitLinkLocal(nsB, "vb");
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
                .withReceiveBufferSize(16 << 20);
        try (VrrpReceiveSocket in = NetNamespace.call(nsB, () -> VrrpReceiveSocket.open(receiveConfig));
             VrrpSendSocket out = NetNamespace.call(nsA, () -> VrrpSendSocket.open(sendConfig))) {
            // Above net.core.rmem_max (208 KiB by default; 4 MiB on the lab host): needs SO_RCVBUFFORCE, as root.
            assertThat(in.receiveBufferSize()).isGreaterThanOrEqualTo(16 << 20);
            assertThat(in.fd()).isPositive();
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
            assertThat(in.receive(Duration.ZERO)).isNull();
            // Blocking mode still receives through the same poll-then-recvmsg path.
            in.setNonBlocking(false);
            out.send(advert, null, null);
            assertThat(in.receive(WAIT)).isNotNull();
            in.setNonBlocking(true);
        }
        assertThatThrownBy(() -> NetNamespace.call(nsB, () -> {
            VrrpReceiveSocket closed = VrrpReceiveSocket.open(receiveConfig);
            closed.close();
            closed.close(); // idempotent
            return closed.tryReceive();
        })).isInstanceOf(IOException.class).hasMessageContaining("closed");
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
    void unicastPeersBothFamiliesFromEitherSourceAddress() throws Exception {
        String[][] cases = {
            {"198.51.100.1", "198.51.100.2", "198.51.100.1"}, {"198.51.100.1", "198.51.100.2", "198.51.100.3"},
            {"2001:db8::1", "2001:db8::2", "2001:db8::1"}, {"2001:db8::1", "2001:db8::2", "2001:db8::3"}};
        for (String[] c : cases) {
            InetAddress a = InetAddress.getByName(c[0]);
            InetAddress b = InetAddress.getByName(c[1]);
            InetAddress source = InetAddress.getByName(c[2]);
            VrrpSocketConfig sendConfig = VrrpSocketConfig.unicast(a, "va", ifA);
            VrrpSocketConfig receiveConfig = VrrpSocketConfig.unicast(b, "vb", ifB);
            try (VrrpReceiveSocket in = NetNamespace.call(nsB, () -> VrrpReceiveSocket.open(receiveConfig));
                 VrrpSendSocket out = NetNamespace.call(nsA, () -> VrrpSendSocket.open(sendConfig))) {
                byte[] advert = advert(new byte[a.getAddress().length]);
                out.send(advert, b, source);
                ReceivedPacket p = in.receive(WAIT);
                assertThat(p).as("unicast advert %s -> %s", source, b).isNotNull();
                assertThat(p.source()).isEqualTo(source);
                assertThat(p.destination()).isEqualTo(b);
                assertThat(p.hopLimit()).isEqualTo(255);
                assertThat(p.ifIndex()).isEqualTo(ifB);
            }
        }
    }

    @Test
    void multicastSocketSkipsUnicastAndSendSocketQueuesNothing() throws Exception {
        InetAddress a = InetAddress.getByName("198.51.100.1");
        InetAddress b = InetAddress.getByName("198.51.100.2");
        VrrpSocketConfig groupB = VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V4, "vb", ifB);
        VrrpSocketConfig groupA = VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V4, "va", ifA);
        try (VrrpReceiveSocket inB = NetNamespace.call(nsB, () -> VrrpReceiveSocket.open(groupB));
             VrrpReceiveSocket inA = NetNamespace.call(nsA, () -> VrrpReceiveSocket.open(groupA));
             VrrpSendSocket unicastA = NetNamespace.call(nsA, () -> VrrpSendSocket.open(
                     VrrpSocketConfig.unicast(a, "va", ifA)));
             VrrpSendSocket multicastA = NetNamespace.call(nsA, () -> VrrpSendSocket.open(groupA));
             VrrpSendSocket multicastB = NetNamespace.call(nsB, () -> VrrpSendSocket.open(groupB))) {
            byte[] advert = advert(new byte[4]);
            // The veth keeps order: if the unicast one were accepted it would be received first.
            unicastA.send(advert, b, null);
            multicastA.send(advert, null, null);
            ReceivedPacket p = inB.receive(WAIT);
            assertThat(p).isNotNull();
            assertThat(p.destination()).isEqualTo(VrrpSocketConfig.VRRP_GROUP_V4);

            // B's advert has reached a's receive socket, so the send sockets in a would have it queued by now.
            multicastB.send(advert, null, null);
            assertThat(inA.receive(WAIT)).isNotNull();
            assertThat(multicastA.tryReceiveRaw()).isNull();
            assertThat(unicastA.tryReceiveRaw()).isNull();
            // Multicast loop is off: a does not hear its own advert either.
            assertThat(inA.tryReceive()).isNull();
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

    /**
     * Differential check against keepalived 2.2.7 itself: keepalived runs as MASTER in namespace a (one IPv4 and one
     * IPv6 instance); in b our receive sockets get its adverts with TTL/hop limit 255 on vb, and our packet sockets
     * capture its gratuitous ARP and unsolicited NA, which must equal what our builders produce byte for byte.
     */
    @Test
    void keepalivedsAdvertsGarpAndNaMatchOurSocketsAndBuilders() throws Exception {
        Path keepalived = Path.of("/usr/sbin/keepalived");
        Assumptions.assumeTrue(Files.isExecutable(keepalived), "needs keepalived at /usr/sbin/keepalived");
        Path dir = Files.createTempDirectory("jk-raw-ka");
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                global_defs {
                    router_id jk_raw_a
                    vrrp_version 3
                }
                vrrp_instance VI_4 {
                    state MASTER
                    interface va
                    virtual_router_id 7
                    priority 150
                    advert_int 1
                    virtual_ipaddress {
                        198.51.100.100/24 dev va
                    }
                }
                vrrp_instance VI_6 {
                    state MASTER
                    interface va
                    virtual_router_id 8
                    priority 150
                    advert_int 1
                    virtual_ipaddress {
                        2001:db8::100/64 dev va
                    }
                }
                """);
        VrrpSocketConfig v4 = VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V4, "vb", ifB);
        VrrpSocketConfig v6 = VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V6, "vb", ifB);
        Process process = null;
        try (VrrpReceiveSocket in4 = NetNamespace.call(nsB, () -> VrrpReceiveSocket.open(v4));
             VrrpReceiveSocket in6 = NetNamespace.call(nsB, () -> VrrpReceiveSocket.open(v6));
             PacketSocket arp = NetNamespace.call(nsB, () -> PacketSocket.receiver(PacketSocket.ETHERTYPE_ARP, ifB));
             PacketSocket nd = NetNamespace.call(nsB, () -> PacketSocket.receiver(PacketSocket.ETHERTYPE_IPV6, ifB))) {
            process = new ProcessBuilder("ip", "netns", "exec", nsA, keepalived.toString(), "-n", "-l", "-D", "-P",
                    "-f", conf.toString(), "-p", dir.resolve("keepalived.pid").toString(),
                    "-r", dir.resolve("vrrp.pid").toString(), "-c", dir.resolve("checkers.pid").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("keepalived.log").toFile()).start();

            ReceivedPacket advert4 = in4.receive(Duration.ofSeconds(10));
            assertThat(advert4).as("keepalived's IPv4 advert; log in %s", dir).isNotNull();
            assertThat(advert4.hopLimit()).isEqualTo(255);
            assertThat(advert4.ifIndex()).isEqualTo(ifB);
            assertThat(advert4.source()).isEqualTo(InetAddress.getByName("198.51.100.1"));
            assertThat(advert4.data()[20]).isEqualTo((byte) 0x31); // VRRPv3 advertisement
            assertThat(advert4.data()[21]).isEqualTo((byte) 7);

            ReceivedPacket advert6 = in6.receive(Duration.ofSeconds(10));
            assertThat(advert6).as("keepalived's IPv6 advert").isNotNull();
            assertThat(advert6.hopLimit()).isEqualTo(255);
            assertThat(advert6.ifIndex()).isEqualTo(ifB);
            assertThat(advert6.source().isLinkLocalAddress()).isTrue();
            assertThat(advert6.data()[0]).isEqualTo((byte) 0x31);
            assertThat(advert6.data()[1]).isEqualTo((byte) 8);

            find(arp, GratuitousArpFrame.build(MAC_A, (Inet4Address) InetAddress.getByName("198.51.100.100")));
            find(nd, UnsolicitedNeighbourAdvert.build(MAC_A, (Inet6Address) InetAddress.getByName("2001:db8::100"),
                    false));
        } finally {
            if (process != null) {
                stop(process);
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** SIGTERM to keepalived's parent (it stops its VRRP child), SIGKILL to both if they linger. */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : all) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
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

    private static void awaitLinkLocal(String ns, String dev) throws IOException, InterruptedException {
        for (int i = 0; i < 250; i++) {
            Process p = new ProcessBuilder("ip", "-n", ns, "-6", "addr", "show", "dev", dev, "scope", "link")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            p.waitFor();
            if (out.contains("fe80::") && !out.contains("tentative")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException(dev + " in " + ns + " got no link-local address in 5 s");
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
