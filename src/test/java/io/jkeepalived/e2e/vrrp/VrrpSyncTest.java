package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.NetNs;
import io.jkeepalived.e2e.vrrp.Director.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sync groups, track_file, VIP restore and split brain in the running daemon, against Debian's keepalived 2.2.7 as the peer:
 * jkeepalived on h1 (priority 150), keepalived on h2 (priority 100), v2 PASS, advert_int 1.
 * <ul>
 *   <li>a {@code vrrp_sync_group} of VI_1 (eth0, first bridge) and VI_2 (eth1, second bridge): eth1 going down
 *   faults VI_2 and the group pulls VI_1 into FAULT with it, so keepalived takes both VIPs; eth1 back brings
 *   both back to h1 together;</li>
 *   <li>{@code track_file} with weight -60: writing 1 lowers h1 to 90, keepalived preempts; 0 brings it back;</li>
 *   <li>a VIP deleted with {@code ip addr del} on the master is back within a second (keepalived's way: leave
 *   MASTER with priority 0, take it back after the skew time, before the peer's longer skew runs out);</li>
 *   <li>split brain: with h2 deaf to h1 (reverse-path filter against a blackhole route), keepalived becomes master
 *   too; h1 logs the other master once, and the episode clears when keepalived hears us again and steps down.</li>
 * </ul>
 * Namespaces are {@code jk-sync-*}, removed on close even on failure.
 */
class VrrpSyncTest {
    private static final String VIP1 = "198.51.100.100";
    private static final String VIP2 = "203.0.113.100";

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs();
    }

    /** h1 and h2 on a first bridge (eth0), and with {@code second} also on a second bridge (eth1). */
    private final class Lab implements AutoCloseable {
        final NetNs a;
        final NetNs b;
        final NetNs.Host h1;
        final NetNs.Host h2;
        final Director jk;
        final Director ka;

        Lab(String name, boolean second) throws Exception {
            String id = name + ProcessHandle.current().pid() % 100000;
            a = NetNs.create("sync-" + id, 0);
            NetNs secondBridge = null;
            try {
                h1 = a.addHost("h1");
                h2 = a.addHost("h2");
                h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
                h2.check("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
                if (second) {
                    secondBridge = NetNs.create("sync-" + id + "b", 0);
                    String br = secondBridge.bridgeHost().name();
                    root("ip", "-n", h1.name(), "link", "add", "eth1", "type", "veth", "peer", "name", "q1",
                            "netns", br);
                    root("ip", "-n", h2.name(), "link", "add", "eth1", "type", "veth", "peer", "name", "q2",
                            "netns", br);
                    for (String q : List.of("q1", "q2")) {
                        root("ip", "-n", br, "link", "set", q, "master", "br0", "up");
                    }
                    h1.check("ip", "link", "set", "eth1", "up");
                    h2.check("ip", "link", "set", "eth1", "up");
                    h1.check("ip", "addr", "add", "203.0.113.1/24", "dev", "eth1");
                    h2.check("ip", "addr", "add", "203.0.113.2/24", "dev", "eth1");
                }
                jk = new Director(Kind.JKEEPALIVED, h1, "h1", dir);
                ka = new Director(Kind.KEEPALIVED, h2, "h2", dir);
            } catch (Exception e) {
                a.close();
                if (secondBridge != null) {
                    secondBridge.close();
                }
                throw e;
            }
            b = secondBridge;
        }

        String context() throws IOException {
            return "\n--- jkeepalived\n" + jk.log() + "\n--- keepalived\n" + ka.log();
        }

        @Override
        public void close() throws Exception {
            try {
                jk.signal("KILL");
                ka.signal("KILL");
            } finally {
                a.close();
                if (b != null) {
                    b.close();
                }
            }
        }
    }

    private static void root(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static String instance(String name, String state, int priority, String ifname, int vrid, String vip,
                                   String extra) {
        return "vrrp_instance " + name + " {\n    state " + state + "\n    interface " + ifname
                + "\n    virtual_router_id " + vrid + "\n    priority " + priority + "\n    advert_int 1\n"
                + "    authentication {\n        auth_type PASS\n        auth_pass labpass1\n    }\n" + extra
                + "    virtual_ipaddress {\n        " + vip + "/24 dev " + ifname + "\n    }\n}\n";
    }

    private static String global(String id) {
        return "global_defs {\n    router_id lab_" + id + "\n}\n";
    }

    private static String group() {
        return "vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\n";
    }

    private static String groupConfig(String id, String state, int priority) {
        return global(id) + group() + instance("VI_1", state, priority, "eth0", 51, VIP1, "")
                + instance("VI_2", state, priority, "eth1", 52, VIP2, "");
    }

    private static boolean has(NetNs.Host h, String ifname, String vip) throws Exception {
        return h.exec(10, "ip", "-4", "addr", "show", "dev", ifname).output().contains(vip + "/");
    }

    private static boolean await(long millis, Check c) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (c.ok()) {
                return true;
            }
            Thread.sleep(20);
        }
        return c.ok();
    }

    @FunctionalInterface
    private interface Check {
        boolean ok() throws Exception;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aSyncGroupFailsOverTogetherWhenOneInterfaceGoesDown() throws Exception {
        try (Lab lab = new Lab("g", true)) {
            lab.jk.start(groupConfig("h1", "MASTER", 150));
            assertThat(lab.jk.awaitLog("VRRP_Group(G) Syncing instances to MASTER state", 20_000))
                    .as("the group becomes master" + lab.context()).isTrue();
            lab.ka.start(groupConfig("h2", "BACKUP", 100));
            assertThat(await(10_000, () -> has(lab.h1, "eth0", VIP1) && has(lab.h1, "eth1", VIP2)))
                    .as("both VIPs on h1" + lab.context()).isTrue();
            assertThat(lab.ka.awaitLog("(VI_2) Entering BACKUP STATE", 20_000)).as(lab.context()).isTrue();
            Thread.sleep(1_000);

            lab.h1.check("ip", "link", "set", "eth1", "down");
            assertThat(lab.jk.awaitLog("VRRP_Group(G) Syncing instances to FAULT state", 5_000))
                    .as("eth1 down pulls the group into FAULT" + lab.context()).isTrue();
            assertThat(lab.jk.awaitLog("(VI_1) Entering FAULT STATE", 5_000)).as(lab.context()).isTrue();
            // VI_1's peer hears priority 0; VI_2's peer sees the adverts stop (eth1 is down): master-down
            assertThat(await(10_000, () -> has(lab.h2, "eth0", VIP1) && has(lab.h2, "eth1", VIP2)))
                    .as("keepalived takes both VIPs" + lab.context()).isTrue();
            assertThat(has(lab.h1, "eth0", VIP1)).as("VI_1's VIP left h1 with the group" + lab.context()).isFalse();

            lab.h1.check("ip", "link", "set", "eth1", "up");
            assertThat(lab.jk.awaitLog("VRRP_Group(G) Syncing instances to BACKUP state", 5_000))
                    .as("the group leaves FAULT together" + lab.context()).isTrue();
            assertThat(await(15_000, () -> count(lab.jk.log(), "VRRP_Group(G) Syncing instances to MASTER state") == 2
                    && has(lab.h1, "eth0", VIP1) && has(lab.h1, "eth1", VIP2)))
                    .as("h1 (higher) takes both back together" + lab.context()).isTrue();
            assertThat(await(5_000, () -> !has(lab.h2, "eth0", VIP1) && !has(lab.h2, "eth1", VIP2)))
                    .as("keepalived released both" + lab.context()).isTrue();
        }
    }

    @Test
    void trackFileChangesPriorityAndMovesTheVip() throws Exception {
        Path flag = dir.resolve("prio");
        String trackFile = "track_file prio {\n    file " + flag + "\n    weight -60\n    init_file 0\n}\n";
        String jk = global("h1") + trackFile
                + instance("VI_1", "MASTER", 150, "eth0", 51, VIP1, "    track_file {\n        prio\n    }\n");
        try (Lab lab = new Lab("f", false)) {
            lab.jk.start(jk);
            assertThat(lab.jk.awaitLog("(VI_1) Entering MASTER STATE", 20_000)).as(lab.context()).isTrue();
            assertThat(Files.readString(flag)).as("init_file creates the file").isEqualTo("0\n");
            lab.ka.start(global("h2") + instance("VI_1", "BACKUP", 100, "eth0", 51, VIP1, ""));
            assertThat(lab.ka.awaitLog("(VI_1) Entering BACKUP STATE", 20_000)).as(lab.context()).isTrue();

            Files.writeString(flag, "1\n");
            assertThat(lab.jk.awaitLog("(VI_1) Changing effective priority from 150 to 90", 2_000))
                    .as("1 × -60 lowers the priority" + lab.context()).isTrue();
            assertThat(await(10_000, () -> has(lab.h2, "eth0", VIP1) && !has(lab.h1, "eth0", VIP1)))
                    .as("keepalived (100) preempts h1 (90)" + lab.context()).isTrue();

            Files.writeString(flag, "0\n");
            assertThat(lab.jk.awaitLog("(VI_1) Changing effective priority from 90 to 150", 2_000))
                    .as(lab.context()).isTrue();
            assertThat(await(10_000, () -> has(lab.h1, "eth0", VIP1) && !has(lab.h2, "eth0", VIP1)))
                    .as("h1 preempts back" + lab.context()).isTrue();
        }
    }

    @Test
    void aVipDeletedBehindOurBackIsBackWithinASecond() throws Exception {
        try (Lab lab = new Lab("v", false)) {
            lab.jk.start(global("h1") + instance("VI_1", "MASTER", 150, "eth0", 51, VIP1, ""));
            assertThat(lab.jk.awaitLog("(VI_1) Entering MASTER STATE", 20_000)).as(lab.context()).isTrue();
            lab.ka.start(global("h2") + instance("VI_1", "BACKUP", 100, "eth0", 51, VIP1, ""));
            assertThat(lab.ka.awaitLog("(VI_1) Entering BACKUP STATE", 20_000)).as(lab.context()).isTrue();
            assertThat(await(5_000, () -> has(lab.h1, "eth0", VIP1))).isTrue();
            Thread.sleep(1_000);

            long deleted = System.nanoTime();
            lab.h1.check("ip", "addr", "del", VIP1 + "/24", "dev", "eth0");
            assertThat(await(1_000, () -> has(lab.h1, "eth0", VIP1)))
                    .as("the VIP is back within a second" + lab.context()).isTrue();
            long back = System.nanoTime() - deleted;
            assertThat(lab.jk.log()).contains("Netlink reflector reports IP " + VIP1 + " removed from eth0");
            Thread.sleep(1_500);
            assertThat(has(lab.h1, "eth0", VIP1)).as("still there" + lab.context()).isTrue();
            // our skew (0.414 s) is shorter than the peer's (0.609 s): it never took over
            assertThat(lab.ka.log()).as("back in %d ms%s", back / 1_000_000, lab.context())
                    .doesNotContain("(VI_1) Entering MASTER STATE");
        }
    }

    @Test
    void splitBrainIsLoggedOnceAndClearsWhenThePeerStepsDown() throws Exception {
        try (Lab lab = new Lab("s", false)) {
            lab.jk.start(global("h1") + instance("VI_1", "MASTER", 150, "eth0", 51, VIP1, ""));
            assertThat(lab.jk.awaitLog("(VI_1) Entering MASTER STATE", 20_000)).as(lab.context()).isTrue();
            lab.ka.start(global("h2") + instance("VI_1", "BACKUP", 100, "eth0", 51, VIP1, ""));
            assertThat(lab.ka.awaitLog("(VI_1) Entering BACKUP STATE", 20_000)).as(lab.context()).isTrue();
            Thread.sleep(1_000);
            // one-way loss: h2 drops what comes from h1 (strict reverse-path filter against a blackhole route),
            // so keepalived believes the master is gone while we still hear keepalived
            lab.h2.check("sysctl", "-q", "-w", "net.ipv4.conf.all.rp_filter=1");
            lab.h2.check("sysctl", "-q", "-w", "net.ipv4.conf.eth0.rp_filter=1");
            lab.h2.check("ip", "route", "add", "blackhole", "198.51.100.1/32");
            assertThat(lab.ka.awaitLog("(VI_1) Entering MASTER STATE", 10_000))
                    .as("keepalived no longer hears us" + lab.context()).isTrue();
            String line = "(VI_1) split brain: 198.51.100.2 is also MASTER for VRID 51 (its priority 100, ours 150);"
                    + " occurrence 1";
            assertThat(lab.jk.awaitLog(line, 5_000)).as("logged" + lab.context()).isTrue();
            Thread.sleep(2_500); // more adverts from the other master: still one line
            assertThat(count(lab.jk.log(), "split brain:")).as(lab.context()).isEqualTo(1);

            lab.h2.check("ip", "route", "del", "blackhole", "198.51.100.1/32");
            assertThat(await(10_000, () -> count(lab.ka.log(), "(VI_1) Entering BACKUP STATE") >= 2))
                    .as("keepalived hears us again and steps down" + lab.context()).isTrue();
            assertThat(lab.jk.awaitLog("(VI_1) split brain with 198.51.100.2 over: no advert from it for a"
                    + " master-down interval", 10_000)).as("cleared" + lab.context()).isTrue();
        }
    }
}
