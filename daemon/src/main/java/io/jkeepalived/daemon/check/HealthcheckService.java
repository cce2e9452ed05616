package io.jkeepalived.daemon.check;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.script.NotifyScript;
import io.jkeepalived.healthcheck.CheckerEngine;
import io.jkeepalived.healthcheck.RealServerVerdict;
import io.jkeepalived.ipvs.IpvsClient;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.reconcile.IpvsApplier;
import io.jkeepalived.ipvs.reconcile.IpvsChange;
import io.jkeepalived.ipvs.reconcile.IpvsDiff;
import io.jkeepalived.ipvs.reconcile.IpvsTable;
import io.jkeepalived.ipvs.reconcile.LvsPlanner;
import io.jkeepalived.ipvs.reconcile.LvsReconciler;
import io.jkeepalived.ipvs.reconcile.VirtualServerPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * keepalived's checker child in this JVM: the checker engine judges the real servers, and every verdict goes to
 * the reconciler on one thread of its own ("ipvs"), which applies the smallest set of changes to the kernel's table
 * through {@link IpvsClient} (netlink requests block, so neither the engine's event loops nor the VRRP thread ever
 * wait for the kernel). A request the kernel refuses is logged, naming the service; the daemon goes on.
 *
 * <p>With {@code dryRun} nothing is sent: each change is printed ("Dry run: add service ...") and the table is
 * assumed changed. The kernel's table is still read at start when IPVS is there, so the changes shown are the ones
 * that would be made.
 */
public final class HealthcheckService {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived");
    private static final long STOP_WAIT_SECONDS = 30;

    /** Starts the checker engine; the default is the real one, tests may pass fake verdicts. */
    @FunctionalInterface
    public interface EngineStarter {
        AutoCloseable start(KeepalivedConfig config, LongSupplier clock, io.jkeepalived.healthcheck.VerdictListener listener);
    }

