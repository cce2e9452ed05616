package io.jkeepalived.healthcheck.http;

import io.jkeepalived.conf.model.CheckConfig;
import io.jkeepalived.conf.model.check.HttpCheck;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.SslSettings;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SSL_GET's TLS client context, as keepalived 2.2.7's check_ssl.c builds it once for all SSL_GET checkers
 * ({@code init_ssl_ctx}, run when the checker starts and an SSL_GET is configured): any protocol version; with a
 * root {@code SSL} block, its {@code certificate} chain and {@code key} (decrypted with {@code password}) are offered
 * when a server asks for a client certificate, and its {@code ca} file is loaded. keepalived never sets
 * SSL_VERIFY_PEER, so the server's certificate is not verified either way; the CA file must still load.
 *
 * <p>A file that cannot be loaded stops the checker as in keepalived: {@link #init} logs keepalived's lines
 * ({@code SSL error : Cant load certificate file...}, {@code Error Initialize SSL, ctx Instance}, the settings,
 * {@code Terminate...}) plus one of ours naming the file and the reason, and throws. keepalived prints the pass
 * phrase in those lines; jkeepalived does not.
 */
public final class SslClient {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.check");

    private static volatile SslContext insecure;
    private static final Map<SslSettings, SslContext> CONTEXTS = new ConcurrentHashMap<>();

    private SslClient() {
    }

    /** A settings file that cannot be used: keepalived's words and ours. */
    public static final class SetupException extends Exception {
        private final String keepalivedLine;

        SetupException(String keepalivedLine, String detail, Throwable cause) {
            super(detail, cause);
            this.keepalivedLine = keepalivedLine;
        }

        /** keepalived's log line for this failure ("SSL error : Cant load key file..."). */
        public String keepalivedLine() {
            return keepalivedLine;
        }
    }

    /** The context without an SSL block: no client certificate, no verification. */
    static SslContext insecure() throws IOException {
        SslContext c = insecure;
        if (c == null) {
            synchronized (SslClient.class) {
                c = insecure;
                if (c == null) {
                    c = builder().build();
                    insecure = c;
                }
            }
        }
        return c;
    }

    private static SslContextBuilder builder() {
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null);
    }

    /** The context for {@code settings} (null: no SSL block), built once per distinct settings. */
    public static SslContext context(SslSettings settings) throws SetupException, IOException {
        if (settings == null) {
            return insecure();
        }
        SslContext c = CONTEXTS.get(settings);
        if (c == null) {
            c = build(settings);
            SslContext raced = CONTEXTS.putIfAbsent(settings, c);
            if (raced != null) {
                c = raced;
            }
        }
        return c;
    }

    /**
     * keepalived's init_ssl_ctx() when the checker starts: when some SSL_GET is configured, the SSL block's files are
     * loaded now, so a bad one stops the start instead of failing every check.
     *
     * @throws IllegalStateException naming the file and the reason, after keepalived's log lines
     */
    public static void init(CheckConfig check) {
        if (check == null || !sslRequired(check)) {
            return;
        }
        try {
            // the JVM's first handshake is slow (providers, key exchange): paid now, in the background, instead of
            // by the first check (BOOTSTRAP_DELAY leaves it a second)
            TlsWarmup.start(context(check.ssl()));
        } catch (SetupException e) {
            SslSettings s = check.ssl();
            LOG.info(e.keepalivedLine());
            LOG.info("Error Initialize SSL, ctx Instance");
            LOG.info("  SSL  keyfile:{}", SslSettings.shown(s.key()));
            LOG.info("  SSL password:{}", s.password() == null ? "(null)" : "(set, not shown)");
            LOG.info("  SSL   cafile:{}", SslSettings.shown(s.ca()));
            LOG.info("  {}", e.getMessage());
            LOG.info("Terminate...");
            throw new IllegalStateException("SSL context: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            LOG.info("SSL error: cannot create new SSL context");
            throw new IllegalStateException("SSL context: " + e, e);
        }
    }

    /** keepalived's ssl_required: set by any SSL_GET checker. */
    public static boolean sslRequired(CheckConfig check) {
        for (VirtualServer vs : check.virtualServers()) {
            for (RealServer rs : vs.realServers()) {
                if (rs.checkers().stream().anyMatch(c -> c instanceof HttpCheck h && h.ssl())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** In keepalived's order: certificate chain, key (with the pass phrase), then the CA file. */
    static SslContext build(SslSettings s) throws SetupException, IOException {
        List<X509Certificate> chain = null;
        if (s.certificate() != null) {
            chain = certificates(s.certificate(), "SSL error : Cant load certificate file...", "certificate");
        }
        PrivateKey key = null;
        if (s.key() != null) {
            key = privateKey(s.key(), s.password());
            if (chain != null && !matches(key, chain.get(0).getPublicKey())) {
                // OpenSSL's SSL_CTX_use_PrivateKey_file checks the key against the certificate loaded before it
                throw new SetupException("SSL error : Cant load key file...",
                        "key file " + s.key() + " does not match certificate " + s.certificate(), null);
            }
        }
        if (s.ca() != null) {
            certificates(s.ca(), "SSL error : Cant load CA file...", "CA");
        }
        SslContextBuilder b = builder();
        if (chain != null && key != null) {
            b.keyManager(key, chain.toArray(X509Certificate[]::new));
        }
        return b.build();
    }

    private static List<X509Certificate> certificates(String file, String keepalivedLine, String what)
            throws SetupException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new SetupException(keepalivedLine, what + " file " + file + " holds no certificate", null);
            }
            return certs;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new SetupException(keepalivedLine, what + " file " + file + ": " + reason(e), e);
        }
    }

    private static PrivateKey privateKey(String file, String password) throws SetupException {
        if (!Files.isReadable(Path.of(file))) {
            throw new SetupException("SSL error : Cant load key file...", "key file " + file + ": cannot be read", null);
        }
        try {
            return KeyReader.read(new File(file), password);
        } catch (Exception e) {
            throw new SetupException("SSL error : Cant load key file...", "key file " + file + ": " + reason(e), e);
        }
    }

    /** Whether {@code key} is the private half of {@code pub}: a signature made with one verifies with the other. */
    static boolean matches(PrivateKey key, PublicKey pub) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (alg == null || !key.getAlgorithm().equals(pub.getAlgorithm())) {
            return alg == null; // an algorithm we cannot try: leave the check to the handshake
        }
        try {
            byte[] probe = "jkeepalived key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(alg);
            sign.initSign(key);
            sign.update(probe);
            byte[] sig = sign.sign();
            Signature verify = Signature.getInstance(alg);
            verify.initVerify(pub);
            verify.update(probe);
            return verify.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String reason(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** netty's PEM private-key reader (PKCS#8, encrypted PKCS#8 with the pass phrase, PKCS#1 where supported). */
    private abstract static class KeyReader extends SslContext {
        static PrivateKey read(File file, String password) throws Exception {
            return toPrivateKey(file, password);
        }
    }
}
