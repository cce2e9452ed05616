package io.jkeepalived.e2e.status;

import io.jkeepalived.daemon.status.MiniJson;
import io.jkeepalived.e2e.DaemonProcess;
import io.jkeepalived.e2e.NetNs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's acceptance for the dumps: keepalived 2.2.7 and jkeepalived run the same configuration, each in a namespace
 * of its own ({@code jk-ops-dk*}, {@code jk-ops-dj*}) with its own pid files and {@code $TMPDIR} (where keepalived
 * 2.2.7 writes its dumps; jkeepalived follows it), both with {@code -u 022}. After SIGUSR1, SIGUSR2 and SIGRTMIN+2
 * the data and stats files have the same lines apart from their values ({@link DumpShape}), the JSON files the same
 * key tree and both parse, and the files have the same mode.
 */
class StatusDumpsDifferentialTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(Path.of(DaemonProcess.KEEPALIVED)),
                "needs Debian's keepalived 2.2.7 (apt-get install keepalived) as the reference");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/true")), "needs /bin/true as the tracked script");
    }

    @Test
    void dumpsHaveKeepalivedsFieldsAndModes() throws Exception {
        long tag = ProcessHandle.current().pid() % 10000;
        try (NetNs kaNs = NetNs.create("ops-dk" + tag, 0); NetNs jkNs = NetNs.create("ops-dj" + tag, 0)) {
            Path conf = dir.resolve("ka.conf");
            Files.writeString(conf, StatusDumpsTest.CONFIG);
            Path kaDir = Files.createDirectory(dir.resolve("ka"));
            Path jkDir = Files.createDirectory(dir.resolve("jk"));
            NetNs.Host kaHost = kaNs.addHost("h1");
            NetNs.Host jkHost = jkNs.addHost("h1");
            kaHost.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            jkHost.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");

            NetNs.Daemon ka = start(kaHost, List.of(DaemonProcess.KEEPALIVED), kaDir, conf);
            NetNs.Daemon jk = start(jkHost, DaemonProcess.jkeepalived(), jkDir, conf);
            assertThat(DaemonProcess.await(ka, "(VI_1) Entering MASTER STATE", 20_000)).as("keepalived master\n%s", ka.output()).isTrue();
            assertThat(DaemonProcess.await(jk, "(VI_1) Entering MASTER STATE", 30_000)).as("jkeepalived master\n%s", jk.output()).isTrue();
            Thread.sleep(1500); // a few adverts and script runs on both sides, so every counter has been touched

            DaemonProcess.signal(ka, "USR1");
            DaemonProcess.signal(jk, "USR1");
            String kaData = awaitDump(kaDir.resolve("keepalived.data"), "------< Interfaces >------");
            String jkData = awaitDump(jkDir.resolve("keepalived.data"), "------< Interfaces >------");
            assertThat(kaData).as("keepalived's data dump\n%s", ka.output()).isNotEmpty();
            assertThat(jkData).as("jkeepalived's data dump\n%s", jk.output()).isNotEmpty();
            org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
            compare(soft, "keepalived.data", kaData, jkData);

            DaemonProcess.signal(ka, "USR2");
            DaemonProcess.signal(jk, "USR2");
            String kaStats = awaitDump(kaDir.resolve("keepalived.stats"), "Priority Zero:");
            String jkStats = awaitDump(jkDir.resolve("keepalived.stats"), "Priority Zero:");
            compare(soft, "keepalived.stats", kaStats, jkStats);

            DaemonProcess.signal(ka, "36"); // SIGRTMIN+2 with glibc
            DaemonProcess.signal(jk, "36");
            String kaJson = awaitDump(kaDir.resolve("keepalived.json"), "\"iname\"").strip();
            String jkJson = awaitDump(jkDir.resolve("keepalived.json"), "\"iname\"").strip();
            MiniJson.validate(kaJson);
            MiniJson.validate(jkJson);
            soft.assertThat(DumpShape.jsonKeys(jkJson)).as("keepalived.json key tree").isEqualTo(DumpShape.jsonKeys(kaJson));

            for (String f : List.of("keepalived.data", "keepalived.stats", "keepalived.json")) {
                soft.assertThat(mode(jkDir.resolve(f))).as("mode of %s under -u 022", f).isEqualTo(mode(kaDir.resolve(f)));
            }
            soft.assertAll();
            assertThat(jk.process().isAlive()).as("jkeepalived still runs\n%s", jk.output()).isTrue();
            assertThat(DaemonProcess.stop(ka, 15)).isTrue();
            assertThat(DaemonProcess.stop(jk, 15)).isTrue();
        }
    }

    /** The daemon with keepalived's flags, its own pid files and log, and TMPDIR for the dumps, in {@code own}. */
    private static NetNs.Daemon start(NetNs.Host host, List<String> program, Path own, Path conf) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("env", "TMPDIR=" + own));
        cmd.addAll(program);
        return DaemonProcess.start(host, cmd, conf, own, "d", "-G", "-P", "-u", "022");
    }

    private static void compare(org.assertj.core.api.SoftAssertions soft, String file, String keepalived, String jkeepalived) {
        List<String> ka = DumpShape.lines(keepalived);
        List<String> jk = DumpShape.lines(jkeepalived);
        soft.assertThat(DumpShape.missing(ka, jk)).as("%s: keepalived's lines that jkeepalived lacks\n--- keepalived\n%s\n--- jkeepalived\n%s",
                file, keepalived, jkeepalived).isEmpty();
        soft.assertThat(DumpShape.missing(jk, ka)).as("%s: jkeepalived's lines that keepalived does not write\n--- keepalived\n%s\n--- jkeepalived\n%s",
                file, keepalived, jkeepalived).isEmpty();
        soft.assertThat(jk).as("%s: the same lines in the same order", file).isEqualTo(ka);
    }

    private static String mode(Path f) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
    }

    /** The file once it has {@code text} and has stopped growing (keepalived writes in place); "" if it never does. */
    private static String awaitDump(Path f, String text) throws Exception {
        String last = null;
        for (int n = 0; n < 200; n++) {
            if (Files.exists(f)) {
                String now = Files.readString(f);
                if (now.contains(text) && now.equals(last)) {
                    return now;
                }
                last = now;
            }
            Thread.sleep(50);
        }
        return last == null ? "" : last;
    }
}