    private final KeepalivedConfig config;
    private final boolean dryRun;
    private final PrintStream dryRunOut;
    private final EngineStarter engineStarter;
    private final ExecutorService ipvsThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ipvs");
        t.setDaemon(true);
        return t;
    });

    // touched on the ipvs thread only
    private LvsReconciler reconciler;
    private IpvsClient client;
    private IpvsApplier applier;
    private IpvsTable known = new IpvsTable();

    private volatile AutoCloseable engine;

    public HealthcheckService(KeepalivedConfig config, boolean dryRun, PrintStream dryRunOut, EngineStarter engineStarter) {
        this.config = config;
        this.dryRun = dryRun;
        this.dryRunOut = dryRunOut;
        this.engineStarter = engineStarter;
    }

    /** With the real checker engine. */
    public static HealthcheckService create(KeepalivedConfig config, boolean dryRun) {
        return new HealthcheckService(config, dryRun, System.out, CheckerEngine::start);
    }

    /**
     * Programs the kernel (lvs_flush first if configured) and starts the checks. Fails only when IPVS cannot be
     * opened at all (and not in a dry run).
     */
    public void start(LongSupplier nanoClock) throws Exception {
        try {
            ipvsThread.submit(() -> {
                startReconciler();
                return null;
            }).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // the daemon reports the message ("IPVS is not available in this kernel ..."), not a wrapper's
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        try {
            engine = engineStarter.start(config, nanoClock, this::onVerdict);
        } catch (UnsupportedOperationException e) {
            // the checker engine is built separately; until then real servers keep their initial state
            LOG.info("Health checkers not started: {} - real servers keep their initial state", e.getMessage());
        }
    }

    private void startReconciler() throws IOException {
        List<VirtualServerPlan> plans = LvsPlanner.plan(config.check(), p -> LOG.info("{}", p));
        try {
            client = IpvsClient.open();
            applier = new IpvsApplier(client, LOG::info);
        } catch (IOException e) {
            if (!dryRun) {
                throw e;
            }
            LOG.info("Dry run: {} - showing the changes from an empty table", e.getMessage());
        }
        reconciler = LvsReconciler.start(plans);
        for (int i = 0; i < plans.size(); i++) {
            // ha_suspend: the checks wait for the virtual address (it is looked at once, at start)
            if (plans.get(i).suspendAddress() != null && !isLocal(plans.get(i).suspendAddress())) {
                reconciler.suspend(i, true);
            }
        }
        GlobalDefs.Lvs lvs = config.global().lvs();
        if (lvs != null && lvs.flush()) {
            send(known, List.of(new IpvsChange.Flush()));
            known = new IpvsTable();
        } else if (client != null) {
            known = applier.read(reconciler.keys());
        }
        sync();
    }

    private static boolean isLocal(java.net.InetAddress a) {
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private void onVerdict(RealServerVerdict v) {
        ipvsThread.execute(() -> {
            try {
                if (reconciler != null && reconciler.running()
                        && reconciler.verdict(v.virtualServer(), v.realServer(), v.up(), v.weight())) {
                    sync();
                }
            } catch (RuntimeException e) {
                // a bug of ours must not stop the next verdicts from being applied
                LOG.info("IPVS: applying the verdict for {} failed: {}", v.realServer().address(), e.toString());
            }
        });
    }

    /** Brings the kernel to what the reconciler wants, and logs and runs what the change brought. */
    private void sync() {
        IpvsTable desired = reconciler.desired();
        Set<IpvsServiceKey> owned = new LinkedHashSet<>(desired.keys());
        owned.addAll(known.keys());
        owned.addAll(reconciler.keys());
        List<IpvsChange> changes = IpvsDiff.diff(known, desired, owned);
        notices();
        if (!changes.isEmpty()) {
            known = send(known, changes);
        }
    }

    private IpvsTable send(IpvsTable from, List<IpvsChange> changes) {
        if (dryRun || client == null) {
            IpvsTable t = from.copy();
            for (IpvsChange c : changes) {
                dryRunOut.println("Dry run: " + c);
                try {
                    t.apply(c);
                } catch (IpvsTable.TableException e) {
                    dryRunOut.println("Dry run: the kernel would refuse it: " + e.getMessage());
                }
            }
            dryRunOut.flush();
            return t;
        }
        return applier.apply(from, changes);
    }

    private void notices() {
        for (LvsReconciler.Notice n : reconciler.drainNotices()) {
            LOG.info("{}", n.logLine());
            if (n.script() != null) {
                run(n.script());
            }
        }
    }

    /** keepalived's notify_exec: started and not waited for; its end is reaped by the JVM. */
    private void run(NotifyScript script) {
        if (dryRun) {
            dryRunOut.println("Dry run: would run " + script.commandLine());
            return;
        }
        try {
            new ProcessBuilder(script.args()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | RuntimeException e) {
            LOG.info("Failed to exec {}: {}", script.commandLine(), e.getMessage());
        }
    }

    /** The running checker engine, for the dumps and the metrics endpoint; null when none runs (tests, or not started). */
    public io.jkeepalived.healthcheck.CheckerEngine checkerEngine() {
        return engine instanceof io.jkeepalived.healthcheck.CheckerEngine c ? c : null;
    }

    /**
     * keepalived's clear_services: the checks stop, then every service of the configuration is removed (or, with
     * {@code lvs_flush_on_stop} FULL, the whole table is flushed).
     */
    public void stop() {
        stop(true);
    }

    /**
     * {@link #stop()}, or with {@code releaseIpvs} false (keepalived's {@code -I/--dont-release-ipvs}) the checks stop
     * and the IPVS table is left as it is, {@code lvs_flush_on_stop} included.
     */
    public void stop(boolean releaseIpvs) {
        AutoCloseable e = engine;
        engine = null;
        if (e != null) {
            try {
                e.close();
            } catch (Exception ex) {
                LOG.info("Stopping the health checkers: {}", ex.getMessage());
            }
        }
        try {
            ipvsThread.submit(() -> {
                if (reconciler == null) {
                    return;
                }
                GlobalDefs.Lvs lvs = config.global().lvs();
                if (releaseIpvs) { // else left as it is, silently, as keepalived skips clear_services()
                    reconciler.stop();
                    if (lvs != null && lvs.flushOnStop() == GlobalDefs.FlushOnStop.FULL) {
                        notices();
                        known = send(known, List.of(new IpvsChange.Flush()));
                    } else {
                        sync();
                    }
                }
                if (client != null) {
                    try {
                        client.close();
                    } catch (IOException ex) {
                        LOG.info("Closing IPVS: {}", ex.getMessage());
                    }
                }
            }).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception ex) {
            LOG.info("Removing the IPVS services did not finish: {}", ex.getMessage());
        } finally {
            ipvsThread.shutdownNow();
        }
    }

    /**
     * What a reload from {@code running} to {@code next} changes on the checker side (virtual servers, real servers,
     * checkers; IPVS entries added, removed or edited), one line per change, in the order it would be applied. Pure:
     * used by the SIGHUP path (logged) and by {@code jkeepalived reload --dry-run} (printed). Stub until built.
     */
    public static List<String> reloadPlan(KeepalivedConfig running, KeepalivedConfig next) {
        throw new UnsupportedOperationException("reload of the health checkers is not built yet");
    }

    /**
     * SIGHUP: moves the running checkers and the IPVS table to {@code next} (already read and validated), keeping
     * the state of every real server whose checker did not change and touching only what {@link #reloadPlan}
     * names. Returns when the kernel is programmed. Stub until built.
     */
    public void reload(KeepalivedConfig next) throws Exception {
        throw new UnsupportedOperationException("reload of the health checkers is not built yet");
    }

    /** For tests: what the service believes the kernel holds, read on the ipvs thread. */
    IpvsTable known() throws Exception {
        return ipvsThread.submit(() -> known.copy()).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
