package io.jkeepalived.healthcheck.http;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A web server for the tests, on loopback, whose every byte the test decides: it reads a request head, records it
 * (and the TLS server name asked for), then plays the test's {@link Reply} for that request.
 */
final class TestWebServer implements AutoCloseable {
    /** What the server does with one request. */
    sealed interface Reply permits Send, Hang, Reset, CloseNow {
    }

    /** Writes these bytes (in pieces of at most {@code piece} bytes, flushing each), then closes (or hangs). */
    record Send(byte[] bytes, int piece, boolean thenHang) implements Reply {
        Send(byte[] bytes) {
            this(bytes, Integer.MAX_VALUE, false);
        }
    }

    /** Reads the request and never answers. */
    record Hang() implements Reply {
    }

    /** Writes these bytes then resets the connection (SO_LINGER 0). */
    record Reset(byte[] bytes) implements Reply {
    }

    /** Closes without reading or writing. */
    record CloseNow() implements Reply {
    }

    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> serverNames = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final Thread thread;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Function<String, Reply> replies;
    private volatile boolean closed;

    private TestWebServer(ServerSocket socket, Function<String, Reply> replies) {
        this.socket = socket;
        this.replies = replies;
        this.thread = new Thread(this::serve, "test-web-server");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static TestWebServer plain(Function<String, Reply> replies) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TestWebServer(s, replies);
    }

    static TestWebServer tls(SSLContext tls, Function<String, Reply> replies) throws IOException {
        SSLServerSocket s = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TestWebServer(s, replies);
    }

    /** A TLS server that requires a client certificate its {@code tls} context trusts. */
    static TestWebServer tlsClientAuth(SSLContext tls, Function<String, Reply> replies) throws IOException {
        SSLServerSocket s = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        s.setNeedClientAuth(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TestWebServer(s, replies);
    }

    /** A self-signed certificate made with the JDK's keytool into {@code dir}; null when keytool is missing. */
    static SSLContext selfSigned(Path dir) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            return null;
        }
        Path store = dir.resolve("server.p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "web", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=www.example.com", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
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

    void replies(Function<String, Reply> r) {
        replies = r;
    }

    int port() {
        return socket.getLocalPort();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return;
            }
            open.add(s);
            Thread t = new Thread(() -> handle(s), "test-web-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void handle(Socket s) {
        try {
            if (s instanceof SSLSocket ssl) {
                SSLParameters p = ssl.getSSLParameters();
                p.setSNIMatchers(List.of(new SNIMatcher(0) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        serverNames.add(new String(name.getEncoded(), StandardCharsets.US_ASCII));
                        return true;
                    }
                }));
                ssl.setSSLParameters(p);
            }
            Reply reply;
            String request = "";
            InputStream in = s.getInputStream();
            if (replies.apply(null) instanceof CloseNow) {
                reply = new CloseNow();
            } else {
                request = readHead(in);
                requests.add(request);
                reply = replies.apply(request);
            }
            OutputStream out = s.getOutputStream();
            if (reply instanceof CloseNow) {
                s.close();
            } else if (reply instanceof Hang) {
                drain(in); // until the client gives up and closes
            } else if (reply instanceof Reset r) {
                out.write(r.bytes());
                out.flush();
                s.setSoLinger(true, 0);
                s.close();
            } else if (reply instanceof Send send) {
                byte[] b = send.bytes();
                for (int off = 0; off < b.length; off += send.piece()) {
                    out.write(b, off, Math.min(send.piece(), b.length - off));
                    out.flush();
                }
                if (send.thenHang()) {
                    drain(in);
                }
                s.close();
            }
        } catch (IOException e) {
            // the client went away: nothing to serve
        } finally {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
            open.remove(s);
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[512];
        while (in.read(sink) >= 0) {
            // the client's timeout (or close()) ends it
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        for (int i = 0; i < 65536; i++) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1
                    : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                break;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A response with a Content-Length. */
    static byte[] response(int status, String body) {
        return bytes("HTTP/1.0 " + status + " X\r\nServer: test\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    }
}
