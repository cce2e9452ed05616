package io.jkeepalived.healthcheck.udp;

import io.jkeepalived.conf.model.check.CheckerTiming;
import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.UdpCheck;
import io.jkeepalived.healthcheck.ProbeHarness;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.jkeepalived.healthcheck.UdpResponder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.jkeepalived.healthcheck.ProbeHarness.RS;
import static org.assertj.core.api.Assertions.assertThat;

/** UDP_CHECK against an echo and silent responders on loopback, on both transports. */
class UdpProbeTest {
    private static UdpCheck check(String payload, boolean require, String reply, int min, int max) {
        return new UdpCheck(CheckerTiming.UNSET, ConnectionOptions.UNSET, payload, require, reply, min, max);
    }

    private static ProbeResult run(boolean epoll, UdpCheck c, int port) throws Exception {
        try (ProbeHarness h = new ProbeHarness(epoll)) {
            ProbeTarget t = ProbeHarness.loopback(port, 500);
            return h.run(new UdpProbe(c, t), t);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anEchoWithTheExpectedReplyIsHealthy(boolean epoll) throws Exception {
        try (UdpResponder echo = new UdpResponder(List::of)) {
            assertThat(run(epoll, check("68 65 6C 6C 6F", true, "68 XX 6C", 5, 5), echo.port())).isEqualTo(ProbeResult.ok());
            assertThat(echo.received.get(0)).containsExactly("hello".getBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aWrongReplyIsAMismatch(boolean epoll) throws Exception {
        try (UdpResponder echo = new UdpResponder(List::of)) {
            assertThat(run(epoll, check("01 02", true, "01 03", 0, 255), echo.port()))
                    .isEqualTo(ProbeResult.failed("UDP check to " + RS + " reply data mismatch."));
            assertThat(run(epoll, check("01 02", true, "01", 3, 255), echo.port()))
                    .isEqualTo(ProbeResult.failed("UDP check to " + RS + " reply data mismatch."));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void silenceIsSuccessUnlessAReplyIsRequired(boolean epoll) throws Exception {
        try (UdpResponder silent = new UdpResponder(req -> List.of())) {
            assertThat(run(epoll, check("01", false, null, 0, 255), silent.port())).isEqualTo(ProbeResult.ok());
            assertThat(run(epoll, check("01", true, null, 0, 255), silent.port()))
                    .isEqualTo(ProbeResult.failed("UDP connection to " + RS + " failed."));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aClosedPortFailsThroughIcmp(boolean epoll) throws Exception {
        assertThat(run(epoll, check("01", false, null, 0, 255), UdpResponder.closedPort()))
                .isEqualTo(ProbeResult.failed("UDP connection to " + RS + " failed."));
    }
}
