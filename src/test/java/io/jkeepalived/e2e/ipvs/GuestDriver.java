package io.jkeepalived.e2e.ipvs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What the kernel-lab guest drivers ({@link ReconcileGuestDriver}, {@link CheckReloadGuestDriver},
 * {@link LvsGlobalsGuestDriver}) share: shell commands, real servers' TCP listeners, the daemon's command line, the
 * wait for a phase's state to settle, and the output format they print, {@code === <phase>} then sections
 * {@code --- <name>}, which their tests read back with {@link #lines} / {@link #tableLines} on the host.
 */
abstract class GuestDriver {
    /** The real servers' listeners, by address. */
    private static final Map<String, List<ServerSocket>> LISTENERS = new HashMap<>();

    GuestDriver() {
    }

    /** Runs {@code command} with /bin/sh and returns its merged output (bounded: 60 s). */
    static String capture(String command) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** Runs {@code command} and prints its output. */
    static void shell(String command) throws Exception {
        System.out.print(capture(command));
    }

    /** What a phase reads, e.g. {@code capture("ipvsadm -Ln")}. */
    interface Probe {
        String get() throws Exception;
    }

    /** The last state read, and whether it met the phase's condition and stayed the same for three polls. */
    record Settled(String state, boolean reached) {
    }

    /**
     * Reads {@code probe} every {@code pollMillis} until it meets {@code reached} and reads the same three polls in a
     * row (the daemon has nothing left to do), or {@code seconds} have passed.
     */
    static Settled settle(Probe probe, Predicate<String> reached, int seconds, long pollMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String now = probe.get();
        String stable = null;
        int same = 0;
        while (System.nanoTime() < deadline) {
            now = probe.get();
            if (reached.test(now) && now.equals(stable)) {
                if (++same >= 3) {
                    break;
                }
            } else {
                same = 0;
            }
            stable = now;
            Thread.sleep(pollMillis);
        }
        return new Settled(now, same >= 3);
    }

    /** The header line of a phase: {@code === daemon phase}, marked when it did not settle. */
    static void printPhase(String daemon, String phase, boolean reached) {
        System.out.println("=== " + daemon + " " + phase + (reached ? "" : " (not reached)"));
    }

    /**
     * The shell command ({@code exec}, so a signal to the shell's PID reaches the daemon) that runs {@code daemon}
     * (keepalived or jkeepalived's java command) with {@code flags} on {@code conf}, its pid files named after
     * {@code name} in {@code dir}.
     */
    static String daemonCommand(String daemon, String flags, Path conf, Path dir, String name) {
        return "exec " + daemon + " " + flags + " -f " + conf + " -p " + dir.resolve(name + ".pid")
                + " -c " + dir.resolve(name + "-checkers.pid") + " -r " + dir.resolve(name + "-vrrp.pid");
    }

    /** Prints the daemon's log between {@code --- name log} and {@code --- end log}. */
    static void printLog(String name, Path log) throws IOException {
        System.out.println("--- " + name + " log");
        if (Files.exists(log)) {
            System.out.print(Files.readString(log, StandardCharsets.ISO_8859_1));
        }
        System.out.println("--- end log");
    }

    /** Listens on {@code address} at each port, accepting and dropping connections so the backlog never fills up. */
    static void listen(String address, int... ports) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        for (int port : ports) {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port), 50);
            sockets.add(s);
            Thread t = new Thread(() -> {
                while (!s.isClosed()) {
                    try {
                        s.accept().close();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "accept " + address + ":" + port);
            t.setDaemon(true);
            t.start();
        }
        LISTENERS.put(address, sockets);
    }

    /** Closes {@code address}'s listeners, if it has any. */
    static void close(String address) throws IOException {
        List<ServerSocket> sockets = LISTENERS.remove(address);
        if (sockets != null) {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    /** Closes every listener. */
    static void closeAll() throws IOException {
        for (String a : new ArrayList<>(LISTENERS.keySet())) {
            close(a);
        }
    }

    /**
     * The lines of section {@code --- name} after the header {@code === header} in a driver's output, as printed, up
     * to the next {@code ---}/{@code ===} line; with a null {@code name} the lines right after the header. Null when
     * the header or the section is not there.
     */
    static List<String> lines(String out, String header, String name) {
        int p = out.indexOf("=== " + header + "\n");
        if (p < 0) {
            return null;
        }
        int s = p + header.length() + 5;
        if (name != null) {
            s = out.indexOf("--- " + name + "\n", p);
            if (s < 0) {
                return null;
            }
            s += name.length() + 5;
        }
        List<String> lines = new ArrayList<>();
        for (String line : out.substring(s).split("\n")) {
            if (line.startsWith("---") || line.startsWith("===")) {
                break;
            }
            lines.add(line);
        }
        return lines;
    }

    /**
     * {@link #lines} with runs of spaces squeezed, blank lines and ipvsadm's heading lines dropped, so that tables
     * compare line by line; null when the section is not there.
     */
    static List<String> tableLines(String out, String header, String name) {
        List<String> raw = lines(out, header, name);
        if (raw == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String line : raw) {
            String l = line.strip().replaceAll("\\s+", " ");
            if (!l.isEmpty() && !l.startsWith("IP Virtual Server version") && !l.startsWith("Prot LocalAddress")
                    && !l.startsWith("-> RemoteAddress")) {
                lines.add(l);
            }
        }
        return lines;
    }
}
