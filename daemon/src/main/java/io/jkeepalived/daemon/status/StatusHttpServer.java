package io.jkeepalived.daemon.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The opt-in HTTP endpoint ({@code --metrics-address}), beyond keepalived: {@code /metrics} (Prometheus),
 * {@code /status} (JSON with tracker state) and {@code /json} (keepalived's JSON dump, which a JVM cannot be asked
 * for with SIGRTMIN+2). JDK's built-in server on one daemon thread: a scrape never touches the VRRP thread beyond
 * its bounded status request.
 */
public final class StatusHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived");

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param address {@code HOST:PORT}, {@code [IPV6]:PORT} or {@code PORT} (then 127.0.0.1)
     * @throws IOException naming the address if it cannot be bound
     */
    public static StatusHttpServer start(String address, StatusSource source, DumpFacts facts) throws IOException {
        InetSocketAddress bind = parse(address);
        HttpServer server;
        try {
            server = HttpServer.create(bind, 16);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address + " for --metrics-address: " + e.getMessage(), e);
        }
        server.createContext("/metrics", ex -> answer(ex, source, PrometheusFormat.CONTENT_TYPE,
                PrometheusFormat::format));
        server.createContext("/status", ex -> answer(ex, source, "application/json", StatusJson::format));
        server.createContext("/json", ex -> answer(ex, source, "application/json",
                s -> JsonDump.format(s.instances(), facts) + "\n"));
        server.createContext("/", ex -> {
            try (ex) {
                send(ex, 404, "text/plain; charset=utf-8", "not found: try /metrics, /status or /json\n");
            }
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "status-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        LOG.info("Status endpoint listening on http://{}:{}/ (/metrics, /status, /json)",
                hostText(server.getAddress().getAddress()), server.getAddress().getPort());
        return new StatusHttpServer(server, executor);
    }

    /** The port bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, StatusSource source, String type,
                               Function<DaemonStatus, String> format) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return;
            }
            String body;
            try {
                body = format.apply(source.snapshot());
            } catch (IOException | RuntimeException e) {
                send(ex, 503, "text/plain; charset=utf-8", "status unavailable: " + e.getMessage() + "\n");
                return;
            }
            send(ex, 200, type, body);
        }
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** {@code HOST:PORT}, {@code [V6]:PORT} or a bare port (loopback). */
    static InetSocketAddress parse(String address) throws IOException {
        String a = address.strip();
        String host = "127.0.0.1";
        String port = a;
        int colon = a.lastIndexOf(':');
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            if (end < 0 || colon != end + 1) {
                throw new IOException("--metrics-address " + address + ": expected [IPV6]:PORT");
            }
            host = a.substring(1, end);
            port = a.substring(end + 2);
        } else if (colon >= 0) {
            if (a.indexOf(':') != colon) {
                throw new IOException("--metrics-address " + address + ": write an IPv6 address as [ADDR]:PORT");
            }
            host = colon == 0 ? host : a.substring(0, colon);
            port = a.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IOException("--metrics-address " + address + ": '" + port + "' is not a port number");
        }
        if (p < 0 || p > 65535) {
            throw new IOException("--metrics-address " + address + ": port " + p + " outside 0..65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), p);
        } catch (java.net.UnknownHostException e) {
            throw new IOException("--metrics-address " + address + ": unknown host " + host);
        }
    }

    private static String hostText(InetAddress a) {
        return a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
