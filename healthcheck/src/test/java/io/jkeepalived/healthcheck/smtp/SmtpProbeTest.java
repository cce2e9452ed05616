package io.jkeepalived.healthcheck.smtp;

import io.jkeepalived.conf.model.check.CheckerTiming;
import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.SmtpCheck;
import io.jkeepalived.healthcheck.ProbeHarness;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** SMTP_CHECK against an SMTP responder on loopback, on both transports. */
class SmtpProbeTest {
    /** Greets with banner, answers HELO with heloReply, QUIT with 221; records what it reads. */
    static final class Responder implements AutoCloseable {
        final ServerSocket server;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Responder(String banner, String heloReply) throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                for (int i = 0; i < 20 && !server.isClosed(); i++) {
                    try (Socket s = server.accept()) {
                        OutputStream out = s.getOutputStream();
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.US_ASCII));
                        if (banner == null) {
                            in.readLine(); // silent: wait for the client to give up
                            continue;
                        }
                        out.write(banner.getBytes(StandardCharsets.US_ASCII));
                        String l;
                        while ((l = in.readLine()) != null) {
                            lines.add(l);
                            out.write((l.startsWith("QUIT") ? "221 bye\r\n" : heloReply)
                                    .getBytes(StandardCharsets.US_ASCII));
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "smtp-responder");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static ProbeResult run(boolean epoll, SmtpCheck c, int port) throws Exception {
        try (ProbeHarness h = new ProbeHarness(epoll)) {
            ProbeTarget t = ProbeHarness.loopback(port, 1000);
            return h.run(new SmtpProbe(c, t), t);
        }
    }

    private static SmtpCheck check(String helo, List<ConnectionOptions> hosts) {
        return new SmtpCheck(CheckerTiming.UNSET, ConnectionOptions.UNSET, helo, hosts);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aHealthyServer(boolean epoll) throws Exception {
        try (Responder r = new Responder("220 mx ESMTP\r\n", "250 hi\r\n")) {
            assertThat(run(epoll, check("lb.example", List.of()), r.port())).isEqualTo(ProbeResult.ok());
            assertThat(r.lines).containsExactly("HELO lb.example", "QUIT");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void failures(boolean epoll) throws Exception {
        try (Responder r = new Responder("421 busy\r\n", "250 hi\r\n")) {
            assertThat(run(epoll, check(null, List.of()), r.port())).isEqualTo(ProbeResult.failed(
                    "SMTP_CHECK Bad greeting banner from server [127.0.0.1]:" + r.port()));
        }
        try (Responder r = new Responder("220 mx\r\n", "501 no\r\n")) {
            assertThat(run(epoll, check(null, List.of()), r.port())).isEqualTo(ProbeResult.failed(
                    "SMTP_CHECK Bad HELO response from server [127.0.0.1]:" + r.port()));
        }
        try (Responder r = new Responder(null, null)) {
            assertThat(run(epoll, check(null, List.of()), r.port())).isEqualTo(ProbeResult.failed(
                    "SMTP_CHECK Read timeout from server [127.0.0.1]:" + r.port()));
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(run(epoll, check(null, List.of()), closed)).isEqualTo(ProbeResult.failed(
                "SMTP_CHECK Error connecting to server [127.0.0.1]:" + closed));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyHostBlockMustAnswer(boolean epoll) throws Exception {
        try (Responder good = new Responder("220 a\r\n", "250 hi\r\n");
             Responder bad = new Responder("220 b\r\n", "550 no\r\n")) {
            ConnectionOptions toGood = new ConnectionOptions("127.0.0.1", good.port(), null, null, null, null, null);
            ConnectionOptions toBad = new ConnectionOptions(null, bad.port(), null, null, null, null, null);
            assertThat(run(epoll, check(null, List.of(toGood)), good.port())).isEqualTo(ProbeResult.ok());
            assertThat(good.lines).hasSize(4);
            assertThat(run(epoll, check(null, List.of(toGood, toBad)), good.port())).isEqualTo(ProbeResult.failed(
                    "SMTP_CHECK Bad HELO response from server [127.0.0.1]:" + bad.port()));
        }
    }
}
