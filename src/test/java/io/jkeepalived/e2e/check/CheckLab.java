package io.jkeepalived.e2e.check;

import io.jkeepalived.e2e.DaemonProcess;
import io.jkeepalived.e2e.NetNs;
import io.jkeepalived.netlink.NetworkNamespace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lab of the checker suites: a director namespace {@code jk-ce-SUITE-d} (198.51.100.1, 2001:db8::1) where
 * {@code jkeepalived -C --dry-run} runs, and a real-server namespace {@code jk-ce-SUITE-r} holding the real servers'
 * addresses, both plugged into a bridge of their own ({@link NetNs}). The test's listeners are opened inside the
 * real-server namespace from this JVM ({@link #inServers}), so the test decides every answer and counts every attempt.
 *
 * <p>This host's kernel has no IPVS, hence {@code --dry-run}: the daemon prints each table change it would make
 * ("Dry run: delete destination 198.51.100.10:80 of service TCP 198.51.100.1:80") next to keepalived's log lines
 * ("Removing service [198.51.100.10]:tcp:80 from VS [198.51.100.1]:tcp:80"), which is what the suites assert.
 */
final class CheckLab implements AutoCloseable {
    static final String DIRECTOR = "198.51.100.1";
    static final String DIRECTOR6 = "2001:db8::1";
    /** The daemon's /status endpoint, on the director namespace's own loopback. */
    static final String STATUS_ADDRESS = "127.0.0.1:9651";
    private static final boolean CURL = Files.isExecutable(Path.of("/usr/bin/curl"));

    final NetNs ns;
    final NetNs.Host director;
    final NetNs.Host servers;
    private final Path dir;
    private NetNs.Daemon daemon;

    private CheckLab(NetNs ns, NetNs.Host director, NetNs.Host servers, Path dir) {
        this.ns = ns;
        this.director = director;
        this.servers = servers;
        this.dir = dir;
    }

    /** Why the suites cannot run here, or null when they can. */
    static String unavailable() {
        if (!NetNs.available()) {
            return "needs root and iproute2 to create network namespaces";
        }
        return null;
    }

    /** Creates the namespaces; {@code serverAddresses} are put on the real servers' interface (/24 or /64). */
    static CheckLab create(String suite, Path dir, String... serverAddresses) throws IOException, InterruptedException {
        NetNs ns = NetNs.create("ce-" + suite, 0);
        try {
            NetNs.Host d = ns.addHost("d");
            NetNs.Host r = ns.addHost("r");
            d.check("ip", "addr", "add", DIRECTOR + "/24", "dev", "eth0");
            d.check("ip", "-6", "addr", "add", DIRECTOR6 + "/64", "dev", "eth0", "nodad");
            for (String a : serverAddresses) {
                r.check("ip", "addr", "add", a + (a.contains(":") ? "/64" : "/24"), "dev", "eth0", "nodad");
            }
            return new CheckLab(ns, d, r, dir);
        } catch (IOException | InterruptedException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    /** Runs {@code task} in the real servers' namespace: sockets it opens live there. */
    <T> T inServers(Callable<T> task) throws IOException {
        return NetworkNamespace.callIn(servers.name(), task);
    }

    /** Starts {@code jkeepalived -C --dry-run} on {@code config} in the director's namespace. */
    void start(String config) throws IOException {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, config);
        daemon = DaemonProcess.start(director, DaemonProcess.jkeepalived("-XX:TieredStopAtLevel=1", "-Djk.dumpDirectory=" + dir),
                conf, dir, "jk", "-C", "--dry-run", "--metrics-address", STATUS_ADDRESS);
    }

    /** Everything the daemon printed so far (log lines and dry-run lines). */
    String log() throws IOException {
        return daemon == null ? "" : daemon.output();
    }

    /** A position in the log; {@link #since} and {@link #await} look only after it. */
    int mark() throws IOException {
        return log().length();
    }

    String since(int mark) throws IOException {
        String l = log();
        return l.substring(Math.min(mark, l.length()));
    }

    /** Waits (bounded, polling every 20 ms) for {@code text} after {@code mark}; true when it came. */
    boolean await(int mark, String text, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (since(mark).contains(text)) {
                return true;
            }
            if (daemon != null && !daemon.process().isAlive()) {
                return since(mark).contains(text);
            }
            Thread.sleep(20);
        }
        return false;
    }

    /**
     * Waits for {@code text} after {@code mark} and returns {@code attempts.getAsInt()} read right after it was seen
     * (the poll is 20 ms, the next check at least a delay_loop away), or -1 when the text never came.
     */
    int awaitCounting(int mark, String text, long timeoutMillis, IntSupplier attempts)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (since(mark).contains(text)) {
                // read after the line: the attempt that caused it is counted, the next one is a delay_loop away
                return attempts.getAsInt();
            }
            if (daemon != null && !daemon.process().isAlive()) {
                return -1;
            }
            Thread.sleep(20);
        }
        return -1;
    }

    /** The log lines after {@code mark} that contain {@code text}, without their time stamp. */
    List<String> lines(int mark, String text) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : since(mark).split("\n")) {
            if (line.contains(text)) {
                out.add(stripStamp(line));
            }
        }
        return out;
    }

    private static final Pattern STAMP = Pattern.compile("^\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}: ");

    static String stripStamp(String line) {
        Matcher m = STAMP.matcher(line);
        return m.find() ? line.substring(m.end()) : line;
    }

    /**
     * The daemon's {@code /status} JSON (curl in the director's namespace), or null when curl is not installed;
     * each real server appears as {@code "real_server":"[198.51.100.10]:tcp:80","up":true}.
     */
    String status() throws IOException, InterruptedException {
        if (!CURL) {
            return null;
        }
        NetNs.Result r = director.exec(10, "curl", "-sf", "http://" + STATUS_ADDRESS + "/status");
        return r.exit() == 0 ? r.output() : "curl failed (" + r.exit() + "): " + r.output();
    }

    /** Sets a sysctl in the real servers' namespace (e.g. net.ipv4.icmp_echo_ignore_all=1). */
    void serverSysctl(String setting) throws IOException, InterruptedException {
        servers.check("sysctl", "-q", "-w", setting);
    }

    boolean running() {
        return daemon != null && daemon.process().isAlive();
    }

    /** SIGTERM and wait; the daemon's stop lines end up in the log. */
    void stop() throws IOException, InterruptedException {
        if (daemon != null && daemon.process().isAlive()) {
            DaemonProcess.stop(daemon, 15);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (IOException e) {
            // close() below kills what is left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ns.close();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
