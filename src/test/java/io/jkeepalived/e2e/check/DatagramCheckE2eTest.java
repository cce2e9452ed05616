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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * UDP_CHECK, DNS_CHECK, PING_CHECK and SMTP_CHECK end to end: a UDP echo, a DNS responder and an SMTP responder
 * written in this test answer from the real servers' namespace, and that namespace's kernel answers (or, with
 * {@code icmp_echo_ignore_all}, drops) ICMP echo requests. Each real server: healthy → kept, failing → evicted after
 * exactly its retries (attempts counted by the responder, or by keepalived's log_all_failures lines where nothing
 * reaches a responder), healthy again → restored, with keepalived 2.2.7's lines (check_udp.c, check_dns.c,
 * check_ping.c, check_smtp.c).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatagramCheckE2eTest {
    private static final String RS = "198.51.100.40";
    private static final String PING = "198.51.100.41";
    private static final String PING6 = "2001:db8::41";
    private static final String UVS = "[198.51.100.1]:udp:53";
    private static final String USERVICE = "UDP 198.51.100.1:53";
    private static final String TVS = "[198.51.100.1]:tcp:25";
    private static final String TSERVICE = "TCP 198.51.100.1:25";

    @TempDir
    static Path dir;

    private CheckLab lab;
    private Udp echo;
    private Udp quiet;
    private Udp dns;
    private Smtp smtp;
    private int started;

    @BeforeAll
    void start() throws Exception {
        String why = CheckLab.unavailable();
        Assumptions.assumeTrue(why == null, why);
        lab = CheckLab.create("udp", dir, RS, PING, PING6);
        echo = new Udp(lab, RS, 7, false);
        quiet = new Udp(lab, RS, 9, false);
        dns = new Udp(lab, RS, 53, true);
        smtp = new Smtp(lab, RS, 25);
        started = lab.mark();
        lab.start("""
                virtual_server 198.51.100.1 53 {
                  protocol UDP
                  delay_loop 1
                  real_server %1$s 7 {
                    UDP_CHECK {
                      payload 6a6b2d6365
                      require_reply 6a6b2d6365
                      retry 2
                      delay_before_retry 0.3
                      connect_timeout 0.5
                      warmup 0
                    }
                  }
                  real_server %1$s 9 {
                    UDP_CHECK {
                      payload 00
                      retry 1
                      delay_before_retry 0.3
                      connect_timeout 0.5
                      warmup 0
                      log_all_failures
                    }
                  }
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
                  real_server %2$s 53 {
                    PING_CHECK {
                      retry 2
                      delay_before_retry 0.3
                      connect_timeout 0.5
                      warmup 0
                      log_all_failures
                    }
                  }
                }
                virtual_server 2001:db8::1 53 {
                  protocol UDP
                  delay_loop 1
                  real_server %3$s 53 {
                    PING_CHECK {
                      retry 1
                      delay_before_retry 0.3
                      connect_timeout 0.5
                      warmup 0
                    }
                  }
                }
                virtual_server 198.51.100.1 25 {
                  protocol TCP
                  delay_loop 1
                  real_server %1$s 25 {
                    SMTP_CHECK {
                      helo_name ce.example.com
                      retry 1
                      delay_before_retry 0.3
                      connect_timeout 1
                      warmup 0
                    }
                  }
                }
                """.formatted(RS, PING, PING6));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {echo, quiet, dns, smtp}) {
            if (c != null) {
                c.close();
            }
        }
        if (lab != null) {
            lab.close();
        }
    }

    private Cycle udp(String ip, int port, int retry, RealServers.Server server) {
        return new Cycle(lab, "[" + ip + "]:udp:" + port, UVS, ip + ":" + port, USERVICE, retry,
                server == null ? null : server::attempts, false);
    }

    @Test
    @Order(1)
    void udpEchoAndSilence() throws Exception {
        Cycle c = udp(RS, 7, 2, echo);
        c.kept(started, 2);
        assertThat(lab.since(started)).contains("UDP connection to [198.51.100.40]:udp:7 success.");
        assertThat(echo.received).allMatch(b -> CheckLab.text(b).equals("jk-ce"));
        String down = c.evicted(() -> echo.mode(Datagram.SILENT));
        assertThat(c.linesAbout(down)).startsWith(c.gaveUp("UDP_CHECK", null));
        String up = c.restored(() -> echo.mode(Datagram.ANSWER));
        assertThat(c.linesAbout(up)).startsWith("UDP connection to [198.51.100.40]:udp:7 success.",
                "Adding service [198.51.100.40]:udp:7 to VS [198.51.100.1]:udp:53");
    }

    @Test
    @Order(2)
    void udpPortUnreachable() throws Exception {
        Cycle c = udp(RS, 9, 1, quiet);
        c.kept(started, 2); // no require_reply: silence is success
        Cycle byLog = udp(RS, 9, 1, null);
        String down = byLog.evicted(() -> quiet.mode(Datagram.CLOSED));
        assertThat(c.linesAbout(down)).startsWith(c.gaveUp("UDP_CHECK", "UDP connection to [198.51.100.40]:udp:9 failed."));
        c.restored(() -> quiet.mode(Datagram.SILENT));
    }

    @Test
    @Order(3)
    void dnsErrorAndTimeout() throws Exception {
        Cycle c = udp(RS, 53, 2, dns);
        c.kept(started, 2);
        String down = c.evicted(() -> dns.mode(Datagram.ERROR));
        // keepalived's dns_final words the last failure itself, with no "DNS_CHECK on service" line
        assertThat(c.linesAbout(down)).startsWith(
                "DNS_CHECK ([198.51.100.40]:udp:53) read error occurred. (rcode = 2) after 2 retries",
                "Removing service [198.51.100.40]:udp:53 from VS [198.51.100.1]:udp:53");
        c.restored(() -> dns.mode(Datagram.ANSWER));
        down = c.evicted(() -> dns.mode(Datagram.SILENT));
        assertThat(c.linesAbout(down)).startsWith(
                "DNS_CHECK ([198.51.100.40]:udp:53) read timeout from socket after 2 retries",
                "Removing service [198.51.100.40]:udp:53 from VS [198.51.100.1]:udp:53");
        c.restored(() -> dns.mode(Datagram.ANSWER));
    }

    @Test
    @Order(4)
    void pingAnsweredOrDropped() throws Exception {
        Cycle c = udp(PING, 53, 2, null);
        c.kept(started, 0);
        assertThat(lab.since(started)).contains("ICMP connection to [198.51.100.41]:udp:53 success.");
        String down = c.evicted(() -> lab.serverSysctl("net.ipv4.icmp_echo_ignore_all=1"));
        // log_all_failures: one timeout line per attempt, then keepalived's icmp_epilog line naming the VS
        assertThat(c.linesAbout(down)).startsWith(
                "ICMP connection to address [198.51.100.41]:udp:53 timeout.",
                "ICMP connection to address [198.51.100.41]:udp:53 timeout.",
                "ICMP connection to address [198.51.100.41]:udp:53 timeout.",
                "ICMP CHECK on service [198.51.100.41]:udp:53 of [198.51.100.1]:udp:53 failed after 2 retries.",
                "Removing service [198.51.100.41]:udp:53 from VS [198.51.100.1]:udp:53");
        String up = c.restored(() -> lab.serverSysctl("net.ipv4.icmp_echo_ignore_all=0"));
        assertThat(c.linesAbout(up)).startsWith("ICMP connection to [198.51.100.41]:udp:53 success.");
    }

    @Test
    @Order(5)
    void pingIpv6() throws Exception {
        Cycle c = new Cycle(lab, "[2001:db8::41]:udp:53", "[2001:db8::1]:udp:53", "[2001:db8::41]:53",
                "UDP [2001:db8::1]:53", 1, null, false);
        c.kept(started, 0);
        String down = c.evicted(() -> lab.serverSysctl("net.ipv6.icmp.echo_ignore_all=1"));
        assertThat(c.linesAbout(down)).startsWith(
                "ICMP CHECK on service [2001:db8::41]:udp:53 of [2001:db8::1]:udp:53 failed after 1 retries.",
                "Removing service [2001:db8::41]:udp:53 from VS [2001:db8::1]:udp:53");
        c.restored(() -> lab.serverSysctl("net.ipv6.icmp.echo_ignore_all=0"));
    }

    @Test
    @Order(6)
    void smtpGreetingAndHelo() throws Exception {
        Cycle c = new Cycle(lab, "[" + RS + "]:tcp:25", TVS, RS + ":25", TSERVICE, 1, smtp::attempts, false);
        c.kept(started, 2);
        assertThat(lab.since(started)).contains("Remote SMTP server [198.51.100.40]:tcp:25 succeed on service.");
        assertThat(smtp.commands).contains("HELO ce.example.com", "QUIT");
        // keepalived's smtp_final logs the last failure ("SMTP_CHECK ...") and no "on service ... failed" line
        String down = c.evicted(() -> smtp.mode = Mail.GREETING_421);
        assertThat(c.linesAbout(down, "[198.51.100.40]:25")).startsWith(
                "SMTP_CHECK Bad greeting banner from server [198.51.100.40]:25",
                "Removing service [198.51.100.40]:tcp:25 from VS [198.51.100.1]:tcp:25");
        c.restored(() -> smtp.mode = Mail.OK);
        down = c.evicted(() -> smtp.mode = Mail.HELO_550);
        assertThat(c.linesAbout(down, "[198.51.100.40]:25")).startsWith(
                "SMTP_CHECK Bad HELO response from server [198.51.100.40]:25",
                "Removing service [198.51.100.40]:tcp:25 from VS [198.51.100.1]:tcp:25");
        String up = c.restored(() -> smtp.mode = Mail.OK);
        assertThat(c.linesAbout(up)).startsWith("Remote SMTP server [198.51.100.40]:tcp:25 succeed on service.");
    }
}
