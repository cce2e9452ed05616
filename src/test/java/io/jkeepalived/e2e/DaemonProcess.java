package io.jkeepalived.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starting, watching and stopping a daemon (jkeepalived from this test's classpath, or keepalived) in a namespace of
 * {@link NetNs}: the command lines the e2e suites share, waiting (bounded) for a line in the daemon's log or a file,
 * and signals sent by PID. The namespace still owns the process and kills it in its {@code close()}; the log file
 * stays in the test's directory.
 */
public final class DaemonProcess {
    /** Debian's keepalived 2.2.7, the reference the differential tests run. */
    public static final String KEEPALIVED = "/usr/sbin/keepalived";

    private DaemonProcess() {
    }

    /**
     * {@code java} with the flags every suite gives the daemon (SerialGC; the open that SIGRTMIN+2's handler needs,
     * which the jar's manifest gives a packaged daemon), {@code jvmOptions} (e.g. {@code -Djk.dumpDirectory=...}), this test's classpath and jkeepalived's
     * main class: the daemon's own options follow.
     */
    public static List<String> jkeepalived(String... jvmOptions) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.jkeepalived.daemon.Main"));
        return cmd;
    }

    /**
     * {@code program} in the foreground ({@code -n}) logging to the console ({@code -l}), on {@code conf}, with pid
     * files of its own in {@code dir} named after {@code tag} (two daemons of one test never share them), then
     * {@code options}.
     */
    public static String[] command(List<String> program, Path conf, Path dir, String tag, String... options) {
        List<String> cmd = new ArrayList<>(program);
        cmd.addAll(List.of("-n", "-l"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-f", conf.toString(), "-p", dir.resolve(tag + ".pid").toString(),
                "-r", dir.resolve(tag + "-v.pid").toString(), "-c", dir.resolve(tag + "-c.pid").toString()));
        return cmd.toArray(String[]::new);
    }

    /** Starts {@link #command} in {@code host}, its output in {@code dir/tag.log}. */
    public static NetNs.Daemon start(NetNs.Host host, List<String> program, Path conf, Path dir, String tag,
                                     String... options) throws IOException {
        return host.start(dir.resolve(tag + ".log"), command(program, conf, dir, tag, options));
    }

    /**
     * Waits up to {@code millis} (polling every 50 ms) for {@code text} in the daemon's output; false when it did not
     * come in time or the daemon exited without writing it.
     */
    public static boolean await(NetNs.Daemon d, String text, long millis) throws IOException, InterruptedException {
        for (long n = millis / 50; n > 0; n--) {
            if (d.output().contains(text)) {
                return true;
            }
            if (!d.process().isAlive()) {
                return d.output().contains(text);
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Waits up to 10 s (polling every 50 ms) for {@code f} to exist and hold {@code text}. */
    public static boolean awaitFile(Path f, String text) throws IOException, InterruptedException {
        for (int n = 0; n < 200; n++) {
            if (Files.exists(f) && Files.readString(f).contains(text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Sends {@code signal} ("USR1", "36", ...) to the daemon's PID only (not its process group). */
    public static void signal(NetNs.Daemon d, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(d.pid())).redirectErrorStream(true).start()
                .waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM to the daemon's process group; true when it exited within {@code seconds}. */
    public static boolean stop(NetNs.Daemon d, long seconds) throws IOException, InterruptedException {
        NetNs.killGroup(d, "TERM");
        return d.process().waitFor(seconds, TimeUnit.SECONDS);
    }
}
