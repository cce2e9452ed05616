package io.jkeepalived.daemon;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.LiveSystemInfo;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.daemon.check.HealthcheckService;
import io.jkeepalived.daemon.systemd.SdNotify;
import io.jkeepalived.daemon.vrrp.VrrpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * keepalived's SIGHUP reload for the one-JVM daemon: re-read the configuration (same file, same {@code -i}),
 * refuse it when {@code jkeepalived -t} would fail (its diagnostics are logged and the running configuration
 * keeps going), otherwise tell systemd (RELOADING=1 with MONOTONIC_USEC), log keepalived's "Reloading ..." and
 * the change plan, hand the new configuration to the running subsystems (VRRP, then the checkers; only those
 * that {@code -P}/{@code -C} run), start or stop a subsystem whose work appears or vanishes, and say READY=1.
 *
 * <p>Signals are coalesced: a SIGHUP while a reload is waiting is absorbed by it; one during a reload causes
 * one more reload afterwards. Everything runs on one "reload" thread; no failure stops the daemon.
 */
final class ConfigReload {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived");
    /** How long the VRRP thread may take to apply a reload before we say so (it goes on regardless). */
    static final long VRRP_APPLY_TIMEOUT_MILLIS = 10_000;

    /** What the daemon runs, as the reload needs it. */
    interface Target {
        KeepalivedConfig running();

        /** The running VRRP subsystem, or null. */
        VrrpService vrrp();

        /** The running Healthcheck subsystem, or null. */
        HealthcheckService check();

        /** Starts ("vrrp") or stops a subsystem for the new configuration; a failure is logged by the caller. */
        void start(String name, KeepalivedConfig config) throws Exception;

        void stop(String name);

        /** The reload is applied: {@code next} is the running configuration from now on. */
        void applied(KeepalivedConfig next);
    }

    private final Daemon.Options options;
    private final Target target;
    private final SdNotify systemd;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reload");
        t.setDaemon(true);
        return t;
    });

    ConfigReload(Daemon.Options options, Target target, SdNotify systemd) {
        this.options = options;
        this.target = target;
        this.systemd = systemd;
    }

    /** From the signal handler: queue a reload unless one is already waiting. */
    void request() {
        if (pending.compareAndSet(false, true)) {
            thread.execute(() -> {
                pending.set(false); // a SIGHUP from here on asks for one more reload
                try {
                    reload();
                } catch (RuntimeException e) {
                    LOG.error("Reload failed: {} - the daemon keeps running", e.toString());
                    systemd.ready("Reload failed: " + e.getMessage());
                }
            });
        }
    }

    void close() {
        thread.shutdownNow();
    }

    /** One reload; returns whether the new configuration was applied. */
    boolean reload() {
        KeepalivedConfig running = target.running();
        LoadResult result = ConfigLoader.load(new ConfigLoader.Options(options.configFile(), options.configId(),
                false, new LiveSystemInfo(), d -> LOG.info(d.format()), options.ops().allConfig()));
        if (result.config() == null || result.exitCode() != 0) {
            LOG.info("Reload refused: the configuration {} has errors (see above) - keeping the running"
                    + " configuration", options.configFile());
            return false;
        }
        KeepalivedConfig next = result.config();
        String ssl = options.vrrpOnly() ? null
                : io.jkeepalived.daemon.check.SslReload.problem(running, next, options.configFile());
        if (ssl != null) {
            LOG.info(ssl);
            LOG.info("Reload refused: the SSL block of {} cannot be used (see above) - keeping the running"
                    + " configuration", options.configFile());
            return false;
        }
        systemd.reloading("Reloading");
        LOG.info("Reloading ...");
        boolean vrrpSide = !options.checkOnly();
        boolean checkSide = !options.vrrpOnly();
        if (vrrpSide) {
            reloadVrrp(running, next);
        }
        if (checkSide) {
            reloadCheck(running, next);
        }
        target.applied(next);
        LOG.info("Reload complete");
        systemd.ready("Running (reloaded)");
        return true;
    }

    private void reloadVrrp(KeepalivedConfig running, KeepalivedConfig next) {
        boolean want = !next.vrrp().instances().isEmpty();
        VrrpService vrrp = target.vrrp();
        try {
            if (vrrp == null && want) {
                LOG.info("Starting VRRP child process, pid={}", ProcessHandle.current().pid());
                target.start("VRRP", next);
            } else if (vrrp != null && !want) {
                LOG.info("VRRP: no vrrp_instance left - stopping the VRRP child");
                target.stop("VRRP");
            } else if (vrrp != null) {
                // the vrrp thread logs "Reloading" and the plan lines as it applies them
                vrrp.reload(next, VRRP_APPLY_TIMEOUT_MILLIS);
            }
        } catch (Exception e) {
            LOG.error("VRRP reload failed: {} - the instances go on as they run", message(e));
        }
    }

    private void reloadCheck(KeepalivedConfig running, KeepalivedConfig next) {
        boolean want = !next.check().virtualServers().isEmpty();
        HealthcheckService check = target.check();
        try {
            if (check == null && want) {
                LOG.info("Starting Healthcheck child process, pid={}", ProcessHandle.current().pid());
                target.start("Healthcheck", next);
            } else if (check != null && !want) {
                LOG.info("Healthcheck: no virtual_server left - stopping the Healthcheck child");
                target.stop("Healthcheck");
            } else if (check != null) {
                List<String> plan = healthcheckPlan(running, next);
                plan.forEach(LOG::info);
                check.reload(next);
            }
        } catch (UnsupportedOperationException e) {
            LOG.info("Healthcheck reload not available: {} - the checkers go on with the running configuration",
                    e.getMessage());
        } catch (Exception e) {
            LOG.error("Healthcheck reload failed: {} - the checkers go on as they run", message(e));
        }
    }

    /** The checker side's plan lines, or one line saying why there are none. */
    static List<String> healthcheckPlan(KeepalivedConfig running, KeepalivedConfig next) {
        try {
            return HealthcheckService.reloadPlan(running, next);
        } catch (UnsupportedOperationException e) {
            return List.of("Healthcheck reload plan not available: " + e.getMessage());
        }
    }

    private static String message(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
