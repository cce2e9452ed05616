package io.jkeepalived.healthcheck.http;

import io.jkeepalived.conf.model.CheckConfig;
import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.ForwardingMethod;
import io.jkeepalived.conf.model.check.HttpCheck;
import io.jkeepalived.conf.model.check.HttpProtocol;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.SslSettings;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.healthcheck.Probe;
import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.jkeepalived.healthcheck.Probes;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static io.jkeepalived.healthcheck.http.TestWebServer.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The root {@code SSL} block for SSL_GET (keepalived's check_ssl.c): files loaded at start with keepalived's error
 * lines, and the client certificate offered to a server that asks for one.
 */
class SslClientTest {
    private static Path dir;
    private static EventLoopGroup group;

    @BeforeAll
    static void keys() throws Exception {
        dir = Files.createTempDirectory("jk-cm-ssl");
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        assumeTrue(openssl("version"), "needs the openssl command to make test certificates");
        for (String n : List.of("client", "server")) {
            assumeTrue(openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", dir.resolve(n + ".key").toString(), "-out", dir.resolve(n + ".pem").toString(),
                    "-subj", "/CN=" + n + ".example", "-days", "2"), "openssl req failed");
        }
        assumeTrue(openssl("pkcs8", "-topk8", "-in", dir.resolve("client.key").toString(), "-out",
                dir.resolve("client-enc.key").toString(), "-passout", "pass:secret"), "openssl pkcs8 failed");
        Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (dir != null) {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static boolean openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    private static SslClient.SetupException failure(SslSettings s) {
        try {
            SslClient.build(s);
        } catch (SslClient.SetupException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no failure for " + s);
    }

    @Test
    void filesLoadInKeepalivedsOrderWithItsWords() throws Exception {
        assertThat(SslClient.build(new SslSettings(null, f("server.pem"), f("client.pem"), f("client.key")))).isNotNull();
        assertThat(SslClient.build(new SslSettings("secret", null, f("client.pem"), f("client-enc.key")))).isNotNull();
        assertThat(SslClient.build(SslSettings.EMPTY)).isNotNull();

        assertThat(failure(new SslSettings(null, null, f("missing.pem"), f("client.key"))).keepalivedLine())
                .isEqualTo("SSL error : Cant load certificate file...");
        assertThat(failure(new SslSettings(null, null, f("garbage.pem"), null)).getMessage())
                .startsWith("certificate file " + f("garbage.pem"));
        assertThat(failure(new SslSettings(null, null, f("client.pem"), f("missing.key"))).getMessage())
                .isEqualTo("key file " + f("missing.key") + ": cannot be read");
        // the certificate is checked first, as SSL_CTX_use_certificate_chain_file comes first
        assertThat(failure(new SslSettings(null, f("missing-ca.pem"), f("missing.pem"), f("missing.key")))
                .keepalivedLine()).isEqualTo("SSL error : Cant load certificate file...");
        SslClient.SetupException mismatch = failure(new SslSettings(null, null, f("client.pem"), f("server.key")));
        assertThat(mismatch.keepalivedLine()).isEqualTo("SSL error : Cant load key file...");
        assertThat(mismatch.getMessage()).contains("does not match");
        assertThat(failure(new SslSettings("wrong", null, f("client.pem"), f("client-enc.key"))).keepalivedLine())
                .isEqualTo("SSL error : Cant load key file...");
        assertThat(failure(new SslSettings(null, null, f("client.pem"), f("client-enc.key"))).keepalivedLine())
                .isEqualTo("SSL error : Cant load key file...");
        assertThat(failure(new SslSettings(null, f("missing-ca.pem"), null, null)).keepalivedLine())
                .isEqualTo("SSL error : Cant load CA file...");
        assertThat(failure(new SslSettings(null, f("garbage.pem"), null, null)).keepalivedLine())
                .isEqualTo("SSL error : Cant load CA file...");
    }

    private static CheckConfig config(SslSettings ssl, boolean sslGet) {
        HttpCheck c = new HttpCheck(sslGet, null, ConnectionOptions.UNSET, null, HttpProtocol.HTTP_1_0, false, false,
                List.of(HttpProbeTest.url("/")));
        RealServer rs = new RealServer("127.0.0.1", "443", 1, ForwardingMethod.NAT, false, null, null, List.of(c), null,
                null);
        VirtualServer vs = new VirtualServer(List.of("198.51.100.1", "443"), "TCP", "wlc", ForwardingMethod.NAT,
                1_000_000, 0, 1, 0, false, false, false, List.of(rs), null, null);
        return new CheckConfig(List.of(), List.of(vs), ssl);
    }

    /** keepalived's init_ssl_ctx runs only when an SSL_GET is configured (ssl_required), and stops the start. */
    @Test
    void initStopsTheStartOnlyWhenAnSslGetNeedsTheFiles() {
        SslSettings bad = new SslSettings("pw", f("missing-ca.pem"), null, null);
        SslClient.init(config(bad, false));
        SslClient.init(config(null, true));
        assertThatThrownBy(() -> SslClient.init(config(bad, true))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CA file " + f("missing-ca.pem"));
    }

    /** The server's context: its own certificate, and the client's as the only one it trusts. */
    private static SSLContext serverAsking() throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Certificate serverCert;
        Certificate clientCert;
        try (InputStream in = Files.newInputStream(dir.resolve("server.pem"))) {
            serverCert = cf.generateCertificate(in);
        }
        try (InputStream in = Files.newInputStream(dir.resolve("client.pem"))) {
            clientCert = cf.generateCertificate(in);
        }
        String pem = Files.readString(dir.resolve("server.key")).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, "x".toCharArray(), new Certificate[] {serverCert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("client", clientCert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return c;
    }

    private static ProbeResult run(HttpCheck c, ProbeTarget t, SslSettings ssl) throws Exception {
        Probe p = Probes.create(c, t);
        EventLoop loop = group.next();
        ProbeContext ctx = new ProbeContext() {
            @Override
            public EventLoop eventLoop() {
                return loop;
            }

            @Override
            public Class<? extends SocketChannel> socketChannelType() {
                return NioSocketChannel.class;
            }

            @Override
            public SslSettings ssl() {
                return ssl;
            }

            @Override
            public Executor blocking() {
                return Runnable::run;
            }

            @Override
            public LongSupplier nanoClock() {
                return System::nanoTime;
            }

            @Override
            public ProbeTarget target() {
                return t;
            }
        };
        CompletableFuture<ProbeResult> done = new CompletableFuture<>();
        loop.execute(() -> p.start(ctx, done::complete));
        try {
            return done.get(60, TimeUnit.SECONDS);
        } finally {
            p.close();
        }
    }

    @Test
    void sslGetOffersTheClientCertificateOfTheSslBlock() throws Exception {
        HttpCheck get = new HttpCheck(true, null, ConnectionOptions.UNSET, null, HttpProtocol.HTTP_1_0, false, false,
                List.of(HttpProbeTest.url("/")));
        try (TestWebServer s = TestWebServer.tlsClientAuth(serverAsking(), r -> new TestWebServer.Send(response(200, "ok")))) {
            ProbeTarget t = HttpProbeTest.target(s.address(), TimeUnit.SECONDS.toNanos(5));
            String rs = "[127.0.0.1]:tcp:" + s.port();
            // refused by the server (with TLS 1.3 after the client's side of the handshake: a read without data)
            assertThat(run(get, t, null).success()).isFalse();
            assertThat(run(get, t, new SslSettings(null, null, f("client.pem"), f("client.key")))).isEqualTo(ProbeResult.ok());
            assertThat(run(get, t, new SslSettings("secret", f("server.pem"), f("client.pem"), f("client-enc.key"))))
                    .isEqualTo(ProbeResult.ok());
            // a certificate without its key is not offered
            assertThat(run(get, t, new SslSettings(null, null, f("client.pem"), null)).success()).isFalse();
            // a file gone since the start fails the check instead of the engine
            assertThat(run(get, t, new SslSettings(null, null, f("client.pem"), f("gone.key"))).failure())
                    .isEqualTo("SSL handshake/communication error connecting to server " + rs + ".");
        }
    }
}
