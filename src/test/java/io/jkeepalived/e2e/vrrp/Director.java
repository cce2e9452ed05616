package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.NetNs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One VRRP director of the lab: Debian's keepalived or jkeepalived (this build, run from the test class path in
 * its own JVM), started in a host namespace with its own pid files, stopped by signal to its process group.
 */
final class Director {
    enum Kind {
        KEEPALIVED, JKEEPALIVED;

        String label() {
            return this == KEEPALIVED ? "ka" : "jk";
        }
    }

    final Kind kind;
    final NetNs.Host host;
    final String id;
    final Path dir;
    NetNs.Daemon daemon;

    Director(Kind kind, NetNs.Host host, String id, Path dir) {
        this.kind = kind;
        this.host = host;
        this.id = id;
        this.dir = dir;
    }

    static boolean keepalivedInstalled() {
        return Files.isExecutable(Path.of("/usr/sbin/keepalived"));
    }

    void start(String config) throws IOException {
        Path conf = dir.resolve(id + ".conf");
        Files.writeString(conf, config);
        List<String> cmd = new ArrayList<>();
        if (kind == Kind.KEEPALIVED) {
            cmd.add("/usr/sbin/keepalived");
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of("-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    "io.jkeepalived.daemon.Main"));
        }
        cmd.addAll(List.of("-n", "-l", "-D", "-P", "-f", conf.toString(),
                "-p", dir.resolve(id + ".pid").toString(), "-r", dir.resolve(id + "-vrrp.pid").toString(),
                "-c", dir.resolve(id + "-checkers.pid").toString()));
        daemon = host.start(dir.resolve(id + ".log"), cmd.toArray(String[]::new));
    }

    String log() throws IOException {
        return daemon == null ? "" : daemon.output();
    }

    /** Waits (bounded) until the log has {@code text}; polls every 20 ms. */
    boolean awaitLog(String text, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            if (daemon != null && !daemon.process().isAlive()) {
                return log().contains(text);
            }
            Thread.sleep(20);
        }
        return false;
    }

    void signal(String signal) throws IOException, InterruptedException {
        if (daemon != null) {
            NetNs.killGroup(daemon, signal);
        }
    }

    /** Waits for the daemon to exit; true if it did within the time. */
    boolean awaitExit(long timeoutMillis) throws InterruptedException {
        return daemon == null || daemon.process().waitFor(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return kind.label() + "@" + host.name();
    }
}
