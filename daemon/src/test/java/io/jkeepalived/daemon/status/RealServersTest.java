package io.jkeepalived.daemon.status;

import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.daemon.TestConfigs;
import io.jkeepalived.healthcheck.RealServerStatus.CheckerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RealServersTest {
    @TempDir
    Path dir;

    @Test
    void checkerEngineStatusBecomesMetrics() throws Exception {
        VirtualServer vs = TestConfigs.load(dir, """
                virtual_server 203.0.113.10 80 {
                    protocol TCP
                    real_server 203.0.113.21 80 {
                        TCP_CHECK {
                            connect_timeout 3
                        }
                    }
                }
                """).check().virtualServers().get(0);
        List<RealServerStatus> rs = RealServers.of(List.of(
                new io.jkeepalived.healthcheck.RealServerStatus(vs, vs.realServers().get(0), "[203.0.113.21]:tcp:80",
                        true, 1, List.of(new CheckerStatus("TCP_CHECK", true, 0, 4, 2_000_000, 10),
                        new CheckerStatus("HTTP_GET", true, 0, 0, -1, -1))),
                new io.jkeepalived.healthcheck.RealServerStatus(vs, vs.realServers().get(0), "[203.0.113.22]:tcp:80",
                        false, 1, List.of(new CheckerStatus("TCP_CHECK", false, 3, 3, -1, -1)))));
        assertThat(rs).containsExactly(
                new RealServerStatus("203.0.113.10 80/TCP", "[203.0.113.21]:tcp:80", true, 2_000_000),
                new RealServerStatus("203.0.113.10 80/TCP", "[203.0.113.22]:tcp:80", false, -1));
        String m = PrometheusFormat.format(new DaemonStatus(0, List.of(), rs));
        assertThat(m).contains(
                "jkeepalived_real_server_up{virtual_server=\"203.0.113.10 80/TCP\",real_server=\"[203.0.113.21]:tcp:80\"} 1\n",
                "jkeepalived_real_server_up{virtual_server=\"203.0.113.10 80/TCP\",real_server=\"[203.0.113.22]:tcp:80\"} 0\n",
                "jkeepalived_real_server_check_latency_seconds{virtual_server=\"203.0.113.10 80/TCP\","
                        + "real_server=\"[203.0.113.21]:tcp:80\"} 0.002000\n");
    }
}
