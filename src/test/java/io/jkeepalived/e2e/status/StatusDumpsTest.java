package io.jkeepalived.e2e.status;

import io.jkeepalived.daemon.status.MiniJson;
import io.jkeepalived.e2e.DaemonProcess;
import io.jkeepalived.e2e.NetNs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running daemon's dumps and status endpoint (issue 7), in a namespace {@code jk-dumps*} of its own: one
 * MASTER instance with PASS auth and a track_script (the configuration keepalived 2.2.7 wrote the samples with);
 * SIGUSR1, SIGUSR2 and SIGRTMIN+2 write the data, stats and JSON files (mode 0600), and {@code --metrics-address} serves
 * {@code /metrics}, {@code /status} and {@code /json} inside the namespace (curl runs there too).
 * The dumps go to the test's directory ({@code -Djk.dumpDirectory}), not /tmp.
 */
class StatusDumpsTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "needs curl to query the endpoint");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/true")), "needs /bin/true as the tracked script");
    }

    /** Also {@link StatusDumpsDifferentialTest}'s: both daemons run it there. */
    static final String CONFIG = """
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
    void signalsWriteTheDumpsAndTheEndpointAnswers() throws Exception {
        try (NetNs ns = NetNs.create("dumps" + ProcessHandle.current().pid() % 100000, 0)) {
            NetNs.Host h1 = ns.addHost("h1");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            Path conf = dir.resolve("ka.conf");
            Files.writeString(conf, CONFIG);
            Path dumps = Files.createDirectory(dir.resolve("dumps"));
            NetNs.Daemon d = DaemonProcess.start(h1, DaemonProcess.jkeepalived("-Djk.dumpDirectory=" + dumps), conf, dir,
                    "jk", "-P", "--metrics-address", "127.0.0.1:9650");
            assertThat(DaemonProcess.await(d, "(VI_1) Entering MASTER STATE", 20_000)).as("becomes master\n%s", d.output()).isTrue();

            DaemonProcess.signal(d, "USR1");
            Path data = dumps.resolve("keepalived.data");
            assertThat(DaemonProcess.awaitFile(data, "   State = MASTER\n")).as("data file\n%s", d.output()).isTrue();
            String text = Files.readString(data);
            assertThat(text).contains("------< VRRP Topology >------\n", " VRRP Instance = VI_1\n",
                    "   Effective priority = 102\n", "   Using src_ip = 198.51.100.1\n",
                    "     198.51.100.100/24 dev eth0 scope global set\n", "     chk weight 2\n", "   Status = GOOD\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rw-------");

            DaemonProcess.signal(d, "USR2");
            Path stats = dumps.resolve("keepalived.stats");
            assertThat(DaemonProcess.awaitFile(stats, "Priority Zero:")).as("stats file\n%s", d.output()).isTrue();
            assertThat(Files.readString(stats)).startsWith("VRRP Instance: VI_1\n").contains("  Became master: 1\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stats))).isEqualTo("rw-------");
            assertThat(d.output()).contains("Printing VRRP data for process(", "Printing VRRP stats for process(");

            DaemonProcess.signal(d, "36"); // SIGRTMIN+2 with glibc, keepalived's JSON dump
            Path jsonFile = dumps.resolve("keepalived.json");
            assertThat(DaemonProcess.awaitFile(jsonFile, "\"iname\":\"VI_1\"")).as("json file\n%s", d.output()).isTrue();
            MiniJson.validate(Files.readString(jsonFile).strip());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jsonFile))).isEqualTo("rw-------");

            String metrics = h1.check("curl", "-sf", "http://127.0.0.1:9650/metrics");
            assertThat(metrics).contains("jkeepalived_vrrp_state{iname=\"VI_1\",intf=\"eth0\",vrid=\"51\"} 2\n",
                    "jkeepalived_vrrp_effective_priority{iname=\"VI_1\",intf=\"eth0\",vrid=\"51\"} 102\n",
                    "jkeepalived_vrrp_became_master_total{iname=\"VI_1\",intf=\"eth0\",vrid=\"51\"} 1\n",
                    "jkeepalived_vrrp_tracker_weight{iname=\"VI_1\",intf=\"eth0\",vrid=\"51\",tracker=\"script chk\"} 2\n");
            String status = h1.check("curl", "-sf", "http://127.0.0.1:9650/status");
            MiniJson.validate(status);
            assertThat(status).contains("\"state\":\"MASTER\"", "{\"name\":\"script chk\",\"weight\":2,\"fault\":false}");
            String json = h1.check("curl", "-sf", "http://127.0.0.1:9650/json").strip();
            MiniJson.validate(json);
            assertThat(json).contains("\"iname\":\"VI_1\"", "\"state\":2", "\"track_script\":[\"'");
            assertThat(ns.host().exec(5, "curl", "-sf", "http://127.0.0.1:9650/metrics").exit())
                    .as("bound to the loopback of its own namespace only").isNotZero();
            assertThat(d.process().isAlive()).as("the signals did not stop the daemon\n%s", d.output()).isTrue();

            assertThat(DaemonProcess.stop(d, 10)).as("stops on SIGTERM").isTrue();
            assertThat(d.output()).contains("Stopped");
        }
    }

}
