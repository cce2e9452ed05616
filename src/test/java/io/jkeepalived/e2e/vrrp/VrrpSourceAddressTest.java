package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.Capture;
import io.jkeepalived.e2e.NetNs;
import io.jkeepalived.e2e.vrrp.Director.Kind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance whose interface has no IPv4 address: keepalived 2.2.7 starts it in FAULT ("no IPv4 address for
 * interface") and takes the first address that appears as its advert source; when that address is removed it
 * takes another of the interface's, or enters FAULT when none is left. jkeepalived used to refuse to start. Here
 * jkeepalived runs VI_1 on an eth0 without an address and VI_2 on eth1 (which keeps running throughout), against
 * Debian's keepalived as a lower-priority peer of VI_1 when installed; the wire (tshark) and /status judge.
 */
class VrrpSourceAddressTest {
    private static final String VIP = "198.51.100.100";
    private static final int PORT = 9651;

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
        Assumptions.assumeTrue(Capture.available(), "needs tshark and dumpcap to judge the wire");
        Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/curl")), "needs curl for /status");
    }

    static String jkConfig() {
        return """
                global_defs {
                    router_id lab_h1
                    vrrp_version 3
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    advert_int 0.5
                    virtual_ipaddress {
                        198.51.100.100/32 dev eth0
                    }
                }
                vrrp_instance VI_2 {
                    state BACKUP
                    interface eth1
                    virtual_router_id 52
                    priority 100
                    advert_int 0.5
                    virtual_ipaddress {
                        198.51.100.101/32 dev eth1
                    }
                }
                """;
    }

    static String peerConfig() {
        return """
                global_defs {
                    router_id lab_h2
                    vrrp_version 3
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 50
                    advert_int 0.5
                    virtual_ipaddress {
                        198.51.100.100/32 dev eth0
                    }
                }
                """;
    }

    @Test
    void noAddressIsFaultTheFirstAddressEndsItAndLosingTheLastIsFaultAgain() throws Exception {
        try (NetNs lab = NetNs.create("vf-" + ProcessHandle.current().pid() % 100000, 2)) {
            NetNs.Host h1 = lab.host();
            NetNs.Host h2 = lab.addHost("h2");
            h1.check("ip", "addr", "add", "198.51.100.11/24", "dev", "eth1");
            h2.check("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
            boolean withPeer = Director.keepalivedInstalled();
            Director peer = new Director(Kind.KEEPALIVED, h2, "h2", dir);
            NetNs.Daemon jk = null;
            Capture capture = Capture.start(lab, dir, "ip proto 112");
            try {
                if (withPeer) {
                    peer.start(peerConfig());
                    assertThat(peer.awaitLog("(VI_1) Entering MASTER STATE", 20_000)).as(peer.log()).isTrue();
                }
                jk = h1.start(dir.resolve("jk.log"), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.jkeepalived.daemon.Main",
                        "-n", "-l", "-D", "-P", "-f", write("h1.conf", jkConfig()).toString(),
                        "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString(),
                        "-c", dir.resolve("c.pid").toString(), "--metrics-address", "127.0.0.1:" + PORT);

                // 1. no address on eth0: VI_1 in FAULT, VI_2 runs, the daemon does not stop
                assertThat(await(jk, "(VI_2) Entering MASTER STATE", 20_000)).as(jk.output()).isTrue();
                assertThat(jk.output()).contains("(VI_1) entering FAULT state (no IPv4 address for interface)",
                        "(VI_1) entering FAULT state").doesNotContain("Startup failed");
                assertThat(jk.process().isAlive()).isTrue();
                assertThat(instanceState(h1, "VI_1")).isEqualTo("FAULT");
                assertThat(instanceState(h1, "VI_2")).isEqualTo("MASTER");
                Thread.sleep(1_000);
                capture.close();
                assertThat(capture.read("vrrp.virt_rtr_id == 51 && ip.src != 198.51.100.2", "ip.src"))
                        .as("no advert for VI_1 from an interface without an address").isEmpty();

                // 2. the first address: BACKUP, then MASTER over the lower-priority peer, adverts from it
                capture = Capture.start(lab, dir, "ip proto 112");
                h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
                assertThat(await(jk, "(VI_1) Entering BACKUP STATE", 10_000)).as(jk.output()).isTrue();
                assertThat(await(jk, "(VI_1) Entering MASTER STATE", 10_000)).as(jk.output()).isTrue();
                assertThat(jk.output()).contains("Assigned address 198.51.100.1 for interface eth0");
                if (withPeer) {
                    assertThat(peer.awaitLog("(VI_1) Entering BACKUP STATE", 5_000)).as(peer.log()).isTrue();
                }
                Thread.sleep(1_000);
                assertThat(hasVip(h1)).as("VIP on the new master\n%s", jk.output()).isTrue();
                assertThat(instanceState(h1, "VI_1")).isEqualTo("MASTER");
                assertThat(statusOf(h1, "VI_1")).contains("\"source_ip\":\"198.51.100.1\"");
                capture.close();
                List<String> adverts = capture.read("vrrp.virt_rtr_id == 51 && ip.src == 198.51.100.1", "vrrp.prio");
                assertThat(adverts).as("VI_1's adverts come from the new address").isNotEmpty().contains("100");

                // 3. another address, then the source removed: the other is taken silently, still MASTER
                capture = Capture.start(lab, dir, "ip proto 112");
                h1.check("ip", "addr", "add", "203.0.113.1/24", "dev", "eth0");
                h1.check("ip", "addr", "del", "198.51.100.1/24", "dev", "eth0");
                Thread.sleep(1_500);
                assertThat(instanceState(h1, "VI_1")).isEqualTo("MASTER");
                assertThat(jk.output()).doesNotContain("(VI_1) Entering FAULT STATE");
                capture.close();
                assertThat(capture.read("vrrp.virt_rtr_id == 51 && ip.src == 203.0.113.1", "vrrp.prio"))
                        .as("adverts from the remaining address").isNotEmpty();

                // 4. the last address removed: FAULT, priority 0, VIP gone, the peer takes over
                capture = Capture.start(lab, dir, "ip proto 112");
                h1.check("ip", "addr", "del", "203.0.113.1/24", "dev", "eth0");
                assertThat(await(jk, "(VI_1) Entering FAULT STATE", 5_000)).as(jk.output()).isTrue();
                assertThat(jk.output()).contains("Deassigned address 203.0.113.1 from interface eth0");
                if (withPeer) {
                    assertThat(awaitCount(peer, "(VI_1) Entering MASTER STATE", 2, 5_000)).as(peer.log()).isTrue();
                }
                Thread.sleep(1_000);
                assertThat(hasVip(h1)).as("FAULT releases the VIP\n%s", jk.output()).isFalse();
                assertThat(instanceState(h1, "VI_1")).isEqualTo("FAULT");
                capture.close();
                assertThat(capture.read("vrrp.virt_rtr_id == 51 && ip.src == 203.0.113.1 && vrrp.prio == 0",
                        "vrrp.prio")).as("priority 0 from the address that was just removed").isNotEmpty();

                // VI_2 was never disturbed, and the daemon stops cleanly
                assertThat(count(jk.output(), "(VI_2) Entering")).as(jk.output()).isEqualTo(2); // BACKUP (init), MASTER
                assertThat(instanceState(h1, "VI_2")).isEqualTo("MASTER");
                NetNs.killGroup(jk, "TERM");
                assertThat(jk.process().waitFor(10, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
                assertThat(jk.process().exitValue()).as(jk.output()).isZero();
            } finally {
                capture.close();
                if (jk != null) {
                    NetNs.killGroup(jk, "KILL");
                }
                peer.signal("KILL");
            }
        }
    }

    /**
     * A unicast instance without {@code unicast_src_ip} whose source address is replaced: keepalived takes the new
     * address and its sockets follow it. jkeepalived kept its receive socket bound to the old address, so the
     * master's adverts to the new one were never read and the backup took over after master-down. Here jkeepalived
     * is the backup (priority 50) of Debian's keepalived (100), which sends to both addresses.
     */
    @Test
    void aUnicastInstanceFollowsItsReplacedSourceAddress() throws Exception {
        Assumptions.assumeTrue(Director.keepalivedInstalled(), "needs keepalived as the unicast master");
        try (NetNs lab = NetNs.create("rg-u" + ProcessHandle.current().pid() % 10000, 1)) {
            NetNs.Host h1 = lab.host();
            NetNs.Host h2 = lab.addHost("h2");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            h2.check("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
            String instance = """
                    vrrp_instance VI_U {
                        state BACKUP
                        interface eth0
                        virtual_router_id 61
                        priority %d
                        advert_int 1
                        %s
                        unicast_peer {
                            %s
                        }
                        virtual_ipaddress {
                            198.51.100.100/32 dev eth0
                        }
                    }
                    """;
            String jkConf = "global_defs {\n    router_id lab_u1\n}\n" + instance.formatted(50, "", "198.51.100.2");
            String peerConf = "global_defs {\n    router_id lab_u2\n}\n"
                    + instance.formatted(100, "unicast_src_ip 198.51.100.2", "198.51.100.1\n198.51.100.3");
            Director peer = new Director(Kind.KEEPALIVED, h2, "h2", dir);
            NetNs.Daemon jk = null;
            Capture capture = null;
            try {
                peer.start(peerConf);
                assertThat(peer.awaitLog("(VI_U) Entering MASTER STATE", 20_000)).as(peer.log()).isTrue();
                jk = h1.start(dir.resolve("jk.log"), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.jkeepalived.daemon.Main",
                        "-n", "-l", "-D", "-P", "-f", write("u1.conf", jkConf).toString(),
                        "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString(),
                        "-c", dir.resolve("c.pid").toString());
                assertThat(await(jk, "(VI_U) Entering BACKUP STATE", 20_000)).as(jk.output()).isTrue();
                Thread.sleep(2_000);

                capture = Capture.start(lab, dir, "ip proto 112");
                // the new address stays when the old primary goes (else the kernel deletes its secondaries with it)
                h1.check("sysctl", "-q", "-w", "net.ipv4.conf.eth0.promote_secondaries=1");
                h1.check("ip", "addr", "add", "198.51.100.3/24", "dev", "eth0");
                h1.check("ip", "addr", "del", "198.51.100.1/24", "dev", "eth0");
                assertThat(await(jk, "(VI_U) advert source address 198.51.100.1 gone from eth0, using 198.51.100.3",
                        5_000)).as(jk.output()).isTrue();
                Thread.sleep(5_000); // more than master-down (3 x advert_int + skew): a deaf backup would take over
                capture.close();
                assertThat(jk.output()).as("the backup still hears the master at its new address")
                        .doesNotContain("(VI_U) Entering MASTER STATE").doesNotContain("opening the VRRP sockets");
                assertThat(capture.read("vrrp.virt_rtr_id == 61 && ip.src == 198.51.100.2 && ip.dst == 198.51.100.3",
                        "vrrp.prio")).as("the master's adverts to the new address").isNotEmpty();
                assertThat(count(peer.log(), "(VI_U) Entering")).as(peer.log()).isEqualTo(2); // BACKUP (init), MASTER
                assertThat(count(jk.output(), "(VI_U) Entering")).as(jk.output()).isEqualTo(1);

                // the source it now uses is the new one: stopping the master makes it master, adverts from .3
                capture = Capture.start(lab, dir, "ip proto 112");
                peer.signal("KILL");
                assertThat(await(jk, "(VI_U) Entering MASTER STATE", 10_000)).as(jk.output()).isTrue();
                Thread.sleep(1_500);
                capture.close();
                assertThat(capture.read("vrrp.virt_rtr_id == 61 && ip.src == 198.51.100.3 && ip.dst == 198.51.100.2",
                        "vrrp.prio")).as("adverts from the new source").isNotEmpty().contains("50");
            } finally {
                if (capture != null) {
                    capture.close();
                }
                if (jk != null) {
                    NetNs.killGroup(jk, "KILL");
                }
                peer.signal("KILL");
            }
        }
    }

    /**
     * An IPv6 {@code use_vmac} instance sends from the base interface's link-local address, which its VMAC carries:
     * when that address is replaced, keepalived moves the source and the VMAC's address to the new one
     * (reset_link_local_address). jkeepalived kept the old one for good.
     */
    @Test
    void anIpv6VmacFollowsTheBasesLinkLocalAddress() throws Exception {
        try (NetNs lab = NetNs.create("rg-6" + ProcessHandle.current().pid() % 10000, 1)) {
            NetNs.Host h1 = lab.host();
            h1.check("sysctl", "-q", "-w", "net.ipv6.conf.eth0.accept_dad=0");
            h1.check("ip", "addr", "add", "2001:db8::1/64", "dev", "eth0", "nodad");
            Thread.sleep(500); // the link-local address, without DAD
            String conf = """
                    global_defs {
                        router_id lab_v6
                    }
                    vrrp_instance VI_6 {
                        state MASTER
                        interface eth0
                        virtual_router_id 62
                        priority 150
                        advert_int 1
                        use_vmac
                        virtual_ipaddress {
                            2001:db8::100/64
                        }
                    }
                    """;
            NetNs.Daemon jk = h1.start(dir.resolve("jk6.log"), Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "io.jkeepalived.daemon.Main", "-n", "-l", "-D", "-P", "-f", write("v6.conf", conf).toString(),
                    "-p", dir.resolve("k6.pid").toString(), "-r", dir.resolve("v6.pid").toString(),
                    "-c", dir.resolve("c6.pid").toString());
            Capture capture = null;
            try {
                assertThat(await(jk, "(VI_6) Entering MASTER STATE", 20_000)).as(jk.output()).isTrue();
                String base = h1.check("ip", "-6", "addr", "show", "dev", "eth0", "scope", "link");
                String oldLl = base.substring(base.indexOf("inet6 ") + 6).split("/")[0];
                assertThat(h1.check("ip", "-6", "addr", "show", "dev", "vrrp.62", "scope", "link")).contains(oldLl);

                capture = Capture.start(lab, dir, "ip6 proto 112");
                h1.check("ip", "addr", "add", "fe80::99/64", "dev", "eth0", "nodad");
                h1.check("ip", "addr", "del", oldLl + "/64", "dev", "eth0");
                assertThat(await(jk, "(VI_6) advert source address " + oldLl + " gone from eth0, using fe80::99",
                        5_000)).as(jk.output()).isTrue();
                Thread.sleep(2_500);
                capture.close();
                String vmacLl = h1.check("ip", "-6", "addr", "show", "dev", "vrrp.62", "scope", "link");
                assertThat(vmacLl).as("the VMAC carries the new address\n%s", jk.output()).contains("fe80::99/64")
                        .doesNotContain(oldLl + "/");
                assertThat(capture.read("vrrp.virt_rtr_id == 62 && ipv6.src == fe80::99", "vrrp.prio"))
                        .as("adverts from the new link-local address\n%s", jk.output()).isNotEmpty();
                assertThat(jk.output()).doesNotContain("(VI_6) Entering FAULT").doesNotContain("failed");
            } finally {
                if (capture != null) {
                    capture.close();
                }
                NetNs.killGroup(jk, "TERM");
                jk.process().waitFor(10, TimeUnit.SECONDS);
                NetNs.killGroup(jk, "KILL");
            }
        }
    }

    /**
     * An interface that does not exist at start, with {@code dynamic_interfaces}: keepalived starts the instance in
     * FAULT ("will use if created") and runs it once the interface is created and has an address.
     */
    @Test
    void anInterfaceCreatedAfterTheStartIsUsedOnceItHasAnAddress() throws Exception {
        try (NetNs lab = NetNs.create("vf-" + (ProcessHandle.current().pid() + 1) % 100000, 1)) {
            NetNs.Host h1 = lab.host();
            h1.check("ip", "addr", "add", "198.51.100.11/24", "dev", "eth0");
            String config = """
                    global_defs {
                        router_id lab_h1
                        vrrp_version 3
                        dynamic_interfaces
                    }
                    vrrp_instance VI_1 {
                        state BACKUP
                        interface eth0
                        virtual_router_id 51
                        priority 100
                        advert_int 0.5
                        virtual_ipaddress {
                            198.51.100.100/32 dev eth0
                        }
                    }
                    vrrp_instance VI_2 {
                        state BACKUP
                        interface eth2
                        virtual_router_id 52
                        priority 100
                        advert_int 0.5
                        virtual_ipaddress {
                            198.51.100.102/32 dev eth2
                        }
                    }
                    """;
            NetNs.Daemon jk = null;
            Capture capture = null;
            try {
                jk = h1.start(dir.resolve("jk.log"), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.jkeepalived.daemon.Main",
                        "-n", "-l", "-D", "-P", "-f", write("h1.conf", config).toString(),
                        "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString(),
                        "-c", dir.resolve("c.pid").toString(), "--metrics-address", "127.0.0.1:" + PORT);
                assertThat(await(jk, "(VI_1) Entering MASTER STATE", 20_000)).as(jk.output()).isTrue();
                assertThat(jk.output()).contains(
                        "Configuration specifies interface eth2 which doesn't currently exist - will use if created",
                        "(VI_2): entering FAULT state (interface eth2 down)",
                        "(VI_2) entering FAULT state (no IPv4 address for interface)");
                assertThat(instanceState(h1, "VI_2")).isEqualTo("FAULT");

                capture = Capture.start(lab, dir, "ip proto 112");
                h1.check("ip", "link", "add", "eth2", "type", "veth", "peer", "name", "p2", "netns",
                        lab.bridgeHost().name());
                lab.bridgeHost().check("ip", "link", "set", "p2", "master", "br0", "up");
                h1.check("ip", "link", "set", "eth2", "up");
                Thread.sleep(500);
                assertThat(instanceState(h1, "VI_2")).as("an interface without an address").isEqualTo("FAULT");
                h1.check("ip", "addr", "add", "198.51.100.12/24", "dev", "eth2");
                assertThat(await(jk, "(VI_2) Entering MASTER STATE", 10_000)).as(jk.output()).isTrue();
                Thread.sleep(1_000);
                assertThat(h1.exec(10, "ip", "-4", "addr", "show", "dev", "eth2").output())
                        .as(jk.output()).contains("198.51.100.102/32");
                assertThat(statusOf(h1, "VI_2")).contains("\"source_ip\":\"198.51.100.12\"", "\"state\":\"MASTER\"");
                capture.close();
                assertThat(capture.read("vrrp.virt_rtr_id == 52 && ip.src == 198.51.100.12", "vrrp.prio"))
                        .as("VI_2's adverts on the new interface").isNotEmpty();
                assertThat(count(jk.output(), "(VI_1) Entering")).as(jk.output()).isEqualTo(2);
                NetNs.killGroup(jk, "TERM");
                assertThat(jk.process().waitFor(10, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            } finally {
                if (capture != null) {
                    capture.close();
                }
                if (jk != null) {
                    NetNs.killGroup(jk, "KILL");
                }
            }
        }
    }

    /** An IPv6 instance needs a link-local address to send from: none is FAULT, the first one ends it. */
    @Test
    void anIpv6InstanceWaitsForALinkLocalAddress() throws Exception {
        try (NetNs lab = NetNs.create("vf-" + (ProcessHandle.current().pid() + 2) % 100000, 1)) {
            NetNs.Host h1 = lab.host();
            h1.check("ip", "-6", "addr", "flush", "dev", "eth0", "scope", "link");
            String config = """
                    global_defs {
                        router_id lab_h1
                        vrrp_version 3
                    }
                    vrrp_instance VI_6 {
                        state BACKUP
                        interface eth0
                        virtual_router_id 61
                        priority 100
                        advert_int 0.5
                        virtual_ipaddress {
                            2001:db8::100/64 dev eth0
                        }
                    }
                    """;
            NetNs.Daemon jk = null;
            Capture capture = null;
            try {
                jk = h1.start(dir.resolve("jk.log"), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.jkeepalived.daemon.Main",
                        "-n", "-l", "-D", "-P", "-f", write("h1.conf", config).toString(),
                        "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString(),
                        "-c", dir.resolve("c.pid").toString(), "--metrics-address", "127.0.0.1:" + PORT);
                assertThat(await(jk, "(VI_6) entering FAULT state (no IPv6 address for interface)", 20_000))
                        .as(jk.output()).isTrue();
                assertThat(await(jk, "Startup complete", 10_000)).as(jk.output()).isTrue();
                assertThat(instanceState(h1, "VI_6")).isEqualTo("FAULT");

                capture = Capture.start(lab, dir, "ip6 proto 112");
                h1.check("ip", "-6", "addr", "add", "fe80::1/64", "dev", "eth0", "nodad");
                assertThat(await(jk, "(VI_6) Entering MASTER STATE", 10_000)).as(jk.output()).isTrue();
                assertThat(jk.output()).contains("Assigned address fe80::1 for interface eth0",
                        "(VI_6) Entering BACKUP STATE");
                Thread.sleep(1_000);
                assertThat(h1.exec(10, "ip", "-6", "addr", "show", "dev", "eth0").output()).contains("2001:db8::100/64");
                capture.close();
                assertThat(capture.read("vrrp.virt_rtr_id == 61 && ipv6.src == fe80::1", "vrrp.prio"))
                        .as("adverts from the link-local address").isNotEmpty();

                h1.check("ip", "-6", "addr", "del", "fe80::1/64", "dev", "eth0");
                assertThat(await(jk, "(VI_6) Entering FAULT STATE", 5_000)).as(jk.output()).isTrue();
                Thread.sleep(500);
                assertThat(h1.exec(10, "ip", "-6", "addr", "show", "dev", "eth0").output())
                        .as("FAULT releases the VIP").doesNotContain("2001:db8::100/64");
                NetNs.killGroup(jk, "TERM");
                assertThat(jk.process().waitFor(10, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            } finally {
                if (capture != null) {
                    capture.close();
                }
                if (jk != null) {
                    NetNs.killGroup(jk, "KILL");
                }
            }
        }
    }

    private Path write(String name, String text) throws java.io.IOException {
        Path p = dir.resolve(name);
        java.nio.file.Files.writeString(p, text);
        return p;
    }

    private static boolean hasVip(NetNs.Host host) throws Exception {
        return host.exec(10, "ip", "-4", "addr", "show", "dev", "eth0").output().contains(VIP + "/32");
    }

    /** The instance's object in /status. */
    private static String statusOf(NetNs.Host host, String instance) throws Exception {
        String status = host.check("curl", "-sf", "http://127.0.0.1:" + PORT + "/status");
        var m = Pattern.compile("\\{\"name\":\"" + instance + "\"[^{}]*").matcher(status);
        assertThat(m.find()).as(status).isTrue();
        return m.group();
    }

    private static String instanceState(NetNs.Host host, String instance) throws Exception {
        var m = Pattern.compile("\"state\":\"([A-Z]+)\"").matcher(statusOf(host, instance));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static long count(String log, String text) {
        return log.lines().filter(l -> l.contains(text)).count();
    }

    private static boolean awaitCount(Director d, String text, int n, long millis) throws Exception {
        for (long i = millis / 50; i > 0; i--) {
            if (count(d.log(), text) >= n) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean await(NetNs.Daemon d, String text, long millis) throws Exception {
        for (long n = millis / 50; n > 0; n--) {
            if (d.output().contains(text)) {
                return true;
            }
            if (!d.process().isAlive()) {
                return d.output().contains(text);
            }
            Thread.sleep(50);
        }
        return false;
    }
}
