package io.jkeepalived.e2e.check;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The real servers of the checker suites, written in the test so it decides every answer: each is opened inside the
 * real servers' namespace ({@link CheckLab#inServers}), counts the attempts it sees (with their times), and has a
 * mode the test flips between healthy and one way of failing. Every thread is a daemon thread and every socket is
 * closed by {@link #close}.
 */
final class RealServers {
    private RealServers() {
    }

    /** What all the test's servers share: an attempt counter with the arrival times. */
    abstract static class Server implements AutoCloseable {
        final AtomicInteger attempts = new AtomicInteger();
        final List<Long> times = new CopyOnWriteArrayList<>();
        final List<Socket> open = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        void attempt() {
            times.add(System.nanoTime());
            attempts.incrementAndGet();
        }

        int attempts() {
            return attempts.get();
        }

        /** Gaps in ms between the attempts from index {@code from} on. */
        List<Long> gapsMillis(int from) {
            List<Long> t = List.copyOf(times);
            List<Long> out = new java.util.ArrayList<>();
            for (int i = Math.max(1, from + 1); i < t.size(); i++) {
                out.add((t.get(i) - t.get(i - 1)) / 1_000_000);
            }
            return out;
        }

        static Thread daemon(String name, Runnable r) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** A TCP socket listening on {@code at} in the real servers' namespace. */
        static ServerSocket listening(CheckLab lab, InetSocketAddress at) throws IOException {
            return lab.inServers(() -> {
                ServerSocket ss = new ServerSocket();
                ss.setReuseAddress(true);
                ss.bind(at, 64);
                return ss;
            });
        }

        /**
         * Accepts on {@code socket} until {@link #close}, each connection kept in {@link #open} and handed to
         * {@code handler} on a thread of its own ({@code kind-conn}).
         */
        void acceptEach(ServerSocket socket, String kind, InetSocketAddress at, Consumer<Socket> handler) {
            daemon(kind + "-" + at, () -> {
                while (!closed) {
                    Socket s;
                    try {
                        s = socket.accept();
                    } catch (IOException e) {
                        return;
                    }
                    open.add(s);
                    daemon(kind + "-conn", () -> handler.accept(s));
                }
            });
        }

        void closeOpen() {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    /** A TCP port that accepts and closes (FIN) every connection, or refuses them while {@link #refuse} is on. */
    static final class Tcp extends Server {
        private final InetSocketAddress at;
        private final CheckLab lab;
        private volatile ServerSocket socket;

        Tcp(CheckLab lab, String ip, int port) throws IOException {
            this.lab = lab;
            this.at = new InetSocketAddress(InetAddress.getByName(ip), port);
            listen();
        }

        private void listen() throws IOException {
            ServerSocket s = listening(lab, at);
            socket = s;
            daemon("tcp-" + at, () -> {
                while (!s.isClosed()) {
                    try (Socket c = s.accept()) {
                        attempt();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        /** On: the port is closed (the kernel answers RST); off: listening again. */
        void refuse(boolean on) throws IOException {
            if (on && socket != null) {
                socket.close();
                socket = null;
            } else if (!on && socket == null) {
                listen();
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            if (socket != null) {
                socket.close();
            }
        }
    }

    /** How the web server answers. */
    enum Web { OK, STATUS_503, OTHER_BODY, HANG, CLOSE }

    /**
     * A small HTTP/1.0 server (TLS when given a context): reads the request head, records it, answers {@code 200} with
     * {@link #body} in mode OK, 503 with the same body, 200 with another body (digest and regex change), never
     * answers (HANG: the client's read times out) or closes at once (CLOSE).
     */
    static final class Http extends Server {
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final ServerSocket socket;
        volatile Web mode = Web.OK;
        /** TLS: each accepted connection is wrapped with the context of the moment, so the test swaps certificates. */
        volatile SSLContext tls;
        final String body;
        final String otherBody;

        Http(CheckLab lab, String ip, int port, SSLContext tls, String body, String otherBody) throws IOException {
            this.body = body;
            this.otherBody = otherBody;
            this.tls = tls;
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(ip), port);
            this.socket = listening(lab, at);
            acceptEach(socket, "http", at, this::handle);
        }

        private void handle(Socket plain) {
            Socket s = plain;
            try (plain) {
                Web m = mode;
                if (m == Web.CLOSE) {
                    attempt();
                    return;
                }
                SSLContext t = tls;
                if (t != null) {
                    SSLSocket ssl = (SSLSocket) t.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
                    ssl.setUseClientMode(false);
                    s = ssl;
                }
                InputStream in = s.getInputStream();
                String head = readHead(in);
                requests.add(head);
                attempt();
                OutputStream out = s.getOutputStream();
                switch (m) {
                    case OK -> out.write(response(200, body));
                    case STATUS_503 -> out.write(response(503, body));
                    case OTHER_BODY -> out.write(response(200, otherBody));
                    case HANG -> {
                        byte[] sink = new byte[512];
                        while (in.read(sink) >= 0) {
                            // until the checker gives up and closes
                        }
                    }
                    default -> {
                    }
                }
                out.flush();
            } catch (IOException e) {
                // the checker went away (a timeout, a failed handshake): nothing to serve
            } finally {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
                open.remove(plain);
            }
        }

        static byte[] response(int status, String body) {
            return ("HTTP/1.0 " + status + " X\r\nServer: ce\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
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
            closeOpen();
        }
    }

    /** How the SMTP responder answers. */
    enum Mail { OK, GREETING_421, HELO_550, SILENT }

    /** An SMTP responder: greeting 220, HELO → 250, QUIT → 221; or a 421 greeting, a 550 to HELO, or silence. */
    static final class Smtp extends Server {
        final List<String> commands = new CopyOnWriteArrayList<>();
        private final ServerSocket socket;
        volatile Mail mode = Mail.OK;

        Smtp(CheckLab lab, String ip, int port) throws IOException {
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(ip), port);
            this.socket = listening(lab, at);
            acceptEach(socket, "smtp", at, this::handle);
        }

        private void handle(Socket s) {
            try (s) {
                attempt();
                Mail m = mode;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                if (m == Mail.SILENT) {
                    in.transferTo(OutputStream.nullOutputStream());
                    return;
                }
                out.write((m == Mail.GREETING_421 ? "421 mx.example.com busy\r\n"
                        : "220 mx.example.com ESMTP ce\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 0; i < 5; i++) {
                    String line = readLine(in);
                    if (line == null) {
                        return;
                    }
                    commands.add(line);
                    String reply = line.startsWith("HELO") || line.startsWith("EHLO")
                            ? (m == Mail.HELO_550 ? "550 not you\r\n" : "250 mx.example.com\r\n")
                            : line.startsWith("QUIT") ? "221 bye\r\n" : "502 what\r\n";
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (line.startsWith("QUIT")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the checker went away
            } finally {
                open.remove(s);
            }
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < 1024; i++) {
                int c = in.read();
                if (c < 0) {
                    return null;
                }
                if (c == '\n') {
                    break;
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            socket.close();
            closeOpen();
        }
    }

    /** How a datagram server answers. */
    enum Datagram { ANSWER, ERROR, SILENT, CLOSED }

    /**
     * A UDP server: an echo (ANSWER returns the request), or a DNS responder ({@code dns}: ANSWER is a response with
     * RCODE 0 and one A record, ERROR is SERVFAIL); SILENT reads and never answers; CLOSED closes the port so the
     * kernel answers ICMP port unreachable (the socket is bound again when the mode leaves CLOSED).
     */
    static final class Udp extends Server {
        final List<byte[]> received = new CopyOnWriteArrayList<>();
        private final CheckLab lab;
        private final InetSocketAddress at;
        private final boolean dns;
        private volatile DatagramSocket socket;
        private volatile Datagram mode = Datagram.ANSWER;

        Udp(CheckLab lab, String ip, int port, boolean dns) throws IOException {
            this.lab = lab;
            this.at = new InetSocketAddress(InetAddress.getByName(ip), port);
            this.dns = dns;
            bind();
        }

        private void bind() throws IOException {
            DatagramSocket s = lab.inServers(() -> new DatagramSocket(at));
            socket = s;
            daemon("udp-" + at, () -> {
                byte[] buf = new byte[2048];
                while (!s.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        s.receive(p);
                    } catch (IOException e) {
                        return;
                    }
                    byte[] req = Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
                    received.add(req);
                    attempt();
                    Datagram m = mode;
                    byte[] reply = m == Datagram.SILENT ? null : dns ? dnsReply(req, m == Datagram.ERROR ? 2 : 0) : req;
                    if (reply != null) {
                        try {
                            s.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                        } catch (IOException e) {
                            return;
                        }
                    }
                }
            });
        }

        void mode(Datagram m) throws IOException {
            if (m == Datagram.CLOSED && socket != null) {
                socket.close();
                socket = null;
            } else if (m != Datagram.CLOSED && socket == null) {
                bind();
            }
            mode = m;
        }

        /**
         * A DNS response (RFC 1035 §4.1) to {@code query}: its id and question, QR and RA set, {@code rcode}, and on
         * success one A record 203.0.113.53 pointing at the question by compression.
         */
        static byte[] dnsReply(byte[] query, int rcode) {
            if (query.length < 12) {
                return null;
            }
            ByteBuffer out = ByteBuffer.allocate(query.length + 16).order(ByteOrder.BIG_ENDIAN);
            ByteBuffer q = ByteBuffer.wrap(query).order(ByteOrder.BIG_ENDIAN);
            int rd = q.getShort(2) & 0x0100;
            out.putShort(q.getShort(0));
            out.putShort((short) (0x8000 | rd | 0x0080 | (rcode & 0xF)));
            out.putShort((short) 1);
            out.putShort((short) (rcode == 0 ? 1 : 0));
            out.putShort((short) 0).putShort((short) 0);
            out.put(query, 12, query.length - 12);
            if (rcode == 0) {
                out.putShort((short) 0xC00C).putShort((short) 1).putShort((short) 1).putInt(60).putShort((short) 4)
                        .put(new byte[] {(byte) 203, 0, 113, 53});
            }
            return Arrays.copyOf(out.array(), out.position());
        }

        @Override
        public void close() {
            closed = true;
            DatagramSocket s = socket;
            if (s != null) {
                s.close();
            }
        }
    }
}
