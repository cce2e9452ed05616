package io.jkeepalived.netlink;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away network namespace {@code jk-nl-<random>} made with iproute2, for tests that need a kernel. Only
 * dummy and veth links inside it; deleted on {@link #close()} (call it in a finally / @AfterAll).
 */
public final class TestNamespace implements AutoCloseable {
    private final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    /** Skips the calling test (JUnit assumption) unless running as root with {@code ip} available. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(isRoot(), "needs root to create network namespaces (ip netns add)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip")), "needs iproute2's ip command");
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    public static TestNamespace create() throws IOException {
        return create("jk-nl-");
    }

    /** A namespace named {@code prefix} + random hex; the prefix must start with "jk-". */
    public static TestNamespace create(String prefix) throws IOException {
        if (!prefix.startsWith("jk-")) {
            throw new IllegalArgumentException("test namespaces start with jk-, not " + prefix);
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String name = prefix + HexFormat.of().formatHex(random);
        run("ip", "netns", "add", name);
        TestNamespace ns = new TestNamespace(name);
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs {@code ip -n NAME args...} and returns its standard output. */
    public String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": timed out");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    @Override
    public void close() throws IOException {
        run("ip", "netns", "delete", name);
    }
}
