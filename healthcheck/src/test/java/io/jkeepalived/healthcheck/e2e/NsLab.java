package io.jkeepalived.healthcheck.e2e;

import io.jkeepalived.netlink.NetworkNamespace;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two namespaces joined by one veth pair and nothing else: {@code PREFIX-d} (the director, 198.51.100.1) and
 * {@code PREFIX-r} (the real servers). Listeners are Java server sockets opened inside PREFIX-r; both
 * namespaces are deleted in {@link #close()}, also after a failure.
 */
final class NsLab implements AutoCloseable {
    final String director;
    final String servers;
    private final List<Listener> listeners = new ArrayList<>();

    NsLab(String prefix) throws IOException, InterruptedException {
        if (!prefix.startsWith("jk-hce-")) {
            throw new IllegalArgumentException("namespaces of this helper start with jk-hce-: " + prefix);
        }
        this.director = prefix + "-d";
        this.servers = prefix + "-r";
        delete();
        try {
            ip("netns", "add", director);
            ip("netns", "add", servers);
            ip("-n", director, "link", "add", "hce0", "type", "veth", "peer", "name", "hce1", "netns", servers);
            ip("-n", director, "addr", "add", "198.51.100.1/24", "dev", "hce0");
            ip("-n", director, "link", "set", "lo", "up");
            ip("-n", director, "link", "set", "hce0", "up");
            ip("-n", servers, "link", "set", "lo", "up");
            ip("-n", servers, "link", "set", "hce1", "up");
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    static boolean usable() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/ip"))
                || "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/sbin/ip"));
    }

    /** Adds an address to the real servers' side (a /24, so the director reaches it directly). */
    void addServerAddress(String ip) throws IOException, InterruptedException {
        ip("-n", servers, "addr", "add", ip + "/24", "dev", "hce1");
    }

    void removeServerAddress(String ip) throws IOException, InterruptedException {
        ip("-n", servers, "addr", "del", ip + "/24", "dev", "hce1");
    }

    /** A listener that accepts and closes every connection, opened inside the servers' namespace. */
    Listener listen(String ip, int port) throws IOException {
        ServerSocket s = NetworkNamespace.callIn(servers, () -> {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getByName(ip), port), 4096);
            return ss;
        });
        Listener l = new Listener(s);
        listeners.add(l);
        return l;
    }

    static void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private void delete() {
        for (String ns : List.of(director, servers)) {
            if (Files.exists(Path.of("/run/netns", ns))) {
                try {
                    ip("netns", "del", ns);
                } catch (IOException | InterruptedException e) {
                    // best effort: what is left is reported by the next run's add
                }
            }
        }
    }

    @Override
    public void close() {
        for (Listener l : listeners) {
            l.close();
        }
        delete();
    }

    /** A server socket and its accept thread. */
    static final class Listener implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        Listener(ServerSocket socket) {
            this.socket = socket;
            this.thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    // a plain close (FIN): a reset racing the client's connect completion would fail the check
                    try (Socket c = socket.accept()) {
                        c.getLocalPort();
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "listener-" + socket.getLocalSocketAddress());
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            try {
                socket.close();
                thread.join(2000);
            } catch (IOException e) {
                // already closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
