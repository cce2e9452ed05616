package io.jkeepalived.e2e.check;

import io.jkeepalived.e2e.check.RealServers.Http;
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

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SSL_GET end to end: the real servers are this test's HTTPS listeners, whose certificate the test makes with the
 * JDK's keytool and swaps while running. keepalived 2.2.7 never verifies the server's certificate (check_ssl.c
 * creates its context without SSL_VERIFY_PEER and has no {@code verify_cert} keyword; the global {@code SSL} block's
 * {@code ca} only loads locations), so a self-signed, an expired or a wrongly named certificate keeps the real
 * server, as it does under keepalived; a failed handshake, a 503 and a changed digest over TLS evict it after its
 * retries, and it comes back when healthy.
 *
 * <p>connect_timeout is 5 s: the JVM's first TLS handshake (JSSE class loading and initialisation) took more than
 * 2 s on this shared build machine, so with 2 s the first attempt of each SSL_GET timed out and the real servers
 * were removed for a second after start; keepalived has no such cost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SslCheckE2eTest {
    private static final String RS = "198.51.100.20";
    private static final String VS = "[198.51.100.1]:tcp:443";
    private static final String SERVICE = "TCP 198.51.100.1:443";
    private static final String BODY = "tls healthy\n";

    @TempDir
    static Path dir;

    private CheckLab lab;
    private Http status;
    private Http digest;
    private Http handshake;
    private SSLContext valid;
    private SSLContext expired;
    private SSLContext otherName;
    private int started;

    @BeforeAll
    void start() throws Exception {
        String why = CheckLab.unavailable();
        Assumptions.assumeTrue(why == null, why);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Assumptions.assumeTrue(Files.isExecutable(keytool), "needs the JDK's keytool to make the certificates");
        valid = certificate(keytool, "valid", "CN=" + RS, null, 2);
        expired = certificate(keytool, "expired", "CN=" + RS, "-30d", 1);
        otherName = certificate(keytool, "other", "CN=www.example.com", null, 2);
        lab = CheckLab.create("ssl", dir, RS);
        status = new Http(lab, RS, 443, valid, BODY, "other\n");
        digest = new Http(lab, RS, 444, valid, BODY, "other\n");
        handshake = new Http(lab, RS, 445, valid, BODY, "other\n");
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(BODY.getBytes(StandardCharsets.US_ASCII)));
        started = lab.mark();
        lab.start("""
                virtual_server 198.51.100.1 443 {
                  protocol TCP
                  delay_loop 1
                  real_server %1$s 443 {
                    SSL_GET {
                      url {
                        path /health
                        status_code 200-299
                      }
                      retry 2
                      delay_before_retry 0.3
                      connect_timeout 5
                      warmup 0
                    }
                  }
                  real_server %1$s 444 {
                    SSL_GET {
                      url {
                        path /page
                        digest %2$s
                      }
                      retry 1
                      delay_before_retry 0.3
                      connect_timeout 5
                      warmup 0
                    }
                  }
                  real_server %1$s 445 {
                    SSL_GET {
                      url {
                        path /
                      }
                      retry 1
                      delay_before_retry 0.3
                      connect_timeout 5
                      warmup 0
                      log_all_failures
                    }
                  }
                }
                """.formatted(RS, md5));
    }

    /** A PKCS12 key store made by keytool (EC P-256), loaded as a server TLS context. */
    private static SSLContext certificate(Path keytool, String name, String dname, String startDate, int days)
            throws Exception {
        Path store = dir.resolve(name + ".p12");
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", name,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname, "-validity", Integer.toString(days),
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit"));
        if (startDate != null) {
            cmd.addAll(List.of("-startdate", startDate));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool failed: " + Files.readString(dir.resolve(name + ".log")));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {status, digest, handshake}) {
            if (c != null) {
                c.close();
            }
        }
        if (lab != null) {
            lab.close();
        }
    }

    private Cycle cycle(int port, int retry, RealServers.Server server) {
        return new Cycle(lab, "[" + RS + "]:tcp:" + port, VS, RS + ":" + port, SERVICE, retry, server::attempts, false);
    }

    @Test
    @Order(1)
    void certificatesAreNotVerifiedAsInKeepalived() throws Exception {
        Cycle c = cycle(443, 2, status);
        c.kept(started, 2);
        assertThat(lab.since(started)).contains("Remote Web server [198.51.100.20]:tcp:443 succeed on service.");
        int m = lab.mark();
        status.tls = expired;
        c.stillKept(m, 2);
        status.tls = otherName;
        c.stillKept(m, 2);
        status.tls = valid;
        c.stillKept(m, 1);
        assertThat(status.requests).allMatch(r -> r.startsWith("GET /health HTTP/1.0\r\n"));
    }

    @Test
    @Order(2)
    void statusCodeOverTls() throws Exception {
        Cycle c = cycle(443, 2, status);
        String down = c.evicted(() -> status.mode = Web.STATUS_503);
        assertThat(c.linesAbout(down)).startsWith(c.httpCheckFailed());
        String up = c.restored(() -> status.mode = Web.OK);
        assertThat(c.linesAbout(up)).startsWith(c.httpCheckSucceeded());
    }

    @Test
    @Order(3)
    void digestOverTls() throws Exception {
        cycle(444, 1, digest).httpCycle(started, () -> digest.mode = Web.OTHER_BODY, () -> digest.mode = Web.OK);
    }

    @Test
    @Order(4)
    void failedHandshake() throws Exception {
        Cycle c = cycle(445, 1, handshake);
        c.kept(started, 2);
        // the server closes before the handshake: keepalived's ssl_connect failure, logged per attempt here
        String down = c.evicted(() -> handshake.mode = Web.CLOSE);
        assertThat(c.linesAbout(down)).startsWith(
                c.gaveUp("HTTP_CHECK", "SSL handshake/communication error connecting to server [198.51.100.20]:tcp:445."));
        c.restored(() -> handshake.mode = Web.OK);
    }
}
