package io.jkeepalived.e2e.klab;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs shell commands as root inside Debian 12's own kernel under qemu, through
 * {@code src/test/scripts/kernel-lab/run-in-kernel.sh}: the host kernel has no IPVS, that one does. The
 * guest's userspace is the host's {@code /} (read-only, with a tmpfs overlay), so host tools and the JDK
 * running this test are there; the command runs in the caller's working directory.
 *
 * <p>Tests call {@link #assumeAvailable()} first (in {@code @BeforeAll}): it skips them, with the reason,
 * when not root, when qemu or a static busybox is missing, or when the kernel cannot be fetched into the
 * cache. Runs are serialized (one qemu at a time): under TCG a guest wants a whole core.
 */
public final class KernelLab {
    /** What the guest command printed (stdout and stderr, interleaved) and its exit status. */
    public record Result(int exitCode, String output, String log) {
        /** 124: the guest did not finish within its timeout and qemu was killed. */
        public static final int TIMEOUT = 124;
        /** 125: the harness failed (no exit status came back from the guest). */
        public static final int HARNESS_FAILED = 125;

        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output + (exitCode == 0 ? "" : "\n--- harness log ---\n" + log);
        }
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

    private static final Pattern BEGIN = Pattern.compile("^----- klab: output of the command.*-----$", Pattern.MULTILINE);
    private static final Pattern END = Pattern.compile(
            "^----- klab: (?:exit code (\\d+)|TIMEOUT|the guest ended without an exit code).*-----$", Pattern.MULTILINE);
    private static final ReentrantLock ONE_QEMU = new ReentrantLock();
    private static volatile String unavailable;
    private static volatile boolean prepared;

    private KernelLab() {
    }

    /** The harness script, found from {@code jk.projectRoot} or by walking up from the working directory. */
    public static Path script() {
        String root = System.getProperty("jk.projectRoot");
        Path rel = Path.of("src/test/scripts/kernel-lab/run-in-kernel.sh");
        if (root != null && Files.isRegularFile(Path.of(root).resolve(rel))) {
            return Path.of(root).resolve(rel).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(rel))) {
                return dir.resolve(rel);
            }
        }
        throw new IllegalStateException("cannot find " + rel + " above " + Path.of("").toAbsolutePath());
    }

    /**
     * Skips the calling test (JUnit assumption) unless the lab can run: root, the tools
     * ({@code run-in-kernel.sh --check}) and a prepared kernel ({@code --prepare}, which downloads it the first
     * time). The outcome is remembered for the rest of the JVM.
     */
    public static void assumeAvailable() {
        if (!prepared && unavailable == null) {
            ONE_QEMU.lock();
            try {
                if (!prepared && unavailable == null) {
                    unavailable = probe();
                    prepared = unavailable == null;
                }
            } finally {
                ONE_QEMU.unlock();
            }
        }
        Assumptions.assumeTrue(unavailable == null, () -> "kernel lab unavailable: " + unavailable);
    }

    private static String probe() {
        if (!isRoot()) {
            return "needs root (the guest's userspace is the host's /, shared read-only over 9p)";
        }
        try {
            Raw check = exec(List.of(script().toString(), "--check"), Duration.ofSeconds(30));
            if (check.exit != 0) {
                return "run-in-kernel.sh --check: " + (check.stdout + check.stderr).strip();
            }
            // The first time this downloads the kernel package and builds the cache (tens of seconds).
            Raw prepare = exec(List.of(script().toString(), "--prepare"), Duration.ofMinutes(15));
            if (prepare.exit != 0) {
                return "cannot fetch or prepare the kernel: " + lastLines(prepare.stdout + prepare.stderr, 8);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot run run-in-kernel.sh: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Runs {@code command} (a {@code sh} script) in the guest with the default timeout. */
    public static Result run(String command) throws IOException, InterruptedException {
        return run(DEFAULT_TIMEOUT, command);
    }

    /**
     * Boots the guest, runs {@code command} as root with {@code /bin/sh} in this JVM's working directory and
     * returns its exit status and output. The script enforces {@code timeout} on qemu (exit status 124); this
     * side only backstops a script that would not return.
     */
    public static Result run(Duration timeout, String command) throws IOException, InterruptedException {
        long seconds = Math.max(1, timeout.toSeconds());
        ONE_QEMU.lock();
        try {
            Raw raw = exec(List.of(script().toString(), "--timeout", Long.toString(seconds), "--", command),
                    timeout.plusSeconds(60));
            return parse(raw);
        } finally {
            ONE_QEMU.unlock();
        }
    }

    /**
     * A guest command line that runs {@code mainClass} with this JVM's own JDK and class path (both are the same
     * paths in the guest), C1 only (short runs under TCG start faster), arguments shell-quoted.
     */
    public static String javaCommand(Class<?> mainClass, String... args) {
        List<String> words = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        words.addAll(List.of(args));
        return words.stream().map(KernelLab::shellQuote).collect(Collectors.joining(" "));
    }

    /** {@code word} as one POSIX shell word. */
    public static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    static Result parse(Raw raw) {
        String out = raw.stdout;
        Matcher begin = BEGIN.matcher(out);
        if (!begin.find()) {
            return new Result(raw.exit == 0 ? Result.HARNESS_FAILED : raw.exit, "", out + raw.stderr);
        }
        Matcher end = END.matcher(out);
        int endAt = -1;
        while (end.find(endAt < 0 ? begin.end() : endAt + 1)) {
            endAt = end.start();
        }
        if (endAt < 0) {
            return new Result(raw.exit == 0 ? Result.HARNESS_FAILED : raw.exit, out.substring(begin.end()),
                    out + raw.stderr);
        }
        String body = out.substring(Math.min(begin.end() + 1, endAt), endAt);
        return new Result(raw.exit, body, out.substring(0, begin.start()) + out.substring(endAt) + raw.stderr);
    }

    record Raw(int exit, String stdout, String stderr) {
    }

    private static Raw exec(List<String> cmd, Duration limit) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        // Blocking reads: a thread each, not the common pool.
        Executor reader = task -> {
            Thread t = new Thread(task, "klab output");
            t.setDaemon(true);
            t.start();
        };
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()), reader);
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()), reader);
        try {
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                stop(p);
                return new Raw(Result.TIMEOUT, stdout.completeOnTimeout("", 5, TimeUnit.SECONDS).join(),
                        stderr.completeOnTimeout("", 5, TimeUnit.SECONDS).join() + "\n[script killed after " + limit + "]");
            }
            return new Raw(p.exitValue(), stdout.get(30, TimeUnit.SECONDS), stderr.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("reading the output of " + cmd.get(0) + " failed", e);
        } finally {
            if (p.isAlive()) {
                stop(p);
            }
        }
    }

    /**
     * SIGTERM first: the script's trap kills its qemu by PID and removes its temporary files. Whatever of the
     * script's process tree is left after 10 s is killed.
     */
    private static void stop(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String slurp(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));  // Uid: real effective saved fs
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String lastLines(String text, int n) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
