package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** keepalived's validate_check_config hand-down: checker ← real_server ← virtual_server ← type default. */
class CheckScheduleTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private CheckSchedule first(String conf, int vsIndex, int rsIndex) throws Exception {
        KeepalivedConfig c = HcConfigs.load(dir, conf);
        VirtualServer vs = c.check().virtualServers().get(vsIndex);
        RealServer rs = vs.realServers().get(rsIndex);
        return CheckSchedule.resolve(vs, rs, rs.checkers().get(0), false);
    }

    @Test
    void defaultsWithNothingSet() throws Exception {
        CheckSchedule s = first("""
                virtual_server 198.51.100.1 80 {
                  protocol TCP
                  real_server 198.51.100.10 80 {
                    TCP_CHECK {
                    }
                  }
                }
                """, 0, 0);
        // delay_loop 60 s, retry 1, delay_before_retry 1 s, warmup = delay_loop, connect_timeout 5 s, no alpha
        assertThat(s).isEqualTo(new CheckSchedule("TCP_CHECK", 1, S, 60 * S, 60 * S, 5 * S, false, false));
    }

    @Test
    void virtualServerValuesReachTheCheckers() throws Exception {
        CheckSchedule s = first("""
                virtual_server 198.51.100.1 80 {
                  protocol TCP
                  delay_loop 7
                  retry 4
                  delay_before_retry 2
                  warmup 3
                  connect_timeout 9
                  alpha
                  real_server 198.51.100.10 80 {
                    TCP_CHECK {
                    }
                  }
                }
                """, 0, 0);
        assertThat(s).isEqualTo(new CheckSchedule("TCP_CHECK", 4, 2 * S, 3 * S, 7 * S, 9 * S, true, false));
    }

    @Test
    void realServerOverridesVirtualServerAndCheckerOverridesBoth() throws Exception {
        String conf = """
                virtual_server 198.51.100.1 80 {
                  protocol TCP
                  delay_loop 7
                  retry 4
                  connect_timeout 9
                  real_server 198.51.100.10 80 {
                    delay_loop 5
                    retry 2
                    connect_timeout 1.5
                    delay_before_retry 0.5
                    TCP_CHECK {
                      retry 3
                      connect_timeout 2
                      log_all_failures
                    }
                  }
                  real_server 198.51.100.11 80 {
                    alpha
                    TCP_CHECK {
                      delay_loop 1
                    }
                  }
                }
                """;
        CheckSchedule a = first(conf, 0, 0);
        assertThat(a).isEqualTo(new CheckSchedule("TCP_CHECK", 3, S / 2, 5 * S, 5 * S, 2 * S, false, true));
        CheckSchedule b = first(conf, 0, 1);
        // the checker's own delay_loop is also its warmup when none is set
        assertThat(b).isEqualTo(new CheckSchedule("TCP_CHECK", 4, S, S, S, 9 * S, true, false));
    }

    @Test
    void httpNbGetRetryAndItsLongerDelayBeforeRetry() throws Exception {
        CheckSchedule s = first("""
                virtual_server 198.51.100.1 80 {
                  protocol TCP
                  real_server 198.51.100.10 80 {
                    HTTP_GET {
                      url {
                        path /
                        status_code 200
                      }
                      nb_get_retry 5
                    }
                  }
                }
                """, 0, 0);
        assertThat(s.retry()).isEqualTo(5);
        assertThat(s.delayBeforeRetry()).isEqualTo(3 * S);
    }

    @Test
    void targetTakesConnectIpPortBindAndTheRealServerName() throws Exception {
        KeepalivedConfig c = HcConfigs.load(dir, """
                virtual_server 198.51.100.1 80 {
                  protocol TCP
                  real_server 198.51.100.10 8080 {
                    TCP_CHECK {
                      connect_ip 198.51.100.20
                      connect_port 81
                      bindto 198.51.100.2
                      bind_port 4000
                      bind_if eth0
                      fwmark 7
                    }
                  }
                }
                virtual_server 2001:db8::1 443 {
                  protocol TCP
                  real_server 2001:db8:0:0::10 443 {
                    TCP_CHECK {
                    }
                  }
                }
                """);
        VirtualServer vs = c.check().virtualServers().get(0);
        RealServer rs = vs.realServers().get(0);
        CheckSchedule s = CheckSchedule.resolve(vs, rs, rs.checkers().get(0), false);
        String name = CheckerEngine.trio(rs.address(), rs.port(), vs.protocol());
        ProbeTarget t = CheckerEngine.target(vs, rs, rs.checkers().get(0), s, name);
        assertThat(t.connect().getAddress().getHostAddress()).isEqualTo("198.51.100.20");
        assertThat(t.connect().getPort()).isEqualTo(81);
        assertThat(t.bindTo().getAddress().getHostAddress()).isEqualTo("198.51.100.2");
        assertThat(t.bindTo().getPort()).isEqualTo(4000);
        assertThat(t.bindInterface()).isEqualTo("eth0");
        assertThat(t.fwmark()).isEqualTo(7);
        assertThat(t.realServer()).isEqualTo("[198.51.100.10]:tcp:8080");
        assertThat(CheckerEngine.vsName(vs)).isEqualTo("[198.51.100.1]:tcp:80");
        VirtualServer vs6 = c.check().virtualServers().get(1);
        RealServer rs6 = vs6.realServers().get(0);
        assertThat(CheckerEngine.trio(rs6.address(), rs6.port(), vs6.protocol())).isEqualTo("[2001:db8::10]:tcp:443");
    }
}
