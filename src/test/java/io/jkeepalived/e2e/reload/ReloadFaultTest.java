package io.jkeepalived.e2e.reload;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reload's left-overs, in namespaces {@code jk-rg-*}: a reload that changes instances while they are in FAULT
 * (one tracks an interface that is down, one runs on an interface without an address) keeps them in FAULT without
 * errors, they leave it when the cause clears, and the instance the reload does not touch is left alone; and a
 * daemon started with SIGHUP ignored (as nohup leaves it) still reloads on SIGHUP.
 */
class ReloadFaultTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
    }

    /** Step 0 and 1 differ only in VI_T's and VI_N's priorities. */
    static String config(int step) {
        int p = step == 0 ? 100 : 90;
        return """
                global_defs {
                    router_id reload-fault
                }
                vrrp_instance VI_KEEP {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    advert_int 1
                    virtual_ipaddress {
                        198.51.100.100/24
                    }
                }
                vrrp_instance VI_T {
                    state BACKUP
                    interface eth0
                    virtual_router_id 52
                    priority %d
                    advert_int 1
                    track_interface {
                        vt1
                    }
                    virtual_ipaddress {
                        198.51.100.101/24
                    }
                }
                vrrp_instance VI_N {
                    state BACKUP
                    interface vn0
                    virtual_router_id 53
                    priority %d
                    advert_int 1
                    virtual_ipaddress {
                        203.0.113.100/24
                    }
                }
                """.formatted(p, p + 1);
    }

    @Test
    void aReloadKeepsChangedInstancesInFaultUntilTheirCauseClears() throws Exception {
        try (NetNs lab = NetNs.create("rg-f" + ProcessHandle.current().pid() % 10000, 1)) {
            NetNs.Host h = lab.host();
            h.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            faultyInterfaces(h);
            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, config(0));
            NetNs.Daemon jk = h.start(dir.resolve("jk.log"), daemon(List.of("env", "--default-signal=HUP"), conf));
            try {
                assertThat(await(jk, "(VI_KEEP) Entering MASTER STATE", 1, 20_000)).as(jk.output()).isTrue();
                assertThat(await(jk, "Startup complete", 1, 5_000)).as(jk.output()).isTrue();
                assertThat(jk.output()).contains("(VI_N) entering FAULT state (no IPv4 address for interface)");
                Thread.sleep(1_500);
                String before = jk.output();
                assertThat(before).doesNotContain("(VI_T) Entering BACKUP").doesNotContain("(VI_N) Entering BACKUP");

                // the reload changes both instances in FAULT; they stay there, without errors
                Files.writeString(conf, config(1));
                NetNs.killGroup(jk, "HUP");
                assertThat(await(jk, "Reload complete", 1, 15_000)).as(jk.output()).isTrue();
                Thread.sleep(2_000);
                String after = jk.output().substring(before.length());
                assertThat(after).contains("VRRP instance VI_T: priority 100 -> 90")
                        .contains("VRRP instance VI_N: priority 101 -> 91")
                        .doesNotContain("(VI_T) Entering").doesNotContain("(VI_N) Entering")
                        .doesNotContain("ERROR").doesNotContain("failed").doesNotContain("cannot")
                        .doesNotContain("Exception");

                // the causes clear: each leaves FAULT
                h.check("ip", "link", "set", "vt1", "up");
                assertThat(await(jk, "(VI_T) Entering BACKUP STATE", 1, 10_000)).as(jk.output()).isTrue();
                h.check("ip", "addr", "add", "203.0.113.1/24", "dev", "vn0");
                assertThat(await(jk, "(VI_N) Entering BACKUP STATE", 1, 10_000)).as(jk.output()).isTrue();
                assertThat(await(jk, "(VI_N) Entering MASTER STATE", 1, 10_000)).as(jk.output()).isTrue();
                assertThat(await(jk, "(VI_T) Entering MASTER STATE", 1, 10_000)).as(jk.output()).isTrue();
                assertThat(h.check("ip", "-4", "-o", "addr", "show", "dev", "vn0")).contains("203.0.113.100/24");
                // and the reload changed them: their adverts carry the new priorities (/status is not needed)
                assertThat(jk.process().isAlive()).isTrue();
            } finally {
                NetNs.killGroup(jk, "TERM");
                jk.process().waitFor(10, TimeUnit.SECONDS);
                NetNs.killGroup(jk, "KILL");
            }
            String log = jk.output();
            String run = log.contains("Stopping") ? log.substring(0, log.lastIndexOf("Stopping")) : log;
            assertThat(count(run, "(VI_KEEP) Entering")).as("VI_KEEP untouched\n%s", run).isEqualTo(2);
            assertThat(run).doesNotContain("(VI_KEEP) removing VIP");
        }
    }

    @Test
    void aDaemonStartedWithSighupIgnoredStillReloads() throws Exception {
        try (NetNs lab = NetNs.create("rg-h" + ProcessHandle.current().pid() % 10000, 1)) {
            NetNs.Host h = lab.host();
            h.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            faultyInterfaces(h);
            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, config(0));
            // as nohup leaves it (nohup itself would also redirect output when on a terminal)
            NetNs.Daemon jk = h.start(dir.resolve("jk.log"), daemon(List.of("env", "--ignore-signal=HUP"), conf));
            try {
                assertThat(await(jk, "Startup complete", 1, 20_000)).as(jk.output()).isTrue();
                assertThat(jk.output()).contains("SIGHUP was ignored by the process that started jkeepalived (nohup?):"
                        + " reset to its default, reload by SIGHUP enabled").doesNotContain("is not possible");
                Files.writeString(conf, config(1));
                NetNs.killGroup(jk, "HUP");
                assertThat(await(jk, "Reload complete", 1, 15_000)).as(jk.output()).isTrue();
                assertThat(jk.output()).contains("VRRP instance VI_T: priority 100 -> 90");
                assertThat(jk.process().isAlive()).isTrue();
            } finally {
                NetNs.killGroup(jk, "TERM");
                jk.process().waitFor(10, TimeUnit.SECONDS);
                NetNs.killGroup(jk, "KILL");
            }
        }
    }

    /**
     * vt0/vt1 and vn0/vn1: veth pairs inside the host only; vt1 down (VI_T's tracked interface), vn0 up without an
     * address (VI_N's interface).
     */
    private static void faultyInterfaces(NetNs.Host h) throws IOException, InterruptedException {
        h.check("ip", "link", "add", "vt0", "type", "veth", "peer", "name", "vt1");
        h.check("ip", "link", "add", "vn0", "type", "veth", "peer", "name", "vn1");
        h.check("ip", "link", "set", "vt0", "up");
        h.check("ip", "link", "set", "vn0", "up");
        h.check("ip", "link", "set", "vn1", "up");
    }

    private String[] daemon(List<String> prefix, Path conf) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.jkeepalived.daemon.Main",
                "-n", "-l", "-D", "--dry-run", "-f", conf.toString(), "-p", dir.resolve("jk.pid").toString(),
                "-r", dir.resolve("jk-vrrp.pid").toString(), "-c", dir.resolve("jk-checkers.pid").toString()));
        return cmd.toArray(String[]::new);
    }

    private static boolean await(NetNs.Daemon d, String text, int times, long millis)
            throws IOException, InterruptedException {
        for (long n = millis / 50; n > 0; n--) {
            if (count(d.output(), text) >= times) {
                return true;
            }
            if (!d.process().isAlive()) {
                return count(d.output(), text) >= times;
            }
            Thread.sleep(50);
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
