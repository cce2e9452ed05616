package io.jkeepalived.daemon;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.LiveSystemInfo;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.daemon.vrrp.VrrpService;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jkeepalived reload [--dry-run] [-f FILE] [-i ID] [-p PIDFILE] [-P|-C]}: checks the configuration as
 * {@code -t} does and, when it has no errors, sends SIGHUP to the daemon named by the pid file (the daemon
 * re-reads and applies it). With {@code --dry-run} nothing is sent: it prints what a reload would change, from the
 * configuration the daemon applied ({@link ReloadSnapshot}) to the one in FILE, VRRP and checkers side.
 */
final class ReloadCommand {
    private ReloadCommand() {
    }

    /** {@code args} are the words after "reload"; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean dryRun = false;
        boolean vrrpOnly = false;
        boolean checkOnly = false;
        String file = "/etc/keepalived/keepalived.conf";
        String configId = null;
        String pidFile = "/run/keepalived.pid";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--dry-run", "-n" -> dryRun = true;
                case "-P", "--vrrp" -> vrrpOnly = true;
                case "-C", "--check" -> checkOnly = true;
                case "-f", "--use-file", "-i", "--config-id", "-p", "--pid" -> {
                    if (v == null) {
                        return usage(err);
                    }
                    i++;
                    switch (a) {
                        case "-f", "--use-file" -> file = v;
                        case "-i", "--config-id" -> configId = v;
                        default -> pidFile = v;
                    }
                }
                default -> {
                    return usage(err);
                }
            }
        }
        LoadResult next = ConfigLoader.load(new ConfigLoader.Options(file, configId, true, new LiveSystemInfo(),
                d -> err.println(d.format())));
        if (next.config() == null || next.exitCode() != 0) {
            err.println("jkeepalived reload: " + file + " has errors (see above); a reload would be refused"
                    + (dryRun ? "" : " - SIGHUP not sent"));
            return 1;
        }
        Path pid = Path.of(pidFile);
        if (dryRun) {
            return dryRun(pid, next.config(), !checkOnly, !vrrpOnly, out, err);
        }
        return signal(pid, out, err);
    }

    private static int dryRun(Path pidFile, KeepalivedConfig next, boolean vrrp, boolean check, PrintStream out,
                              PrintStream err) {
        Path snapshot = ReloadSnapshot.path(pidFile);
        if (!Files.isRegularFile(snapshot)) {
            err.println("jkeepalived reload --dry-run: no applied configuration at " + snapshot
                    + " (is the daemon with pid file " + pidFile + " running?)");
            return 1;
        }
        LoadResult running = ConfigLoader.load(new ConfigLoader.Options(snapshot.toString(), null, true,
                new LiveSystemInfo(), d -> { }));
        if (running.config() == null) {
            err.println("jkeepalived reload --dry-run: cannot read the applied configuration " + snapshot);
            return 1;
        }
        if (vrrp) {
            print(out, "VRRP", VrrpService.reloadPlan(running.config(), next));
        }
        if (check) {
            print(out, "Healthcheck", ConfigReload.healthcheckPlan(running.config(), next));
        }
        out.flush();
        return 0;
    }

    private static void print(PrintStream out, String side, List<String> lines) {
        out.println(side + ":");
        if (lines.isEmpty()) {
            out.println("  no change");
        }
        for (String l : lines) {
            out.println("  " + l);
        }
    }

    private static int signal(Path pidFile, PrintStream out, PrintStream err) {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            err.println("jkeepalived reload: cannot read a pid from " + pidFile + ": " + e.getMessage());
            return 1;
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
            err.println("jkeepalived reload: no process " + pid + " (from " + pidFile + ")");
            return 1;
        }
        try {
            // the JVM cannot signal another process but to end it: kill(1) does it
            Process p = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                err.println("jkeepalived reload: kill -HUP " + pid + " failed" + (said.isEmpty() ? "" : ": " + said));
                return 1;
            }
        } catch (IOException e) {
            err.println("jkeepalived reload: cannot run kill: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        out.println("SIGHUP sent to " + pid + "; the daemon logs what the reload changes");
        return 0;
    }

    private static int usage(PrintStream err) {
        err.println("Usage: jkeepalived reload [--dry-run] [-f FILE] [-i CONFIG_ID] [-p PIDFILE] [-P|-C]");
        return 2;
    }
}
