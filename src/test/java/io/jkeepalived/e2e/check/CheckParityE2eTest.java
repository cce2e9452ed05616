package io.jkeepalived.e2e.check;

import io.jkeepalived.e2e.check.RealServers.Datagram;
import io.jkeepalived.e2e.check.RealServers.Mail;
import io.jkeepalived.e2e.check.RealServers.Smtp;
import io.jkeepalived.e2e.check.RealServers.Udp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checker behaviour that keepalived 2.2.7 has and that needs a running daemon to see, counted at the real servers:
 * <ul>
 *   <li>SMTP_CHECK failing from the very first check is evicted after retry+1 attempts (check_smtp.c's
 *       smtp_start_check_thread resets retry_it for every round, the first too);</li>
 *   <li>DNS_CHECK failing from the first check is evicted at once, and while down is tried a delay_loop apart, not
 *       delay_before_retry (check_dns.c's dns_final retries only a checker that is up);</li>
 *   <li>{@code ha_suspend}: while the virtual address is absent from the director nothing connects to the real server;
 *       keepalived's Deactivating / Activating / Suspending lines (check_api.c).</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckParityE2eTest {
    private static final String RS = "198.51.100.50";
    private static final String VIP = "198.51.100.100";

    @TempDir
    static Path dir;

    private CheckLab lab;
    private Smtp smtp;
    private Smtp suspended;
    private Udp dns;
    private int started;

    @BeforeAll
    void start() throws Exception {
        String why = CheckLab.unavailable();
        Assumptions.assumeTrue(why == null, why);
        lab = CheckLab.create("checkparity", dir, RS);
        smtp = new Smtp(lab, RS, 25);
        smtp.mode = Mail.GREETING_421;
        suspended = new Smtp(lab, RS, 2525);
        dns = new Udp(lab, RS, 53, true);
        dns.mode(Datagram.ERROR);
        started = lab.mark();
        lab.start("""
                virtual_server 198.51.100.1 25 {
                  protocol TCP
                  delay_loop 1
                  real_server %1$s 25 {
                    SMTP_CHECK {
                      helo_name ce.example.com
                      retry 2
                      delay_before_retry 0.3
                      connect_timeout 1
                      warmup 0
                    }
                  }
                }
                virtual_server 198.51.100.1 53 {
                  protocol UDP
                  delay_loop 3
                  real_server %1$s 53 {
                    DNS_CHECK {
                      type A
                      name www.example.com
                      retry 2
                      delay_before_retry 0.3
                      connect_timeout 0.5
                      warmup 0
                    }
                  }
                }
                virtual_server %2$s 2525 {
                  protocol TCP
                  delay_loop 0.3
                  ha_suspend
                  real_server %1$s 2525 {
                    TCP_CHECK {
                      retry 0
                      connect_timeout 1
                      warmup 0
                    }
                  }
                }
                """.formatted(RS, VIP));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {smtp, suspended, dns}) {
            if (c != null) {
                c.close();
            }
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void smtpRetriesAFailureAtTheVeryFirstCheck() throws Exception {
        String removed = "Removing service [" + RS + "]:tcp:25 from VS [198.51.100.1]:tcp:25";
        int seen = lab.awaitCounting(started, removed, Cycle.WAIT_MS, smtp::attempts);
        assertThat(seen).as("evicted after retry 2 + 1 failing attempts\n%s", lab.log()).isEqualTo(3);
        List<String> lines = lab.since(started).lines().map(CheckLab::stripStamp)
                .filter(l -> l.contains("[" + RS + "]:25") || l.contains("[" + RS + "]:tcp:25")).toList();
        // smtp_final logs the round's last failure once (no log_all_failures), then the server goes
        assertThat(lines).containsSubsequence("SMTP_CHECK Bad greeting banner from server [" + RS + "]:25", removed);
        assertThat(lines.stream().filter(l -> l.startsWith("SMTP_CHECK Bad greeting"))).hasSize(1);
    }

    @Test
    @Order(2)
    void dnsIsEvictedAtTheFirstFailureAndNotRetriedWhileDown() throws Exception {
        String removed = "Removing service [" + RS + "]:udp:53 from VS [198.51.100.1]:udp:53";
        int seen = lab.awaitCounting(started, removed, Cycle.WAIT_MS, dns::attempts);
        assertThat(seen).as("one failure is enough initially\n%s", lab.log()).isEqualTo(1);
        assertThat(lab.lines(started, "DNS_CHECK ([" + RS + "]:udp:53)"))
                .containsExactly("DNS_CHECK ([" + RS + "]:udp:53) read error occurred. (rcode = 2)");
        for (int i = 0; i < 400 && dns.attempts() < seen + 2; i++) {
            Thread.sleep(50);
        }
        assertThat(dns.attempts()).as("tried again while down").isGreaterThanOrEqualTo(seen + 2);
        // delay_loop 3 s apart, where a retry would come after delay_before_retry 0.3 s
        assertThat(dns.gapsMillis(seen - 1)).as("gaps between the attempts while down")
                .allSatisfy(g -> assertThat(g).isGreaterThan(2000L));
        assertThat(lab.lines(started, "DNS_CHECK ([" + RS + "]:udp:53)")).as("nothing logged while down").hasSize(1);
    }

    @Test
    @Order(3)
    void haSuspendChecksNothingWhileTheVirtualAddressIsAbsent() throws Exception {
        String rs = "[" + RS + "]:tcp:2525";
        String vs = "[" + VIP + "]:tcp:2525";
        assertThat(lab.await(started, "Deactivating healthchecker for service " + rs + " for VS " + vs, Cycle.WAIT_MS))
                .as("suspended at start\n%s", lab.log()).isTrue();
        // the other virtual servers' checks run meanwhile (delay_loop 0.3 would have made several attempts here)
        for (int i = 0; i < 200 && smtp.attempts() + dns.attempts() < 3; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(2000);
        assertThat(suspended.attempts()).as("no connection while the VIP is absent").isZero();

        int m = lab.mark();
        director("add");
        assertThat(lab.await(m, "Activating healthchecker for service " + rs + " for VS " + vs, Cycle.WAIT_MS))
                .as("resumed when the VIP comes\n%s", lab.since(m)).isTrue();
        for (int i = 0; i < 200 && suspended.attempts() < 3; i++) {
            Thread.sleep(50);
        }
        assertThat(suspended.attempts()).as("checked once the VIP is there").isGreaterThanOrEqualTo(3);

        m = lab.mark();
        director("del");
        assertThat(lab.await(m, "Suspending healthchecker for service " + rs + " for VS " + vs, Cycle.WAIT_MS))
                .as("suspended when the VIP goes\n%s", lab.since(m)).isTrue();
        int atSuspend = suspended.attempts();
        Thread.sleep(2000);
        // an attempt in flight as the VIP went may still arrive; nothing starts after it
        assertThat(suspended.attempts()).as("no connection after the VIP went").isLessThanOrEqualTo(atSuspend + 1);
        assertThat(lab.since(started)).doesNotContain("Removing service " + rs);
    }

    /** Adds or removes the VIP on the director's interface (the daemon's namespace). */
    private static void director(String op) throws Exception {
        Process p = new ProcessBuilder("ip", "-n", "jk-ce-checkparity-d", "addr", op, VIP + "/32", "dev", "eth0")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ip addr %s %s: %s", op, VIP, new String(p.getInputStream().readAllBytes()))
                .isZero();
    }
}
