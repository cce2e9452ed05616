package io.jkeepalived.healthcheck.dns;

import io.jkeepalived.conf.model.check.CheckerTiming;
import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.DnsCheck;
import io.jkeepalived.conf.model.check.DnsType;
import io.jkeepalived.healthcheck.ProbeHarness;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.jkeepalived.healthcheck.UdpResponder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.jkeepalived.healthcheck.ProbeHarness.RS;
import static org.assertj.core.api.Assertions.assertThat;

/** DNS_CHECK against a tiny DNS responder on loopback, on both transports. */
class DnsProbeTest {
    /** Answers with the query's id and question, QR set and the given RCODE (after a reply with a wrong id). */
    private static UdpResponder responder(int rcode) throws Exception {
        return new UdpResponder(q -> {
            byte[] r = q.clone();
            r[2] = (byte) 0x81;
            r[3] = (byte) (0x80 | rcode);
            byte[] stray = r.clone();
            stray[0] ^= 0x55;
            return List.of(stray, r);
        });
    }

    private static ProbeResult run(boolean epoll, int port) throws Exception {
        try (ProbeHarness h = new ProbeHarness(epoll)) {
            ProbeTarget t = ProbeHarness.loopback(port, 500);
            return h.run(new DnsProbe(new DnsCheck(CheckerTiming.UNSET, ConnectionOptions.UNSET, DnsType.A,
                    "www.example.com"), t), t);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anAnswerIsHealthy(boolean epoll) throws Exception {
        try (UdpResponder dns = responder(0)) {
            assertThat(run(epoll, dns.port())).isEqualTo(ProbeResult.ok());
            byte[] q = dns.received.get(0);
            assertThat(q).hasSize(12 + 17 + 4);
            assertThat(q[q.length - 3]).isEqualTo((byte) 1); // type A
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anErrorRcodeFails(boolean epoll) throws Exception {
        try (UdpResponder dns = responder(2)) {
            assertThat(run(epoll, dns.port()))
                    .isEqualTo(ProbeResult.failed("DNS_CHECK (" + RS + ") read error occurred. (rcode = 2)"));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void silenceTimesOut(boolean epoll) throws Exception {
        try (UdpResponder dns = new UdpResponder(q -> List.of())) {
            assertThat(run(epoll, dns.port()))
                    .isEqualTo(ProbeResult.failed("DNS_CHECK (" + RS + ") read timeout from socket"));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aClosedPortFails(boolean epoll) throws Exception {
        ProbeResult r = run(epoll, UdpResponder.closedPort());
        assertThat(r.success()).isFalse();
        assertThat(r.failure()).startsWith("DNS_CHECK (" + RS + ") failed to read socket; ");
    }
}
