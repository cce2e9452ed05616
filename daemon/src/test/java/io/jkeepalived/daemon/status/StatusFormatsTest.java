package io.jkeepalived.daemon.status;

import io.jkeepalived.daemon.TestConfigs;
import io.jkeepalived.vrrp.fsm.VrrpInstanceConfig;
import io.jkeepalived.vrrp.fsm.VrrpState;
import io.jkeepalived.vrrp.packet.AuthType;
import io.jkeepalived.vrrp.packet.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusFormatsTest {
    @TempDir
    Path dir;

    static InstanceStatus backup() {
        VrrpInstanceConfig c = VrrpInstanceConfig.builder("VI_\"2\"", 52).priority(90).build();
        InstanceStatus.Counters counters = new InstanceStatus.Counters(10, 1, 1, 1, 2, 0,
                Map.of(RejectReason.INVALID_PASSWORD, 3L, RejectReason.AH_INVALID_ICV, 1L, RejectReason.TTL, 4L));
        return new InstanceStatus(c, "eth1", "203.0.113.2", null, List.of("203.0.113.1"), AuthType.PASS, "pw",
                List.of("203.0.113.100/24 dev eth1 scope global"), List.of("2001:db8::1/64 dev eth1 scope global"),
                VrrpState.BACKUP, 88, 100, "203.0.113.1", 100, 3_656_250, 1_796_041_301_000_001L, 0, false,
                List.of(new TrackerStatus("script chk", -2, false), new TrackerStatus("interface eth1", 0, true)),
                counters, 0, null).withSplitBrain(2, "203.0.113.9");
    }

    @Test
    void statsCountDropsInKeepalivedsFields() {
        String s = StatsDump.format(List.of(backup()));
        assertThat(s).contains("VRRP Instance: VI_\"2\"\n", "    Received: 10\n", "    TTL: 4\n",
                "    Failure: 4\n", "  Released master: 1\n", "  Priority Zero:\n    Received: 2\n    Sent: 0\n");
    }

    @Test
    void prometheusHasEverySeriesWithEscapedLabels() {
        String m = PrometheusFormat.format(new DaemonStatus(0, List.of(backup()),
                List.of(new RealServerStatus("203.0.113.10:80/TCP", "203.0.113.21:80", true, 1_500_000))));
        String l = "{iname=\"VI_\\\"2\\\"\",intf=\"eth1\",vrid=\"52\"";
        assertThat(m).contains("jkeepalived_vrrp_state" + l + "} 1\n",
                "jkeepalived_vrrp_effective_priority" + l + "} 88\n",
                "jkeepalived_vrrp_base_priority" + l + "} 90\n",
                "jkeepalived_vrrp_adverts_received_total" + l + "} 10\n",
                "jkeepalived_vrrp_adverts_dropped_total" + l + ",reason=\"invalid_password\"} 3\n",
                "jkeepalived_vrrp_adverts_dropped_total" + l + ",reason=\"bad_checksum\"} 0\n",
                "jkeepalived_vrrp_split_brain_total" + l + "} 2\n",
                "jkeepalived_vrrp_tracker_fault" + l + ",tracker=\"interface eth1\"} 1\n",
                "jkeepalived_vrrp_tracker_weight" + l + ",tracker=\"script chk\"} -2\n",
                "jkeepalived_vrrp_last_transition_timestamp_seconds" + l + "} 1796041301.000001\n",
                "jkeepalived_real_server_up{virtual_server=\"203.0.113.10:80/TCP\",real_server=\"203.0.113.21:80\"} 1\n",
                "jkeepalived_real_server_check_latency_seconds{virtual_server=\"203.0.113.10:80/TCP\","
                        + "real_server=\"203.0.113.21:80\"} 0.001500\n");
        // every sample line is NAME{LABELS} VALUE, every family has HELP and TYPE before its samples
        for (String line : m.lines().toList()) {
            if (!line.startsWith("#")) {
                assertThat(line).matches("[a-z_]+\\{.*\\} -?[0-9.]+");
                String family = line.substring(0, line.indexOf('{'));
                assertThat(m.indexOf("# TYPE " + family + " ")).isBetween(0, m.indexOf(line));
            }
        }
    }

    @Test
    void statusJsonIsValidAndHasTrackersButNoPassword() {
        String j = StatusJson.format(new DaemonStatus(1_000_000, List.of(backup()),
                List.of(new RealServerStatus("203.0.113.10:80/TCP", "203.0.113.21:80", false, -1))));
        MiniJson.validate(j);
        assertThat(j).contains("\"trackers\":[{\"name\":\"script chk\",\"weight\":-2,\"fault\":false}",
                "\"split_brain\":{\"count\":2,\"peer\":\"203.0.113.9\"}", "\"dropped\":{\"ttl\":4,",
                "\"name\":\"VI_\\\"2\\\"\"", "\"up\":false").doesNotContain("pw");
    }

    @Test
    void keepalivedJsonIsValidForEveryShape() {
        String j = JsonDump.format(List.of(backup(), backup()), DumpFacts.NONE);
        MiniJson.validate(j);
        assertThat(j).contains("\"evips\":[\"2001:db8::1\\/64 dev eth1 scope global\"]", "\"state\":1",
                "\"auth_failure\":4", "\"ip_ttl_err\":4");
        MiniJson.validate(JsonDump.format(List.of(), DumpFacts.NONE));
    }

    /** keepalived 2.2.7 writes its dumps to $TMPDIR when that is an absolute path (lib/utils.c), else to /tmp. */
    @Test
    void dumpDirectoryFollowsTmpdir() {
        assertThat(DumpPaths.of(null, "/var/tmp/ka")).isEqualTo(DumpPaths.in(Path.of("/var/tmp/ka")));
        assertThat(DumpPaths.of(null, "relative")).isEqualTo(DumpPaths.DEFAULT);
        assertThat(DumpPaths.of(null, "")).isEqualTo(DumpPaths.DEFAULT);
        assertThat(DumpPaths.of(null, null)).isEqualTo(DumpPaths.DEFAULT);
    }

    @Test
    void dumpFileLocationsFromGlobalDefs() throws Exception {
        assertThat(DumpPaths.of(null, null)).isEqualTo(DumpPaths.DEFAULT);
        var g = TestConfigs.load(dir, "global_defs {\n router_id lab\n}\n").global();
        assertThat(DumpPaths.of(g, null)).as("keepalived 2.2.7's paths").isEqualTo(DumpPaths.DEFAULT);
        // keepalived 2.3.3's keywords, recorded as global lines once the parser knows them (2.2.7 does not)
        var with = new io.jkeepalived.conf.model.GlobalDefs(g.routerId(), g.notification(), g.scripts(), g.vrrp(),
                g.garp(), g.firewall(), g.processes(), g.lvs(), g.runtime(), g.fifos(), List.of(
                new io.jkeepalived.conf.model.Setting("state_dump_file", List.of("/run/jk/data"), false, List.of(), List.of()),
                new io.jkeepalived.conf.model.Setting("json_dump_file", List.of("/run/jk/json"), false, List.of(), List.of())));
        DumpPaths p = DumpPaths.of(with, null);
        assertThat(p.data()).isEqualTo(Path.of("/run/jk/data"));
        assertThat(p.stats()).isEqualTo(Path.of("/tmp/keepalived.stats"));
        assertThat(p.json()).isEqualTo(Path.of("/run/jk/json"));
    }

    @Test
    void dumpFilesAreWrittenWithMode0600AndReplaced() throws Exception {
        DumpPaths paths = new DumpPaths(dir.resolve("d"), dir.resolve("s"), dir.resolve("j"));
        Files.writeString(paths.stats(), "old, world-readable");
        Files.setPosixFilePermissions(paths.stats(), PosixFilePermissions.fromString("rw-r--r--"));
        DumpWriter w = new DumpWriter(() -> List.of(backup()), DumpFacts.NONE, paths);
        assertThat(w.writeData()).isTrue();
        assertThat(w.writeStats()).isTrue();
        assertThat(w.writeJson()).isTrue();
        for (Path f : List.of(paths.data(), paths.stats(), paths.json())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        }
        assertThat(Files.readString(paths.stats())).startsWith("VRRP Instance: VI_\"2\"\n");
        assertThat(Files.readString(paths.data())).contains("   State = BACKUP\n", "   Password = pw\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("d", "s", "j");
        }
        DumpWriter failing = new DumpWriter(() -> {
            throw new IOException("the VRRP thread did not report its status within 1000 ms");
        }, DumpFacts.NONE, paths);
        assertThat(failing.writeStats()).as("a failure is logged, not thrown").isFalse();
    }

    @Test
    void metricsAddressForms() throws Exception {
        assertThat(StatusHttpServer.parse("9650")).isEqualTo(new InetSocketAddress("127.0.0.1", 9650));
        assertThat(StatusHttpServer.parse(":9650")).isEqualTo(new InetSocketAddress("127.0.0.1", 9650));
        assertThat(StatusHttpServer.parse("198.51.100.1:80")).isEqualTo(new InetSocketAddress("198.51.100.1", 80));
        assertThat(StatusHttpServer.parse("[::1]:9650").getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThatThrownBy(() -> StatusHttpServer.parse("::1:9650")).hasMessageContaining("[ADDR]:PORT");
        assertThatThrownBy(() -> StatusHttpServer.parse("host:x")).hasMessageContaining("not a port");
        assertThatThrownBy(() -> StatusHttpServer.parse("70000")).hasMessageContaining("outside");
    }

    @Test
    void endpointServesTheThreeFormatsOnLoopback() throws Exception {
        try (StatusHttpServer s = StatusHttpServer.start("127.0.0.1:0", () -> List.of(backup()), DumpFacts.NONE)) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + s.port();
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue(PrometheusFormat.CONTENT_TYPE);
            assertThat(metrics.body()).contains("jkeepalived_vrrp_state{");
            HttpResponse<String> status = client.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            MiniJson.validate(status.body());
            HttpResponse<String> json = client.send(HttpRequest.newBuilder(URI.create(base + "/json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            MiniJson.validate(json.body().strip());
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            HttpResponse<String> other = client.send(HttpRequest.newBuilder(URI.create(base + "/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);
        }
        try (StatusHttpServer s = StatusHttpServer.start("127.0.0.1:0", () -> {
            throw new IOException("VRRP thread busy");
        }, DumpFacts.NONE)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + s.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("VRRP thread busy");
        }
    }
}
