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

    /** The configuration running now; a reload replaces it. */
    private volatile KeepalivedConfig config;
    private volatile LongSupplier clock;
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
    /** lvs_timeouts and a sync daemon that follows no VRRP instance; null before start. */
    private io.jkeepalived.daemon.lvs.LvsGlobals lvsGlobals;
    /** ha_suspend: follows the virtual addresses; null without ha_suspend. */
    private io.jkeepalived.daemon.lvs.VirtualAddressWatch addressWatch;

    private volatile AutoCloseable engine;
    /** Verdicts from the engine's threads, applied in order on the ipvs thread ({@link #applyVerdicts}). */
    private final java.util.concurrent.ConcurrentLinkedQueue<RealServerVerdict> pendingVerdicts =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean verdictsQueued = new java.util.concurrent.atomic.AtomicBoolean();
    /** ha_suspend as the checker engine follows it: the address watch's view, by virtual server. */
    private final io.jkeepalived.healthcheck.HaSuspend haSuspend;

    public HealthcheckService(KeepalivedConfig config, boolean dryRun, PrintStream dryRunOut, EngineStarter engineStarter) {
        this(config, dryRun, dryRunOut, engineStarter, new io.jkeepalived.healthcheck.HaSuspend());
    }

    private HealthcheckService(KeepalivedConfig config, boolean dryRun, PrintStream dryRunOut, EngineStarter engineStarter,
                               io.jkeepalived.healthcheck.HaSuspend haSuspend) {
        this.haSuspend = haSuspend;
        this.config = config;
        this.dryRun = dryRun;
        this.dryRunOut = dryRunOut;
        this.engineStarter = engineStarter;
    }

    /** With the real checker engine. */
    public static HealthcheckService create(KeepalivedConfig config, boolean dryRun) {
        io.jkeepalived.healthcheck.HaSuspend haSuspend = new io.jkeepalived.healthcheck.HaSuspend();
        return new HealthcheckService(config, dryRun, System.out, (c, clock, listener) -> CheckerEngine.start(c, clock,
                listener, CheckerEngine.Options.defaults(), haSuspend), haSuspend);
    }

    /**
     * Programs the kernel (lvs_flush first if configured) and starts the checks. Fails only when IPVS cannot be
     * opened at all (and not in a dry run).
     */
    public void start(LongSupplier nanoClock) throws Exception {
        this.clock = nanoClock;
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
        watchSuspendAddresses(plans);
        lvsGlobals = io.jkeepalived.daemon.lvs.LvsGlobals.start(config.global(), client == null || dryRun
                ? io.jkeepalived.daemon.lvs.LvsControl.dryRun(dryRunOut, io.jkeepalived.daemon.lvs.LvsControl.KERNEL_DEFAULTS)
                : io.jkeepalived.daemon.lvs.LvsControl.of(client), LOG::info);
        GlobalDefs.Lvs lvs = config.global().lvs();
        if (lvs != null && lvs.flush()) {
            send(known, List.of(new IpvsChange.Flush()));
            known = new IpvsTable();
        } else if (client != null) {
            known = applier.read(reconciler.keys());
        }
        sync();
        if (addressWatch != null) {
            addressWatch.start();
        }
    }

    /**
     * ha_suspend (ipvs thread): the checks of a virtual server wait for its address, followed from here on by address
     * events; a reload replaces the watch, since the virtual servers' indexes change with the configuration. Events
     * of a replaced watch still queued are dropped. The caller starts the watch once the kernel is programmed.
     */
    private void watchSuspendAddresses(List<VirtualServerPlan> plans) throws IOException {
        if (addressWatch != null) {
            addressWatch.close();
        }
        io.jkeepalived.daemon.lvs.VirtualAddressWatch[] self = new io.jkeepalived.daemon.lvs.VirtualAddressWatch[1];
        addressWatch = io.jkeepalived.daemon.lvs.VirtualAddressWatch.open(
                plans.stream().map(VirtualServerPlan::suspendAddress).toList(),
                c -> ipvsThread.execute(() -> {
                    if (addressWatch == self[0]) {
                        suspend(c.vs(), c.suspended());
                    }
                }));
        self[0] = addressWatch;
        haSuspend.keepOnly(plans.stream().map(VirtualServerPlan::source).toList());
        for (int i = 0; addressWatch != null && i < plans.size(); i++) {
            if (plans.get(i).suspendAddress() != null) {
                reconciler.suspend(i, addressWatch.suspended(i));
                haSuspend.set(plans.get(i).source(), addressWatch.suspended(i));
            }
        }
    }

    /**
     * ha_suspend at run time (ipvs thread): the engine stops checking the virtual server's real servers (keepalived's
     * disabled checkers) and the reconciler ignores verdicts; on resuming it takes each real server's state from the
     * engine (the same unless an attempt was in flight when the address went), and the checks go on from there.
     */
    private void suspend(int vs, boolean suspended) {
        if (reconciler == null || !reconciler.running()) {
            return;
        }
        reconciler.suspend(vs, suspended);
        // the engine pauses (or resumes) the checks and logs keepalived's line per checker
        haSuspend.set(reconciler.plans().get(vs).source(), suspended);
        io.jkeepalived.healthcheck.CheckerEngine e = checkerEngine();
        if (!suspended && e != null) {
            for (io.jkeepalived.healthcheck.RealServerStatus s : e.status()) {
                if (s.virtualServer() == reconciler.plans().get(vs).source()) {
                    reconciler.verdict(s.virtualServer(), s.realServer(), s.up(), s.weight());
                }
            }
        }
        sync();
    }

    private void onVerdict(RealServerVerdict v) {
        pendingVerdicts.add(v);
        if (verdictsQueued.compareAndSet(false, true)) {
            ipvsThread.execute(this::applyVerdicts);
        }
    }

    /**
     * The verdicts queued since the last run, in order, then one sync (ipvs thread). A sync rebuilds and diffs the
     * whole table, so one per verdict made the first verdicts of N real servers cost O(N²) at start (bench/README.md,
     * "Lean probes"); verdicts of one moment now share a sync, each still logged and notified by the reconciler.
     */
    private void applyVerdicts() {
        verdictsQueued.set(false); // before draining: a verdict queued from here on gets a run of its own
        boolean changed = false;
        for (RealServerVerdict v; (v = pendingVerdicts.poll()) != null; ) {
            try {
                if (reconciler != null && reconciler.running()
                        && reconciler.verdict(v.virtualServer(), v.realServer(), v.up(), v.weight())) {
                    changed = true;
                }
            } catch (RuntimeException e) {
                // a bug of ours must not stop the next verdicts from being applied
                LOG.info("IPVS: applying the verdict for {} failed: {}", v.realServer().address(), e.toString());
            }
        }
        if (changed) {
            try {
                sync();
            } catch (RuntimeException e) {
                LOG.info("IPVS: applying the verdicts failed: {}", e.toString());
            }
        }
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
                if (addressWatch != null) {
                    addressWatch.close();
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
                if (lvsGlobals != null) {
                    lvsGlobals.stop();
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
     * used by the SIGHUP path (logged) and by {@code jkeepalived reload --dry-run} (printed). See {@link CheckReloadPlan}.
     */
    public static List<String> reloadPlan(KeepalivedConfig running, KeepalivedConfig next) {
        return CheckReloadPlan.lines(running, next);
    }

    /**
     * SIGHUP: moves the running checkers and the IPVS table to {@code next} (already read and validated), keeping
     * the state of every real server whose checker did not change and touching only what {@link #reloadPlan}
     * names. Returns when the kernel is programmed and the verdicts of the restarted checks are applied. See
     * {@link CheckReload}. Called on one thread at a time (the daemon's reload).
     */
    public void reload(KeepalivedConfig next) throws Exception {
        CheckReload.reload(this, next);
    }

    // the reload's steps, in CheckReload's order; kept here because they touch this service's ipvs-thread state

    /** keepalived's clear_diff_services and init_services: the reconciler moves to {@code next}, the kernel follows. */
    void reloadReconciler(KeepalivedConfig next) throws Exception {
        onIpvsThread(() -> {
            if (reconciler == null || !reconciler.running()) {
                return;
            }
            List<VirtualServerPlan> plans = next.check() == null ? List.of() : LvsPlanner.plan(next.check(), p -> LOG.info("{}", p));
            Set<IpvsServiceKey> before = new LinkedHashSet<>(known.keys());
            before.addAll(reconciler.keys());
            reconciler.reload(plans);
            if (lvsGlobals != null) {
                lvsGlobals.reload(next.global()); // lvs_sync_daemon without an instance: restarted when changed
            }
            watchSuspendAddresses(plans);
            if (client != null) {
                // a service new to the configuration may already be in the kernel: start from what is there
                List<IpvsServiceKey> fresh = reconciler.keys().stream().filter(k -> !before.contains(k)).toList();
                IpvsTable there = applier.read(fresh);
                for (IpvsTable.Entry e : there.services().values()) {
                    known.put(e.service());
                    e.destinations().values().forEach(d -> known.put(e.service().key(), d));
                }
            }
            config = next;
            sync();
            if (addressWatch != null) {
                addressWatch.start();
            }
        });
    }

    /** The checker engine moves to {@code next} (state of what stays carried over); a test's engine restarts. */
    void reloadEngine(KeepalivedConfig next) throws Exception {
        AutoCloseable e = engine;
        if (e instanceof io.jkeepalived.healthcheck.CheckerEngine c) {
            c.reload(next);
            c.awaitPublished();
        } else if (e != null) {
            e.close();
            engine = engineStarter.start(next, clock, this::onVerdict);
        }
        // the verdicts the new checks published are applied before the reload returns
        onIpvsThread(() -> { });
    }

    private void onIpvsThread(ThrowingRunnable r) throws Exception {
        try {
            ipvsThread.submit(() -> {
                r.run();
                return null;
            }).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException ex) {
            throw ex.getCause() instanceof Exception cause ? cause : ex;
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The configuration running now. */
    KeepalivedConfig config() {
        return config;
    }

    /** For tests: what the service believes the kernel holds, read on the ipvs thread. */
    IpvsTable known() throws Exception {
        return ipvsThread.submit(() -> known.copy()).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
