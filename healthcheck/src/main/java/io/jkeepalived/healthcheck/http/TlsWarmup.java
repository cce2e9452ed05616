package io.jkeepalived.healthcheck.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Warms SSL_GET's TLS client up once, at start, off the event loops: the JVM's first TLS handshake loads and
 * initialises much (the JSSE provider, key exchange, ciphers, certificate parsing and signature checks), which on a
 * loaded machine made the very first SSL_GET check overrun a short {@code connect_timeout}. One handshake between an
 * engine of the client's own {@link SslContext} and a throw-away server engine, entirely in memory (no socket), leaves
 * the first real check with the steady-state cost.
 *
 * <p>The server's key and self-signed certificate below exist only for this in-memory handshake: generated once for
 * it (RSA 2048, the usual server key, so RSA signature checking is warmed too), never used to listen or to trust
 * anything (the client context trusts every certificate anyway, as keepalived's SSL_GET does).
 */
public final class TlsWarmup {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.check");
    /** Handshake steps at most (a TLS 1.3 or 1.2 handshake takes a handful). */
    private static final int MAX_STEPS = 200;

    private static final String KEY_PKCS8 =
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDY9CUOLHBg8iA+Ehskp3Azy75+eCUoKguRYI9lpbIwoZGUKu+C"
            + "ANZFjae0I47Zc3Ns3/9hmNwRfJY9WRM/ZtIzW1JWwtrrEhrnXfG9FNsNPZtfDFYatE5McygGlka6FFxqGkfHkc2EGT78X27N5EDR"
            + "aLYkKDR+OLizxV5emvKlJBFWWtKnoQeAEMoL7o9lnZPmvYzM7V6a8WJdu5YkARNFXURyvZQMsGGEuQ76fwS+TqjX9hAXFqpshxAp"
            + "j929QqDXEr918NtZfMPk+vvDlf7p1gJBPL5ygvd1rDgEGPrg4cFpvHnbFelzNN5g2PObPk4gBmBb/o63sSqlyv4QVPGVAgMBAAEC"
            + "ggEANEYRNprNAgLc82+75AdHAOfm0ISk2UpWKrNUIcb8ifyn/cYhmtaWSkBxJ7WImgrYBSPsneitn7X/4iy390cQPykSDA8bndep"
            + "LVWkpS0lAYn2SX7IsVr/4ao+euXTCUtWIAeQg3y1Qs6tbzQUV94XIw3CkzAvw7jpggE8dXmKnPDDwGJnfde+FP3B4kizTlqcCtKV"
            + "lKESsRpLS2jjvnErS3Zr7b5PuDlUkM6OKDocrNRJyyNhSeegTIyPK72DZS16YjzzlYayEquthBMmYjFBybn+AOPBBQ5s0pDhsmfo"
            + "Jk7XAJwbH8KPCalK6366fUIr95cz/0kFdQH2PWPIPfaYAQKBgQD7jIcgV+yGQwxBTzsmTrsBxkXrTWxWlttSPRu8nokqmgJdy8N4"
            + "3kbEIgJug+hay8sB5PKSN3LqAKa7RBIJKm1O2pzyuPgPTThWYe2cq3H9CDa4DQr6h2ZgM2/GmW+9g0tZZVM4PHstgQqDydr+sy15"
            + "KA7xC58zr19GuUdBgWuoAQKBgQDcyugUw1E9Zj9bgDdpUMNpuTgPn3SXa61b+/dOmFxhjVrzjenRV9NKzrQpxTuVDhZjpGccmMpa"
            + "bLaou2kFISkiqvomRPla0j6UkAXxZvo5qLi6EqOyXzkcGaZpp49T9Bu0Y4qjG9GvHVhJBwwPtpq0Efa8fMftZOh2rXIG3sQplQKB"
            + "gDC0L8GKZIhGWQwYHBq5qamZSxZZAj3trX9Jx6IIjARMl2KzviAb4VW+Q/xD2+wggyjVvEWlKMG36JBfiKJvrYRT/YldWOIVkG/h"
            + "PBFWfJaCTZ3rIJILPz4nF2A7exAVaLRhUvCTfUH9Nxz3K0ifRpGruODg4C0wqmDWJL7BISgBAoGAQByTI2RLtL5560Hh1SzkcVCd"
            + "HLw6iLV1k14ow6OuP41iOZKdsHIGIpS+79oboP6ENc7JOh6Ls5IZwAkbR6gHX8+x72bb2Slvjof7kctLIW8CpNVAv0yzMpuoHMnQ"
            + "7pnVaZ315cLwMh8dQadQM0fcyCjnMngxPZetgLiAgcoxv7kCgYEAt5Uj0OH8+TFl6lFQ7EnYq+pODrxZg96GeIM/h2xSfeUmoT59"
            + "NW+8hhFmHZO10FGQSCiD6WzAxQhfdZu/A61ldgdDhysGT1tlyxCkfF2UQjMDhvBWstrrHQsTiYJt1bWMaPFfHY7SzYlQZ2avCF5G"
            + "/0XZ4Ys/V74i2lXHQ++Ms98=";
    private static final String CERTIFICATE =
            "MIIDSTCCAjGgAwIBAgIURvVO7+Zh3dVGJZ4lRK6sp/gY1uIwDQYJKoZIhvcNAQELBQAwMzExMC8GA1UEAwwoamtlZXBhbGl2ZWQg"
            + "VExTIHdhcm0tdXAgKGluLW1lbW9yeSBvbmx5KTAgFw0yNjExMzAxOTU2MTdaGA8yMTI2MTEwNjE5NTYxN1owMzExMC8GA1UEAwwo"
            + "amtlZXBhbGl2ZWQgVExTIHdhcm0tdXAgKGluLW1lbW9yeSBvbmx5KTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBANj0"
            + "JQ4scGDyID4SGySncDPLvn54JSgqC5Fgj2WlsjChkZQq74IA1kWNp7Qjjtlzc2zf/2GY3BF8lj1ZEz9m0jNbUlbC2usSGudd8b0U"
            + "2w09m18MVhq0TkxzKAaWRroUXGoaR8eRzYQZPvxfbs3kQNFotiQoNH44uLPFXl6a8qUkEVZa0qehB4AQygvuj2Wdk+a9jMztXprx"
            + "Yl27liQBE0VdRHK9lAywYYS5Dvp/BL5OqNf2EBcWqmyHECmP3b1CoNcSv3Xw21l8w+T6+8OV/unWAkE8vnKC93WsOAQY+uDhwWm8"
            + "edsV6XM03mDY85s+TiAGYFv+jrexKqXK/hBU8ZUCAwEAAaNTMFEwHQYDVR0OBBYEFJJ4HqPQKW2xirrtdWz3UeSa72TtMB8GA1Ud"
            + "IwQYMBaAFJJ4HqPQKW2xirrtdWz3UeSa72TtMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAKWhpsZ2fj0+HCYS"
            + "oEQ4XeeLYKj7GS6C8kn66zOARkELVUQuFlsvaVeoAU+TtVPlheSZZY74X5Qmx06b8EdvJEu6z2gIRoiXVviSY4f3zV+FyCg1j708"
            + "B2mEdwQKATDrftO4m3Vzfaai+9xnXdzUYduVvscFZ14Y2ATqVpyn0VKIRcgUfrAsccN+8/+6qA5sUV6rs+nL/D8XPg6ycuL9JXvF"
            + "6HIBr9pgz6ClKlqeJwkQe+gfE66k+GZKS2YdK9WTY8FpB9iJGdvrkmrU+mMRmZFzmIfe70yps7hASSUIqaq6mhJ8WYH9e5e9oEL2"
            + "jTYhNx1aWL+edDAujRY1Sx9hbSI=";

    private TlsWarmup() {
    }

    /** Runs {@link #handshake} on a daemon thread of its own; failures are logged at debug, never thrown. */
    public static Thread start(SslContext client) {
        Thread t = new Thread(() -> {
            try {
                long nanos = handshake(client);
                LOG.debug("SSL_GET: TLS client warmed up ({} ms)", nanos / 1_000_000);
            } catch (Exception | LinkageError e) {
                LOG.debug("SSL_GET: TLS warm-up failed (the first check pays the set-up instead)", e);
            }
        }, "jk-tls-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * One complete handshake between {@code client}'s engine and an in-memory server; returns how long it took (ns),
     * from the client engine's creation (the server's set-up before it is not counted).
     *
     * @throws SSLException if the handshake fails or does not finish within {@link #MAX_STEPS} steps
     */
    public static long handshake(SslContext client) throws SSLException, GeneralSecurityException {
        SSLEngine s = server().createSSLEngine();
        // timed from here: the client's side, as a check's handshake (the in-memory server's set-up is not)
        long started = System.nanoTime();
        // the netty handler class the probes put in their pipelines, loaded once here too
        SslHandler handler = client.newHandler(ByteBufAllocator.DEFAULT, "warmup.invalid", 443);
        SSLEngine c = handler.engine();
        s.setUseClientMode(false);
        try {
            c.beginHandshake();
            s.beginHandshake();
            int packet = Math.max(c.getSession().getPacketBufferSize(), s.getSession().getPacketBufferSize());
            int app = Math.max(c.getSession().getApplicationBufferSize(), s.getSession().getApplicationBufferSize());
            ByteBuffer toServer = ByteBuffer.allocate(packet * 4);
            ByteBuffer toClient = ByteBuffer.allocate(packet * 4);
            ByteBuffer appIn = ByteBuffer.allocate(app * 2);
            ByteBuffer empty = ByteBuffer.allocate(0);
            for (int i = 0; i < MAX_STEPS; i++) {
                if (done(c) && done(s)) {
                    return System.nanoTime() - started;
                }
                step(c, empty, toServer, toClient, appIn);
                step(s, empty, toClient, toServer, appIn);
            }
            throw new SSLException("TLS warm-up handshake did not finish in " + MAX_STEPS + " steps");
        } finally {
            c.closeOutbound();
            s.closeOutbound();
            io.netty.util.ReferenceCountUtil.release(c);
        }
    }

    private static boolean done(SSLEngine e) {
        SSLEngineResult.HandshakeStatus h = e.getHandshakeStatus();
        return h == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || h == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    /** One turn of engine {@code e}: send what it has into {@code out}, then read what the peer put in {@code in}. */
    private static void step(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer appIn)
            throws SSLException {
        tasks(e);
        if (e.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            e.wrap(empty, out);
            tasks(e);
        }
        in.flip();
        try {
            while (in.hasRemaining() && e.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                appIn.clear();
                SSLEngineResult r = e.unwrap(in, appIn);
                tasks(e);
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    break;
                }
            }
        } finally {
            in.compact();
        }
    }

    private static void tasks(SSLEngine e) {
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static SSLContext server() throws GeneralSecurityException {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(KEY_PKCS8)));
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(CERTIFICATE)));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pass = "warmup".toCharArray();
            ks.setKeyEntry("warmup", key, pass, new Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("warm-up key store", e);
        }
    }
}
