package io.jkeepalived.healthcheck.misc;

import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.script.ScriptSecurity;
import io.jkeepalived.conf.model.check.MiscCheck;
import io.jkeepalived.healthcheck.Probe;
import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code MISC_CHECK} (keepalived's check_misc.c): runs {@code misc_path} and judges its exit status. 0 is up;
 * with {@code misc_dynamic} 2..255 is up too with weight status − 2; anything else is down. A script still
 * running after {@code misc_timeout} (else {@code delay_loop}) gets SIGTERM, and SIGKILL two seconds later, and
 * the attempt counts as "timed out". The process is started on {@link ProbeContext#blocking()} (fork/exec may
 * block) and awaited without holding a thread.
 */
public final class MiscProbe implements Probe {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.check");
    /** keepalived's grace between SIGTERM and SIGKILL. */
    static final long KILL_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long DEFAULT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** keepalived's reason for a script that exited (not killed, not timed out). */
    private static final String EXITED = "exited with status ";

    private final MiscCheck check;
    private final ProbeTarget target;
    private final Path executable;
    private List<String> command;
    private boolean insecure;
    private final String prefix;

    public MiscProbe(MiscCheck check, ProbeTarget target) {
        this.check = check;
        this.target = target;
        // keepalived: "Misc check for [[198.51.100.10]:tcp:80 VS [198.51.100.1]:tcp:80] by [/path/script] ..."
        this.prefix = "Misc check for [" + target.realServer()
                + (target.virtualServer() == null ? "" : " VS " + target.virtualServer()) + "] by ["
                + check.script().get(0) + "] ";
        this.executable = resolve(check.script().get(0));
        if (executable == null) {
            // keepalived drops the checker at startup; the engine then leaves it out, as keepalived does
            throw new IllegalArgumentException("Disabling misc script " + String.join(" ", check.script())
                    + " since not found/accessible");
        }
    }

    /**
     * The command line, as the user the script runs as: the checker's {@code user [group]}, else global_defs'
     * {@code script_user}, else {@code keepalived_script} when that user exists, else the daemon's own; null when
     * {@code enable_script_security} forbids running it as root.
     */
    private synchronized List<String> command(GlobalDefs global) {
        if (command == null) {
            String user = check.user();
            String group = check.group();
            if (user == null && global != null && global.scriptUser() != null) {
                user = global.scriptUser();
                group = global.scriptGroup();
            }
            if (user == null && ScriptUser.exists("keepalived_script")) {
                user = "keepalived_script";
            }
            List<String> argv = new ArrayList<>(check.script());
            argv.set(0, executable.toString());
            command = ScriptUser.command(argv, user, group);
            boolean asRoot = command.get(0).equals(argv.get(0)) && "root".equals(System.getProperty("user.name"));
            insecure = asRoot && global != null && global.enableScriptSecurity() && !ScriptSecurity.safeForRoot(executable);
        }
        return insecure ? null : command;
    }

    @Override
    public void start(ProbeContext ctx, Consumer<ProbeResult> done) {
        long timeout = check.timeout() != null && check.timeout() > 0 ? TimeUnit.SECONDS.toNanos(check.timeout())
                : ctx.delayLoopNanos() > 0 ? ctx.delayLoopNanos() : DEFAULT_TIMEOUT_NANOS;
        ctx.blocking().execute(() -> run(ctx, timeout, done));
    }

    private void run(ProbeContext ctx, long timeoutNanos, Consumer<ProbeResult> done) {
        Process p;
        try {
            List<String> command = command(ctx.global());
            if (command == null) {
                done.accept(ProbeResult.failed("Disabling misc script " + String.join(" ", check.script())
                        + " due to insecure"));
                return;
            }
            p = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            LOG.debug("misc script {}: {}", check.script().get(0), e.toString());
            done.accept(ProbeResult.failed(prefix + "failed (" + e.getMessage() + ")."));
            return;
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        var term = ctx.eventLoop().schedule(() -> {
            timedOut.set(true);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            ctx.eventLoop().schedule(() -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }, KILL_GRACE_NANOS, TimeUnit.NANOSECONDS);
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        p.onExit().whenComplete((proc, err) -> {
            term.cancel(false);
            if (err != null) {
                done.accept(ProbeResult.failed(prefix + "failed (" + err + ")."));
                return;
            }
            ProbeResult r = judge(proc.exitValue(), timedOut.get());
            if (check.dynamic() && r.success() && r.dynamicWeight() == ProbeResult.NO_WEIGHT
                    && ctx.realServerWeight() != ProbeResult.NO_WEIGHT) {
                // keepalived: exit 0 under misc_dynamic puts the configured weight back
                r = ProbeResult.ok(ctx.realServerWeight());
            } else if (check.dynamic() && !r.success() && r.failure().contains(EXITED)
                    && ctx.realServerWeight() != ProbeResult.NO_WEIGHT) {
                // keepalived: a final "exited with status" failure drops the dynamic weight (effective_weight -=
                // cur_weight), so the real server comes back with the configured one; signals and timeouts do not
                r = ProbeResult.failed(r.failure(), ctx.realServerWeight());
            }
            done.accept(r);
        });
    }

    /** keepalived's verdict on an exit status; timedOut: we sent the signal that ended it. */
    ProbeResult judge(int status, boolean timedOut) {
        return judge(prefix, check.dynamic(), status, timedOut);
    }

    static ProbeResult judge(String prefix, boolean dynamic, int status, boolean timedOut) {
        if (timedOut) {
            return ProbeResult.failed(prefix + "timed out.");
        }
        if (status == 0) {
            return ProbeResult.ok();
        }
        if (dynamic && status >= 2 && status <= 255) {
            return ProbeResult.ok(status - 2);
        }
        // Java reports death by signal N as 128 + N, like a shell; keepalived words it "due to signal"
        if (status > 128 && status < 128 + 65) {
            return ProbeResult.failed(prefix + "failed (due to signal " + (status - 128) + ").");
        }
        return ProbeResult.failed(prefix + "failed (" + EXITED + status + ").");
    }

    /** The script's file: a path, or the first executable of that name on PATH; null when there is none. */
    static Path resolve(String cmd) {
        if (cmd.indexOf('/') >= 0) {
            Path p = Path.of(cmd);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        String env = System.getenv("PATH");
        for (String d : (env == null ? "/usr/sbin:/usr/bin:/sbin:/bin" : env).split(File.pathSeparator)) {
            Path p = d.isEmpty() ? null : Path.of(d, cmd);
            if (p != null && Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String upLine() {
        return prefix + "succeeded.";
    }

    /**
     * keepalived's check_misc.c with log_all_failures: each failed attempt that is retried names its place in the
     * round, after the exit type: {@code "... failed, will do 2 retries (exited with status 1)."} for the regular
     * check, {@code "... timed out on retry 1/2."} for a retry; the last one is {@link #downLine}'s.
     */
    @Override
    public io.jkeepalived.healthcheck.CheckerRules rules() {
        return new io.jkeepalived.healthcheck.CheckerRules(false, true, (failure, retryIt, retry) -> retryIt == 0
                ? null : worded(failure, retryIt == 1
                        ? ", will do " + retry + (retry == 1 ? " retry" : " retries")
                        : " on retry " + (retryIt - 1) + "/" + retry));
    }

    /**
     * keepalived's check_misc.c words the final failure itself: the attempt's text with the retries put after the
     * exit type ({@code "... failed after 2 retries (exited with status 1)."}, {@code "... timed out after 1 retry."},
     * {@code "... failed with retry disabled (...)."}); there is no "MISC_CHECK on service" line.
     */
    @Override
    public String downLine(String failure, long retry, boolean hasRun) {
        return worded(failure, retry == 0 ? " with retry disabled"
                : " after " + retry + (retry == 1 ? " retry" : " retries"));
    }

    /** An attempt's text with {@code message} put after its exit type, as check_misc.c words it; null if not ours. */
    private String worded(String failure, String message) {
        if (failure == null || !failure.startsWith(prefix)) {
            return null;
        }
        String rest = failure.substring(prefix.length());
        String type = rest.startsWith("timed out") ? "timed out" : rest.startsWith("failed") ? "failed" : null;
        if (type == null) {
            return null;
        }
        return prefix + type + message + rest.substring(type.length());
    }

    @Override
    public String checkName() {
        return "MISC_CHECK";
    }

}
