package io.jkeepalived.e2e.reload;

import io.jkeepalived.e2e.Capture;
import io.jkeepalived.e2e.NetNs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's reload acceptance, in namespaces: a jkeepalived master runs VI_KEEP, whose VIP a client pings every
 * 10 ms, while its configuration is reloaded 20 times (SIGHUP, once through {@code jkeepalived reload}) with
 * changes to the other instances (one added and removed, VIPs added and removed, a priority) and to the real
 * servers of a virtual_server (the daemon runs with {@code --dry-run}: this kernel may have no IPVS). Then a broken
 * configuration is refused. Judged by the client's ping (no loss), the daemon's log (VI_KEEP never changes state)
 * and a capture (no gap in VI_KEEP's adverts above 1.5 × advert_int), and the VIPs on the master.
 */
class ReloadTest {
    private static final String KEEP_VIP = "198.51.100.100";
    private static final int RELOADS = 20;
    /** The client's polls: every 10 ms, bounded (the reloads take about 20 s on an idle machine). */
    private static final int PINGS = 6_000;

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
        Assumptions.assumeTrue(Capture.available(), "needs tshark and dumpcap (apt-get install tshark)");
    }

    /** The master's configuration for reload step {@code i} (0 = the start); VI_KEEP is the same in all. */
    static String config(int i) {
        StringBuilder b = new StringBuilder();
        b.append("""
                global_defs {
                    router_id reload-test
                }
                vrrp_instance VI_KEEP {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass keep
                    }
                    virtual_ipaddress {
                        198.51.100.100/24
                    }
                }
                """);
        // VI_A: its priority and its second VIP change every other step
        b.append("vrrp_instance VI_A {\n    state MASTER\n    interface eth0\n    virtual_router_id 52\n")
                .append("    priority ").append(i % 2 == 0 ? 150 : 140).append("\n    advert_int 1\n")
                .append("    virtual_ipaddress {\n        198.51.100.101/24\n");
        if (i % 4 == 1 || i % 4 == 2) {
            b.append("        198.51.100.103/24\n");
        }
        b.append("    }\n}\n");
        // VI_B: present on odd steps only
        if (i % 2 == 1) {
            b.append("vrrp_instance VI_B {\n    state MASTER\n    interface eth0\n    virtual_router_id 53\n")
                    .append("    priority 255\n    advert_int 1\n")
                    .append("    virtual_ipaddress {\n        198.51.100.102/24\n    }\n}\n");
        }
        // a virtual_server whose real servers change on every step
        b.append("virtual_server 198.51.100.200 80 {\n    delay_loop 5\n    lb_algo rr\n    lb_kind NAT\n")
                .append("    protocol TCP\n");
        for (int r = 0; r < 1 + i % 3; r++) {
            b.append("    real_server 198.51.100.").append(50 + r).append(" 80 {\n        weight 1\n")
                    .append("        TCP_CHECK {\n            connect_timeout 1\n        }\n    }\n");
        }
        b.append("}\n");
        return b.toString();
    }

    static final String BROKEN = config(RELOADS) + "vrrp_instance VI_BAD {\n    interface eth0\n"
            + "    virtual_router_id 300\n    priority 100\n}\n";

    @Test
    void twentyReloadsLeaveTheUntouchedInstanceAlone() throws Exception {
        try (NetNs lab = NetNs.create("rv-" + ProcessHandle.current().pid() % 10000, 0)) {
            NetNs.Host master = lab.addHost("m");
            NetNs.Host client = lab.addHost("c");
            master.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            client.check("ip", "addr", "add", "198.51.100.9/24", "dev", "eth0");
            Path conf = dir.resolve("keepalived.conf");
            Path pid = dir.resolve("jk.pid");
            Files.writeString(conf, config(0));
            List<String> cmd = new ArrayList<>(java());
            cmd.addAll(List.of("-n", "-l", "-D", "--dry-run", "-f", conf.toString(), "-p", pid.toString(),
                    "-r", dir.resolve("jk-vrrp.pid").toString(), "-c", dir.resolve("jk-checkers.pid").toString()));
            Capture capture = Capture.start(lab, dir, "vrrp");
            NetNs.Daemon jk = master.start(dir.resolve("jk.log"), cmd.toArray(String[]::new));
            NetNs.Daemon ping = null;
            List<String> advertTimes;
            try {
                assertThat(awaitLog(jk, "(VI_KEEP) Entering MASTER STATE", 1, 20_000))
                        .as("VI_KEEP becomes master\n%s", jk.output()).isTrue();
                assertThat(awaitLog(jk, "Startup complete", 1, 5_000)).isTrue();
                Thread.sleep(1_500); // GARPs out; the client's first ping finds the VIP's MAC
                ping = client.start(dir.resolve("ping.log"), Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        VipPoller.class.getName(), KEEP_VIP, Integer.toString(PINGS), dir.resolve("stop").toString());
                Thread.sleep(500);
                for (int i = 1; i <= RELOADS; i++) {
                    Files.writeString(conf, config(i));
                    if (i == 7) {
                        // once through the subcommand: it checks the file and sends SIGHUP to the pid file's process
                        NetNs.Result r = master.exec(60, withArgs(java(), "reload", "-f", conf.toString(),
                                "-p", pid.toString()));
                        assertThat(r.exit()).as("jkeepalived reload\n%s", r.output()).isZero();
                        assertThat(r.output()).contains("SIGHUP sent to");
                    } else {
                        NetNs.killGroup(jk, "HUP");
                    }
                    assertThat(awaitLog(jk, "Reload complete", i, 15_000))
                            .as("reload %d applied\n%s", i, jk.output()).isTrue();
                    if (i % 5 == 0) {
                        checkVips(master, i, jk);
                    }
                    Thread.sleep(1_000); // an advert interval apart, so the capture spans more adverts than reloads
                }
                checkVips(master, RELOADS, jk);

                // a broken configuration is refused with its error; the running one goes on
                Files.writeString(conf, BROKEN);
                NetNs.killGroup(jk, "HUP");
                assertThat(awaitLog(jk, "Reload refused", 1, 15_000)).as("refused\n%s", jk.output()).isTrue();
                String log = jk.output();
                assertThat(log).contains("keepalived.conf: Line ").contains("VRID '300' not valid");
                assertThat(count(log, "Reload complete")).isEqualTo(RELOADS);
                Thread.sleep(1_000);
                checkVips(master, RELOADS, jk);
                assertThat(jk.process().isAlive()).isTrue();

                Files.writeString(dir.resolve("stop"), "");
                assertThat(ping.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                String pingOut = Files.readString(dir.resolve("ping.log"));
                System.out.println("client: " + pingOut.strip().replace('\n', ' '));
                Matcher m = Pattern.compile("polls (\\d+) failed (\\d+)").matcher(pingOut);
                assertThat(m.find()).as("poller summary\n%s", pingOut).isTrue();
                assertThat(Integer.parseInt(m.group(1))).as("polls made").isGreaterThan(1000);
                assertThat(Integer.parseInt(m.group(2))).as("failed polls of the VIP\n%s", pingOut).isZero();
            } finally {
                if (ping != null && ping.process().isAlive()) {
                    NetNs.killGroup(ping, "KILL");
                }
                NetNs.killGroup(jk, "TERM");
                jk.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                NetNs.killGroup(jk, "KILL");
                Thread.sleep(200);
                capture.close();
            }
            String all = jk.output();
            // up to the SIGTERM at the end, which stops VI_KEEP as it should
            String log = all.contains("Stopping") ? all.substring(0, all.lastIndexOf("Stopping")) : all;
            // VI_KEEP: entered MASTER once, never left it, its VIPs never touched by a reload
            assertThat(count(log, "(VI_KEEP) Entering")).as("VI_KEEP state changes\n%s", log).isEqualTo(2);
            assertThat(log).doesNotContain("(VI_KEEP) removing VIP").doesNotContain("(VI_KEEP) Entering FAULT");
            assertThat(log).contains("Reloading ...").contains("Reloading")
                    .contains("VRRP instance VI_B added").contains("VRRP instance VI_B removed")
                    .contains("VRRP instance VI_A: priority 150 -> 140")
                    .contains("VRRP instance VI_A: VIP 198.51.100.103/24 added");
            // the checker side: its plan is logged, then applied (a dry run here: this kernel has no IPVS)
            assertThat(log).contains("Reload: Adding service [198.51.100.51]:tcp:80 to VS [198.51.100.200]:tcp:80")
                    .contains("Dry run: add destination 198.51.100.51:80 Masq weight 1 to service TCP 198.51.100.200:80");
            log.lines().filter(l -> l.contains("VRRP reload applied in")).forEach(System.out::println);
            advertTimes = capture.read("vrrp.virt_rtr_id == 51 && ip.src == 198.51.100.1 && vrrp.prio == 150",
                    "frame.time_epoch");
            double maxGap = 0;
            for (int k = 1; k < advertTimes.size(); k++) {
                double gap = Double.parseDouble(advertTimes.get(k)) - Double.parseDouble(advertTimes.get(k - 1));
                if (gap > 1.1) {
                    System.out.printf("VI_KEEP: gap %.3f s before the advert at %s%n", gap, advertTimes.get(k));
                }
                maxGap = Math.max(maxGap, gap);
            }
            System.out.printf("VI_KEEP: %d adverts, largest gap %.3f s%n", advertTimes.size(), maxGap);
            assertThat(advertTimes.size()).as("VI_KEEP adverts captured").isGreaterThan(RELOADS);
            assertThat(maxGap).as("largest gap between VI_KEEP adverts (s)").isLessThanOrEqualTo(1.5);
        }
    }

    @Test
    void dryRunPrintsWhatAReloadWouldChange() throws Exception {
        try (NetNs lab = NetNs.create("rv-d" + ProcessHandle.current().pid() % 10000, 0)) {
            NetNs.Host master = lab.addHost("m");
            master.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            Path conf = dir.resolve("keepalived.conf");
            Path pid = dir.resolve("jk.pid");
            Files.writeString(conf, config(0));
            List<String> cmd = new ArrayList<>(java());
            cmd.addAll(List.of("-n", "-l", "--dry-run", "-f", conf.toString(), "-p", pid.toString(),
                    "-r", dir.resolve("jk-vrrp.pid").toString(), "-c", dir.resolve("jk-checkers.pid").toString()));
            NetNs.Daemon jk = master.start(dir.resolve("jk.log"), cmd.toArray(String[]::new));
            try {
                assertThat(awaitLog(jk, "Startup complete", 1, 20_000)).as(jk.output()).isTrue();
                Path next = dir.resolve("next.conf");
                Files.writeString(next, config(1));
                NetNs.Result r = master.exec(60, withArgs(java(), "reload", "--dry-run", "-f", next.toString(),
                        "-p", pid.toString()));
                assertThat(r.exit()).as(r.output()).isZero();
                assertThat(r.output()).contains("VRRP:\n")
                        .contains("  VRRP instance VI_A: priority 150 -> 140")
                        .contains("  VRRP instance VI_A: VIP 198.51.100.103/24 added")
                        .contains("  VRRP instance VI_B added (interface eth0, VRID 53")
                        .contains("Healthcheck:\n")
                        .doesNotContain("VI_KEEP");
                NetNs.Result same = master.exec(60, withArgs(java(), "reload", "--dry-run", "-f", conf.toString(),
                        "-p", pid.toString()));
                assertThat(same.output()).as(same.output()).contains("VRRP:\n  no change\n");
                Files.writeString(next, BROKEN);
                NetNs.Result broken = master.exec(60, withArgs(java(), "reload", "--dry-run", "-f", next.toString(),
                        "-p", pid.toString()));
                assertThat(broken.exit()).isEqualTo(1);
                assertThat(broken.output()).contains("has errors");
                // nothing was applied: the daemon never reloaded
                assertThat(jk.output()).doesNotContain("Reloading");
            } finally {
                NetNs.killGroup(jk, "TERM");
                jk.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                NetNs.killGroup(jk, "KILL");
            }
        }
    }

    /** The VIPs step {@code i} wants on the master: VI_KEEP's and VI_A's always, .103 and VI_B's .102 by step. */
    private static void checkVips(NetNs.Host master, int i, NetNs.Daemon jk) throws Exception {
        // VI_A and VI_B become master in their own time (master-down, or at once for the owner VI_B)
        long deadline = System.nanoTime() + 6_000_000_000L;
        String addrs = "";
        while (System.nanoTime() < deadline) {
            addrs = master.check("ip", "-4", "-o", "addr", "show", "dev", "eth0");
            boolean ok = addrs.contains(KEEP_VIP + "/24") && addrs.contains("198.51.100.101/24")
                    && addrs.contains("198.51.100.103/24") == (i % 4 == 1 || i % 4 == 2)
                    && addrs.contains("198.51.100.102/24") == (i % 2 == 1);
            if (ok) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("VIPs after reload " + i + ":\n" + addrs + "\n" + jk.output());
    }

    private static List<String> java() {
        // SIGHUP back to its default first: a build started under nohup passes it on ignored, and the JVM then
        // never installs a handler for it (the daemon says so), so no reload would happen
        return List.of("env", "--default-signal=HUP", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), "io.jkeepalived.daemon.Main");
    }

    private static String[] withArgs(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static boolean awaitLog(NetNs.Daemon d, String text, int times, long timeoutMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (count(d.output(), text) >= times) {
                return true;
            }
            if (!d.process().isAlive()) {
                return count(d.output(), text) >= times;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int k = text.indexOf(what); k >= 0; k = text.indexOf(what, k + what.length())) {
            n++;
        }
        return n;
    }
}
