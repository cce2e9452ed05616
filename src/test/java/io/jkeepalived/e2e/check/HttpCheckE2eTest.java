package io.jkeepalived.e2e.check;

import io.jkeepalived.e2e.check.RealServers.Http;
import io.jkeepalived.e2e.check.RealServers.Tcp;
import io.jkeepalived.e2e.check.RealServers.Web;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TCP_CHECK and HTTP_GET end to end: {@code jkeepalived -C --dry-run} in the director's namespace checks real servers
 * that are listeners of this test in the real servers' namespace (one address, a port per real server). Each real
 * server goes healthy → kept, failing → evicted after exactly its retries (attempts counted by the server, or by
 * the log_all_failures lines for a refused TCP port), healthy again → restored; the failure lines are keepalived
 * 2.2.7's (check_tcp.c, check_http.c).
 *
 * <p>keepalived 2.2.7 itself cannot run this topology: its checker process exits at start on a kernel without IPVS
 * ("IPVS: Can't initialize ipvs: No such file or directory", then "exited with permanent error FATAL"), so the
 * comparison is with the texts of its source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpCheckE2eTest {
    private static final String RS = "198.51.100.10";
    private static final String RS6 = "2001:db8::10";
    private static final String VS = "[198.51.100.1]:tcp:80";
    private static final String SERVICE = "TCP 198.51.100.1:80";
    private static final String BODY = "healthy page\n";
    private static final String OTHER = "sick page\n";

    @TempDir
    static Path dir;

    private CheckLab lab;
    private Tcp tcp;
    private Tcp tcp6;
    private Http status;
    private Http digest;
    private Http regex;
    private Http hang;
    private Http inhibit;
    private int started;

    @BeforeAll
    void start() throws Exception {
        String why = CheckLab.unavailable();
        Assumptions.assumeTrue(why == null, why);
        lab = CheckLab.create("http", dir, RS, RS6);
        tcp = new Tcp(lab, RS, 8080);
        tcp6 = new Tcp(lab, RS6, 8080);
        status = new Http(lab, RS, 8081, null, BODY, OTHER);
        digest = new Http(lab, RS, 8082, null, BODY, OTHER);
        regex = new Http(lab, RS, 8083, null, BODY, OTHER);
        hang = new Http(lab, RS, 8084, null, BODY, OTHER);
        inhibit = new Http(lab, RS, 8085, null, BODY, OTHER);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(BODY.getBytes(StandardCharsets.US_ASCII)));
        started = lab.mark();
        lab.start("""
                virtual_server 198.51.100.1 80 {
                  protocol TCP
                  delay_loop 1
                  real_server %1$s 8080 {
                    TCP_CHECK {
                      retry 2
                      delay_before_retry 0.3
                      connect_timeout 1
                      warmup 0
                      log_all_failures
                    }
                  }
                  real_server %1$s 8081 {
                    HTTP_GET {
                      url {
                        path /status
                        status_code 200
                      }
                      retry 2
                      delay_before_retry 0.3
                      connect_timeout 1
                      warmup 0
                    }
                  }
                  real_server %1$s 8082 {
                    HTTP_GET {
                      url {
                        path /page
                        digest %2$s
                      }
                      retry 1
                      delay_before_retry 0.3
                      connect_timeout 1
                      warmup 0
                    }
                  }
                  real_server %1$s 8083 {
                    HTTP_GET {
                      url {
                        path /
                        regex "healthy"
                      }
                      retry 3
                      delay_before_retry 0.2
                      connect_timeout 1
                      warmup 0
                    }
                  }
                  real_server %1$s 8084 {
                    HTTP_GET {
                      url {
                        path /slow
                      }
                      retry 1
                      delay_before_retry 0.3
                      connect_timeout 0.5
                      warmup 0
                      log_all_failures
                    }
                  }
                  real_server %1$s 8085 {
                    inhibit_on_failure
                    weight 5
                    HTTP_GET {
                      url {
                        path /status
                      }
                      retry 1
                      delay_before_retry 0.3
                      connect_timeout 1
                      warmup 0
                    }
                  }
                }
                virtual_server 2001:db8::1 80 {
                  protocol TCP
                  delay_loop 1
                  real_server %3$s 8080 {
                    TCP_CHECK {
                      retry 1
                      delay_before_retry 0.3
                      connect_timeout 1
                      warmup 0
                      log_all_failures
                    }
                  }
                }
                """.formatted(RS, md5, RS6));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {tcp, tcp6, status, digest, regex, hang, inhibit}) {
            if (c != null) {
                c.close();
            }
        }
        if (lab != null) {
            lab.close();
        }
    }

    private Cycle cycle(int port, int retry, RealServers.Server server) {
        return new Cycle(lab, "[" + RS + "]:tcp:" + port, VS, RS + ":" + port, SERVICE, retry,
                server == null ? null : server::attempts, false);
    }

    @Test
    @Order(1)
    void tcpCheckRefusedPort() throws Exception {
        Cycle c = cycle(8080, 2, tcp);
        c.kept(started, 2);
        assertThat(lab.since(started)).contains("TCP connection to [198.51.100.10]:tcp:8080 success.");
        // the refused attempts are counted by keepalived's log_all_failures line, one per attempt
        Cycle byLog = cycle(8080, 2, null);
        String down = byLog.evicted(() -> tcp.refuse(true));
        assertThat(byLog.linesAbout(down)).startsWith(
                byLog.gaveUp("TCP_CHECK", "TCP connection to [198.51.100.10]:tcp:8080 failed."));
        String up = c.restored(() -> tcp.refuse(false));
        assertThat(c.linesAbout(up)).startsWith("TCP connection to [198.51.100.10]:tcp:8080 success.",
                "Adding service [198.51.100.10]:tcp:8080 to VS [198.51.100.1]:tcp:80");
    }

    @Test
    @Order(2)
    void tcpCheckIpv6() throws Exception {
        Cycle c = new Cycle(lab, "[2001:db8::10]:tcp:8080", "[2001:db8::1]:tcp:80", "[2001:db8::10]:8080",
                "TCP [2001:db8::1]:80", 1, null, false);
        c.kept(started, 0);
        String down = c.evicted(() -> tcp6.refuse(true));
        assertThat(c.linesAbout(down)).startsWith(
                c.gaveUp("TCP_CHECK", "TCP connection to [2001:db8::10]:tcp:8080 failed."));
        c.restored(() -> tcp6.refuse(false));
    }

    @Test
    @Order(3)
    void httpStatusCode() throws Exception {
        Cycle c = cycle(8081, 2, status);
        c.kept(started, 2);
        assertThat(status.requests.get(0)).startsWith("GET /status HTTP/1.0\r\n");
        int before = status.attempts();
        String down = c.evicted(() -> status.mode = Web.STATUS_503);
        // the three failing attempts are delay_before_retry (0.3 s) apart, not delay_loop (1 s)
        assertThat(status.gapsMillis(before).subList(0, 2)).as("gaps between the retries")
                .allSatisfy(g -> assertThat(g).isBetween(250L, 800L));
        assertThat(c.linesAbout(down)).startsWith(c.httpCheckFailed());
        String up = c.restored(() -> status.mode = Web.OK);
        assertThat(c.linesAbout(up)).startsWith(c.httpCheckSucceeded());
    }

    @Test
    @Order(4)
    void httpDigest() throws Exception {
        cycle(8082, 1, digest).httpCycle(started, () -> digest.mode = Web.OTHER_BODY, () -> digest.mode = Web.OK);
    }

    @Test
    @Order(5)
    void httpRegex() throws Exception {
        cycle(8083, 3, regex).httpCycle(started, () -> regex.mode = Web.OTHER_BODY, () -> regex.mode = Web.OK);
    }

    @Test
    @Order(6)
    void httpReadTimeout() throws Exception {
        Cycle c = cycle(8084, 1, hang);
        c.kept(started, 2);
        String down = c.evicted(() -> hang.mode = Web.HANG);
        // log_all_failures: keepalived's timeout_epilog line for each attempt while the checker is up
        assertThat(c.linesAbout(down)).startsWith(
                c.gaveUp("HTTP_CHECK", "Timeout WEB read server [198.51.100.10]:tcp:8084."));
        c.restored(() -> hang.mode = Web.OK);
    }

    @Test
    @Order(7)
    void inhibitOnFailureSetsWeightZero() throws Exception {
        Cycle c = new Cycle(lab, "[" + RS + "]:tcp:8085", VS, RS + ":8085", SERVICE, 1, inhibit::attempts, true);
        c.kept(started, 2);
        String down = c.evicted(() -> inhibit.mode = Web.CLOSE);
        assertThat(c.linesAbout(down)).startsWith(
                "HTTP_CHECK on service [198.51.100.10]:tcp:8085 failed after 1 retries.",
                "Disabling service [198.51.100.10]:tcp:8085 of VS [198.51.100.1]:tcp:80");
        String up = c.restored(() -> inhibit.mode = Web.OK);
        assertThat(lab.lines(0, "Dry run: edit destination 198.51.100.10:8085 ")).last().asString().contains(" weight 5 ");
        assertThat(c.linesAbout(up)).contains("Enabling service [198.51.100.10]:tcp:8085 of VS [198.51.100.1]:tcp:80");
    }

    @Test
    @Order(8)
    void stopRemovesTheService() throws Exception {
        int m = lab.mark();
        lab.stop();
        assertThat(lab.since(m)).contains("Dry run: delete service " + SERVICE, "Dry run: delete service TCP [2001:db8::1]:80");
    }
}
