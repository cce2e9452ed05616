package io.jkeepalived.e2e.status;

import io.jkeepalived.daemon.status.MiniJson;
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
import java.util.concurrent.TimeUnit;

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
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")),
                "needs Debian's keepalived 2.2.7 (apt-get install keepalived) as the reference");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/true")), "needs /bin/true as the tracked script");
    }

    private static final String CONFIG = """
            global_defs {
              router_id LEAD1
            }
            vrrp_script chk {
              script "/bin/true"
              interval 1
              weight 2
            }
            vrrp_instance VI_1 {
              state MASTER
              interface eth0
              virtual_router_id 51
              priority 100
              advert_int 1
              authentication {
                auth_type PASS
                auth_pass secret
              }
              virtual_ipaddress {
                198.51.100.100/24
              }
              track_script {
                chk
              }
            }
            """;

    @Test
    void dumpsHaveKeepalivedsFieldsAndModes() throws Exception {
        long tag = ProcessHandle.current().pid() % 10000;
        try (NetNs kaNs = NetNs.create("ops-dk" + tag, 0); NetNs jkNs = NetNs.create("ops-dj" + tag, 0)) {
            Path conf = dir.resolve("ka.conf");
            Files.writeString(conf, CONFIG);
            Path kaDir = Files.createDirectory(dir.resolve("ka"));
            Path jkDir = Files.createDirectory(dir.resolve("jk"));
            NetNs.Host kaHost = kaNs.addHost("h1");
            NetNs.Host jkHost = jkNs.addHost("h1");
            kaHost.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            jkHost.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");

            NetNs.Daemon ka = kaHost.start(dir.resolve("ka.log"), command(List.of("/usr/sbin/keepalived"), kaDir, conf));
            List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), "io.jkeepalived.daemon.Main");
            NetNs.Daemon jk = jkHost.start(dir.resolve("jk.log"), command(java, jkDir, conf));
            assertThat(await(ka, "(VI_1) Entering MASTER STATE", 20_000)).as("keepalived master\n%s", ka.output()).isTrue();
            assertThat(await(jk, "(VI_1) Entering MASTER STATE", 30_000)).as("jkeepalived master\n%s", jk.output()).isTrue();
            Thread.sleep(1500); // a few adverts and script runs on both sides, so every counter has been touched

            kill(ka, "USR1");
            kill(jk, "USR1");
            String kaData = awaitDump(kaDir.resolve("keepalived.data"), "------< Interfaces >------");
            String jkData = awaitDump(jkDir.resolve("keepalived.data"), "------< Interfaces >------");
            assertThat(kaData).as("keepalived's data dump\n%s", ka.output()).isNotEmpty();
            assertThat(jkData).as("jkeepalived's data dump\n%s", jk.output()).isNotEmpty();
            org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
            compare(soft, "keepalived.data", kaData, jkData);

            kill(ka, "USR2");
            kill(jk, "USR2");
            String kaStats = awaitDump(kaDir.resolve("keepalived.stats"), "Priority Zero:");
            String jkStats = awaitDump(jkDir.resolve("keepalived.stats"), "Priority Zero:");
            compare(soft, "keepalived.stats", kaStats, jkStats);

            kill(ka, "36"); // SIGRTMIN+2 with glibc
            kill(jk, "36");
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
            NetNs.killGroup(ka, "TERM");
            NetNs.killGroup(jk, "TERM");
            assertThat(ka.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(jk.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The daemon's command with keepalived's flags, its own pid files, and TMPDIR for the dumps. */
    private String[] command(List<String> program, Path own, Path conf) {
        List<String> cmd = new ArrayList<>(List.of("env", "TMPDIR=" + own));
        cmd.addAll(program);
        cmd.addAll(List.of("-n", "-l", "-G", "-P", "-u", "022", "-f", conf.toString(),
                "-p", own.resolve("k.pid").toString(), "-r", own.resolve("v.pid").toString(),
                "-c", own.resolve("c.pid").toString()));
        return cmd.toArray(String[]::new);
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

    private static void kill(NetNs.Daemon d, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(d.pid())).redirectErrorStream(true).start()
                .waitFor(10, TimeUnit.SECONDS);
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
