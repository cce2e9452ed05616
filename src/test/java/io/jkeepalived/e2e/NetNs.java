package io.jkeepalived.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for end-to-end tests: a host namespace {@code jk-NAME} whose interfaces
 * {@code eth0..ethN} are veth pairs plugged into a bridge that lives in its own namespace
 * {@code jk-NAME-br}, so nothing reaches the root namespace. More hosts on the same bridge come from
 * {@link #addHost}; long-running daemons from {@link Host#start}. Every process is tracked by PID and
 * killed (with its descendants), and every namespace deleted, in {@link #close()} (and by a shutdown hook
 * as a backstop).
 */
public final class NetNs implements AutoCloseable {
    /** The result of a command: exit status (128+signal when killed) and merged output. */
    public record Result(int exit, String output) {
    }

    /** A process started in the background in one of the namespaces, with its output in a file. */
    public record Daemon(Process process, Path log) {
        public long pid() {
            return process.pid();
        }

        /** What the process has printed so far. */
        public String output() throws IOException {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        }
    }

    /** One namespace of the lab: commands run in it, daemons start in it. */
    public final class Host {
        private final String ns;

        private Host(String ns) {
            this.ns = ns;
        }

        public String name() {
            return ns;
        }

        /** Runs a command in this namespace and waits at most {@code timeoutSeconds}. */
        public Result exec(long timeoutSeconds, String... command) throws IOException, InterruptedException {
            return NetNs.this.exec(ns, null, timeoutSeconds, command);
        }

        /** Like {@link #exec} but throws when the command fails. */
        public String check(String... command) throws IOException, InterruptedException {
            Result r = exec(20, command);
            if (r.exit() != 0) {
                throw new IOException(ns + ": " + String.join(" ", command) + " failed (" + r.exit() + "): " + r.output());
            }
            return r.output();
        }

        /**
         * Starts {@code command} in this namespace as the leader of a new session (so {@link #killGroup} reaches
         * everything it forks), its output going to {@code log}.
         */
        public Daemon start(Path log, String... command) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "setsid"));
            cmd.addAll(List.of(command));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            synchronized (processes) {
                processes.add(p);
            }
            return new Daemon(p, log);
        }
    }

    private final String name;
    private final String bridge;
    private final List<String> extraHosts = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final Thread hook;
    private boolean closed;

    private NetNs(String name) {
        this.name = name;
        this.bridge = name + "-br";
        this.hook = new Thread(this::cleanup, "cleanup " + name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True when this process may create namespaces (root and iproute2 present). */
    public static boolean available() {
        boolean ip = List.of("/usr/sbin/ip", "/usr/bin/ip", "/sbin/ip", "/bin/ip").stream()
                .anyMatch(p -> Path.of(p).toFile().canExecute());
        return ip && isRoot();
    }

    static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 && out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates {@code jk-NAME} with lo and {@code interfaces} veth interfaces eth0.., all up. */
    public static NetNs create(String name, int interfaces) throws IOException, InterruptedException {
        NetNs ns = new NetNs("jk-" + name);
        try {
            ns.root("ip", "netns", "add", ns.name);
            ns.root("ip", "netns", "add", ns.bridge);
            ns.root("ip", "-n", ns.name, "link", "set", "lo", "up");
            ns.root("ip", "-n", ns.bridge, "link", "add", "br0", "type", "bridge");
            ns.root("ip", "-n", ns.bridge, "link", "set", "br0", "up");
            for (int i = 0; i < interfaces; i++) {
                ns.root("ip", "-n", ns.name, "link", "add", "eth" + i, "type", "veth", "peer", "name", "p" + i,
                        "netns", ns.bridge);
                ns.root("ip", "-n", ns.bridge, "link", "set", "p" + i, "master", "br0", "up");
                ns.root("ip", "-n", ns.name, "link", "set", "eth" + i, "up");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** The first host, {@code jk-NAME}, with the interfaces given to {@link #create}. */
    public Host host() {
        return new Host(name);
    }

    /** The namespace holding the bridge {@code br0}: where a capture sees every host's frames. */
    public Host bridgeHost() {
        return new Host(bridge);
    }

    /**
     * Adds the host namespace {@code jk-NAME-SUFFIX} with one interface {@code eth0} on the same bridge,
     * lo up, and IPv6 duplicate address detection off (test addresses are unique, and DAD would delay them).
     */
    public Host addHost(String suffix) throws IOException, InterruptedException {
        String ns = name + "-" + suffix;
        String port = "h" + (extraHosts.size() + 1);
        root("ip", "netns", "add", ns);
        synchronized (this) {
            extraHosts.add(ns);
        }
        root("ip", "-n", ns, "link", "set", "lo", "up");
        root("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0");
        root("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", port, "netns", bridge);
        root("ip", "-n", bridge, "link", "set", port, "master", "br0", "up");
        root("ip", "-n", ns, "link", "set", "eth0", "up");
        return new Host(ns);
    }

    /** Sends {@code signal} (e.g. "TERM", "KILL") to the whole process group led by {@code daemon}. */
    public static void killGroup(Daemon daemon, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, "--", "-" + daemon.pid()).redirectErrorStream(true).start()
                .waitFor(10, TimeUnit.SECONDS);
    }

    /** Runs a command inside the namespace, in {@code dir}, and waits at most {@code timeoutSeconds}. */
    public Result exec(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        return exec(name, dir, timeoutSeconds, command);
    }

    private Result exec(String ns, Path dir, long timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return run(dir, timeoutSeconds, cmd);
    }

    private void root(String... command) throws IOException, InterruptedException {
        Result r = run(null, 20, List.of(command));
        if (r.exit() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + r.exit() + "): " + r.output());
        }
    }

    private Result run(Path dir, long timeoutSeconds, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        synchronized (processes) {
            processes.add(p);
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(137, new String(out, StandardCharsets.ISO_8859_1) + "\n[timed out]");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1));
        } finally {
            synchronized (processes) {
                processes.remove(p);
            }
        }
    }

    @Override
    public void close() {
        cleanup();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs cleanup itself
        }
    }

    private synchronized void cleanup() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (processes) {
            for (Process p : processes) {
                // setsid'd daemons lead their own process group: kill it so forked children go too
                try {
                    new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true).start()
                            .waitFor(5, TimeUnit.SECONDS);
                } catch (IOException e) {
                    // fall through to the per-process kill below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        List<String> all = new ArrayList<>(List.of(name, bridge));
        all.addAll(extraHosts);
        for (String ns : all) {
            try {
                new ProcessBuilder("ip", "netns", "del", ns).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // nothing else to try: .ci/run deletes leftover jk-* namespaces
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
