package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.vrrp.VrrpScript;
import io.jkeepalived.vrrp.fsm.VrrpEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the tracked {@code vrrp_script}s every {@code interval} (the first run at once, as keepalived queues it at
 * start) on threads of their own, and hands each status change to the instances tracking the script through a
 * {@link TrackerSink}. A script still running when its next run is due is not started again.
 */
public final class ScriptTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");

    /** One tracked script: its counter, who uses it, whether a run is in progress. */
    static final class Script {
        final VrrpScript config;
        final List<TrackPlan.Binding> users;
        final ScriptResult result;
        final AtomicBoolean running = new AtomicBoolean();

        Script(VrrpScript config, List<TrackPlan.Binding> users) {
            this.config = config;
            this.users = users;
            // keepalived 2.2.7 resets a script to "not yet known" when an instance tracks it (alloc_track_script()
            // runs after the vrrp_script block), so init_fail never takes effect for a tracked script; we do the same
            this.result = new ScriptResult(config.name(), config.rise(), config.fall(), false);
        }
    }

    private final List<Script> scripts = new ArrayList<>();
    private final ScriptRunner runner;
    private final TrackerSink sink;
    private ScheduledExecutorService timer;
    private ExecutorService workers;

    public ScriptTracker(TrackPlan plan, ScriptRunner runner, TrackerSink sink) {
        this.runner = runner;
        this.sink = sink;
        plan.scripts().values().forEach(b -> scripts.add(new Script(b.script(), b.users())));
    }

    /** Each instance's starting contribution from each script it tracks, to apply before the instances start. */
    public void initial(TrackerSink to) {
        for (Script s : scripts) {
            for (TrackPlan.Binding b : s.users) {
                VrrpEvent.TrackerChanged c = contribution(s, b, s.result.status());
                if (c.fault() && s.result.status() != TrackerStatus.INIT) {
                    to.log("(" + b.instance() + "): entering FAULT state due to script " + s.config.name());
                }
                to.changed(b.instance(), c);
            }
        }
    }

    public void start() {
        if (scripts.isEmpty()) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vrrp-script"));
        workers = Executors.newCachedThreadPool(r -> daemon(r, "vrrp-script-" + n.incrementAndGet()));
        for (Script s : scripts) {
            long interval = Math.max(1, s.config.intervalMicros());
            timer.scheduleAtFixedRate(() -> due(s), 0, interval, TimeUnit.MICROSECONDS);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void due(Script s) {
        if (!s.running.compareAndSet(false, true)) {
            LOG.info("Track script {} is already running, expect idle - skipping run", s.config.name());
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    runOnce(s);
                } finally {
                    s.running.set(false);
                }
            });
        } catch (RuntimeException e) {
            s.running.set(false); // shutting down
        }
    }

    /** One run and what follows from it; package-private so tests drive it with a fake runner. */
    void runOnce(Script s) {
        long timeout = s.config.timeoutMicros() > 0 ? s.config.timeoutMicros() : s.config.intervalMicros();
        String name = s.config.name();
        ScriptOutcome outcome = runner.run(s.config.script(), Duration.ofNanos(timeout * 1000),
                LOG.isDebugEnabled() ? line -> LOG.debug("VRRP_Script({}) output: {}", name, line) : null);
        if (outcome instanceof ScriptOutcome.NotStarted ns) {
            if (!"interrupted".equals(ns.reason())) {
                LOG.warn("VRRP_Script({}) could not be run: {}", name, ns.reason());
            }
            return;
        }
        ScriptResult.Change change;
        synchronized (s.result) {
            change = s.result.onOutcome(outcome);
        }
        change.logLines().forEach(sink::log);
        if (change.changed()) {
            for (TrackPlan.Binding b : s.users) {
                sink.changed(b.instance(), contribution(s, b, change.status()));
            }
        }
    }

    List<Script> scripts() {
        return scripts;
    }

    private static VrrpEvent.TrackerChanged contribution(Script s, TrackPlan.Binding b, TrackerStatus status) {
        return TrackerWeight.contribution(TrackPlan.scriptTracker(s.config.name()), b.tracked(), status);
    }

    /** Stops the timers and ends any script still running. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (workers != null) {
            workers.shutdownNow(); // interrupts the waits: the runner then kills its script
            try {
                workers.awaitTermination(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
