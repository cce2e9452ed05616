package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.script.NotifyScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a script as keepalived's system_call_script() does: exec'd directly when its first word resolves to an
 * executable file, otherwise through {@code /bin/sh -c} with each word single-quoted (a leading {@code <} or
 * {@code >} word stays bare, so {@code "</dev/tcp/..."} tests work); in the shell case exit 126/127 ("could not
 * find / execute") count as success, as keepalived's child exits 0 then. A script still running at its timeout
 * gets SIGTERM, and SIGKILL 2 s later, together with everything it started (keepalived signals the process
 * group; the JDK cannot make one, so the descendants are signalled one by one).
 */
public final class ProcessScriptRunner implements ScriptRunner {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");
    private static final String[] DEFAULT_PATH = {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin"};
    /** keepalived waits 2 s between SIGTERM and SIGKILL. */
    private static final long KILL_GRACE_MILLIS = 2000;
    /** At most this much of a script's output is logged per run. */
    private static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private final boolean root = "root".equals(System.getProperty("user.name"));

    @Override
    public ScriptOutcome run(NotifyScript script, Duration timeout, Consumer<String> output) {
        if (script.args().isEmpty()) {
            return new ScriptOutcome.NotStarted("empty command");
        }
        Path executable = resolve(script.args().get(0));
        boolean viaShell = executable == null;
        List<String> command = new ArrayList<>();
        if (root && script.uid() != null && script.uid() != 0 && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            // run as the script user, as keepalived's set_script_env() does with setuid/setgid
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=" + script.uid(),
                    "--regid=" + (script.gid() != null ? script.gid() : script.uid()), "--clear-groups"));
        }
        if (viaShell) {
            command.addAll(List.of("/bin/sh", "-c", shellLine(script.args())));
        } else {
            command.add(executable.toString());
            command.addAll(script.args().subList(1, script.args().size()));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(new File("/dev/null"));
        Path out = null;
        try {
            if (output != null) {
                out = Files.createTempFile("jkeepalived-script", ".out");
                pb.redirectErrorStream(true).redirectOutput(out.toFile());
            } else {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new ScriptOutcome.NotStarted(e.getMessage());
            }
            ScriptOutcome outcome = await(p, timeout);
            if (out != null) {
                report(out, output);
            }
            if (viaShell && outcome instanceof ScriptOutcome.Exited e && (e.status() == 126 || e.status() == 127)) {
                LOG.warn("Couldn't {} command: {}", e.status() == 127 ? "find" : "execute", shellLine(script.args()));
                return new ScriptOutcome.Exited(0);
            }
            return outcome;
        } catch (IOException e) {
            return new ScriptOutcome.NotStarted(e.getMessage());
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temporary file left in /tmp: harmless
                }
            }
        }
    }

    private static ScriptOutcome await(Process p, Duration timeout) {
        try {
            if (p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                // the JDK reports a death by signal N as 128 + N, so such a script reads as "exited with status"
                return new ScriptOutcome.Exited(p.exitValue());
            }
            terminate(p);
            return new ScriptOutcome.TimedOut();
        } catch (InterruptedException e) {
            terminate(p); // shutting down: no script outlives the daemon
            Thread.currentThread().interrupt();
            return new ScriptOutcome.NotStarted("interrupted");
        }
    }

    /** SIGTERM to the script and its descendants, SIGKILL to whatever is left after the grace time. */
    static void terminate(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + KILL_GRACE_MILLIS * 1_000_000;
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // still alive (or we were interrupted): killed below
            }
        }
        for (ProcessHandle h : all) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        try {
            p.waitFor(KILL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void report(Path out, Consumer<String> output) throws IOException {
        byte[] bytes;
        try (var in = Files.newInputStream(out)) {
            bytes = in.readNBytes(MAX_OUTPUT_BYTES);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                output.accept(line);
            }
        }
    }

    /** The program's path: as written when it has a slash, else the first match on PATH; null if not executable. */
    static Path resolve(String program) {
        if (program.isEmpty() || program.startsWith("<") || program.startsWith(">")) {
            return null;
        }
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        String env = System.getenv("PATH");
        String[] dirs = env == null || env.isEmpty() ? DEFAULT_PATH : env.split(":");
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** keepalived's cmd_str(): every word single-quoted, except a first word that is a redirection. */
    static String shellLine(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i > 0) {
                b.append(' ');
            }
            boolean bare = i == 0 && (a.startsWith("<") || a.startsWith(">"));
            b.append(bare ? a : "'" + a + "'");
        }
        return b.toString();
    }
}
