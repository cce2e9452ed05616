package io.jkeepalived.daemon;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LiveSystemInfo;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.daemon.systemd.SdNotify;
import io.jkeepalived.daemon.vrrp.VrrpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The daemon's lifecycle, as keepalived's parent process runs it: log the start, refuse to run twice (pid
 * files), read the configuration, start the subsystems, wait for a signal, stop them, remove the pid files.
 * jkeepalived runs keepalived's children as subsystems of one JVM, so one process answers to all three pid files.
 */
final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived");

    /** The run-time options of keepalived's command line that the daemon honours. */
    record Options(String configFile, String configId, boolean vrrpOnly, boolean checkOnly, Path pidFile,
                   Path vrrpPidFile, Path checkersPidFile, List<String> commandLine, boolean dryRun,
                   String metricsAddress, io.jkeepalived.daemon.ops.OperatorOptions ops) {
    }

    private final Options options;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** Set when a subsystem died: the daemon stops and exits 1, for systemd's Restart= to take over. */
    private volatile boolean subsystemFailed;
    /** The running VRRP subsystem, for the dumps and the status endpoint; null without one. */
    private volatile VrrpService vrrpService;
    /** The running Healthcheck subsystem, for the endpoint's real servers; null without one. */
    private volatile io.jkeepalived.daemon.check.HealthcheckService healthcheckService;
    /** The subsystems running, in start order (a reload may start or stop one). */
    private final List<Subsystem> running = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The configuration running now; replaced by each applied reload. */
    private volatile io.jkeepalived.conf.KeepalivedConfig runningConfig;
    /** SIGHUP; null until the subsystems run. */
    private volatile ConfigReload reload;

    Daemon(Options options) {
        this.options = options;
    }

    /** Runs until SIGTERM or SIGINT; returns the exit status. */
    int run() {
        LOG.info("Starting {}", Main.VERSION);
        LOG.info("Command line: {}", quoted(options.commandLine()));
        List<PidFile> pidFiles = new ArrayList<>();
        pidFiles.add(new PidFile(options.pidFile()));
        if (!options.checkOnly()) {
            pidFiles.add(new PidFile(options.vrrpPidFile()));
        }
        if (!options.vrrpOnly()) {
            pidFiles.add(new PidFile(options.checkersPidFile()));
        }
        LOG.info("Configuration file {}", options.configFile());
        if (pidFiles.stream().anyMatch(PidFile::namesLiveProcess)) {
            LOG.info("daemon is already running"); // and exit 0, as keepalived does
            return 0;
        }
        LoadResult config = ConfigLoader.load(new ConfigLoader.Options(options.configFile(), options.configId(), false,
                new LiveSystemInfo(), d -> LOG.info(d.format()), options.ops().allConfig()));
        if (config.config() == null) {
            LOG.info("Stopped {}", Main.VERSION);
            return config.exitCode();
        }
        runningConfig = config.config();
        installSignals();
        io.jkeepalived.daemon.sched.ProcessScheduling.install(runningConfig.global()).hookCheckerThreads();
        startBenchAllocator();
        io.jkeepalived.daemon.status.StatusFeatures status = null;
        io.jkeepalived.daemon.ops.AddressMonitor addressMonitor = null;
        try {
            for (PidFile p : pidFiles) {
                try {
                    p.write();
                } catch (IOException e) {
                    LOG.info("Unable to write pid file {}: {}", p.path(), e.getMessage());
                    return 1;
                }
            }
            List<Subsystem> subsystems = subsystems(config);
            if (options.ops().addressMonitoring()) {
                addressMonitor = io.jkeepalived.daemon.ops.AddressMonitor.start(
                        subsystems.stream().anyMatch(s -> s.name().equals("VRRP")),
                        subsystems.stream().anyMatch(s -> s.name().equals("Healthcheck")));
            }
            for (Subsystem s : subsystems) {
                // keepalived's line for starting a child; here the child is a subsystem of this process
                LOG.info("Starting {} child process, pid={}", s.name(), ProcessHandle.current().pid());
                s.start();
                running.add(s);
            }
            status = io.jkeepalived.daemon.status.StatusFeatures.start(config.config(), statusSource(),
                    options.metricsAddress());
            LOG.info("Startup complete");
            SdNotify systemd = SdNotify.fromEnvironment();
            ReloadSnapshot.write(options.pidFile(), runningConfig);
            reload = new ConfigReload(options, reloadTarget(), systemd);
            systemd.ready("Running " + running.size() + " subsystem(s)");
            stopRequested.await();
            LOG.info("Stopping");
            systemd.stopping("Stopping");
            return subsystemFailed ? 1 : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            // a subsystem could not start (a socket, a permission): say what, never a stack trace
            LOG.info("Startup failed: {}", e.getMessage() != null ? e.getMessage() : e.toString());
            return 1;
        } finally {
            if (addressMonitor != null) {
                addressMonitor.close(); // first, as keepalived closes its monitor before releasing anything
            }
            if (status != null) {
                status.close();
            }
            ConfigReload r = reload;
            if (r != null) {
                r.close();
            }
            synchronized (running) {
                StopOrder.stopAll(running); // VRRP first: a backup takes the VIP before IPVS is emptied
            }
            ReloadSnapshot.remove(options.pidFile());
            pidFiles.forEach(PidFile::remove);
            LOG.info("Stopped {}", Main.VERSION);
        }
    }

    /** The subsystems this configuration asks for: keepalived starts a child only when it has work. */
    private List<Subsystem> subsystems(LoadResult config) {
        List<Subsystem> list = new ArrayList<>();
        if (!options.checkOnly() && !config.config().vrrp().instances().isEmpty()) {
            list.add(vrrpSubsystem(config.config()));
        }
        if (!options.vrrpOnly() && !config.config().check().virtualServers().isEmpty()) {
            list.add(checkSubsystem(config.config()));
        }
        return list;
    }

    /** What a reload works on: the running configuration and subsystems (see {@link ConfigReload}). */
    private ConfigReload.Target reloadTarget() {
        return new ConfigReload.Target() {
            @Override
            public io.jkeepalived.conf.KeepalivedConfig running() {
                return runningConfig;
            }

            @Override
            public VrrpService vrrp() {
                return vrrpService;
            }

            @Override
            public io.jkeepalived.daemon.check.HealthcheckService check() {
                return healthcheckService;
            }

            @Override
            public void start(String name, io.jkeepalived.conf.KeepalivedConfig config) throws Exception {
                Subsystem s = name.equals("VRRP") ? vrrpSubsystem(config) : checkSubsystem(config);
                s.start();
                synchronized (running) { // the stop path walks it under the same lock
                    running.add(s);
                }
            }

            @Override
            public void stop(String name) {
                synchronized (running) {
                    for (Subsystem s : List.copyOf(running)) {
                        if (s.name().equals(name)) {
                            s.stop();
                            running.remove(s);
                        }
                    }
                }
            }

            @Override
            public void applied(io.jkeepalived.conf.KeepalivedConfig next) {
                runningConfig = next;
                ReloadSnapshot.write(options.pidFile(), next);
            }
        };
    }

    private Subsystem vrrpSubsystem(io.jkeepalived.conf.KeepalivedConfig config) {
        {
            return (new Subsystem() {
                private VrrpService vrrp;
                /** lvs_sync_daemon following its VRRP instance; null without one. */
                private io.jkeepalived.daemon.lvs.SyncDaemonFollower syncd;

                @Override
                public String name() {
                    return "VRRP";
                }

                @Override
                public void start() throws IOException {
                    vrrp = VrrpService.open(config, System::nanoTime);
                    syncd = io.jkeepalived.daemon.lvs.SyncDaemonFollower.following(config, options.dryRun(), System.out);
                    if (syncd != null) {
                        vrrp.addStateListener(syncd);
                    }
                    vrrp.start(() -> {
                        subsystemFailed = true;
                        stopRequested.countDown();
                    });
                    vrrpService = vrrp;
                }

                @Override
                public void stop() {
                    vrrpService = null;
                    if (vrrp != null) {
                        vrrp.stop(options.ops().releaseVrrp());
                    }
                    if (syncd != null) {
                        syncd.close();
                    }
                }
            });
        }
    }

    private Subsystem checkSubsystem(io.jkeepalived.conf.KeepalivedConfig config) {
        {
            return (new Subsystem() {
                private io.jkeepalived.daemon.check.HealthcheckService check;

                @Override
                public String name() {
                    return "Healthcheck";
                }

                @Override
                public void start() throws Exception {
                    check = io.jkeepalived.daemon.check.HealthcheckService.create(config, options.dryRun());
                    check.start(System::nanoTime);
                    healthcheckService = check;
                }

                @Override
                public void stop() {
                    healthcheckService = null;
                    if (check != null) {
                        check.stop(options.ops().releaseIpvs());
                    }
                }
            });
        }
    }

    /**
     * For bench/failover-bench.sh only: {@code -Djk.bench.allocationMBps=N} makes a thread allocate N MB/s (keeping
     * the last 32 MB reachable, so old-generation collections happen too), to show that the VRRP thread keeps its
     * timers while the JVM collects garbage.
     */
    private static void startBenchAllocator() {
        int rate = Integer.getInteger("jk.bench.allocationMBps", 0);
        if (rate <= 0) {
            return;
        }
        LOG.info("Benchmark allocation load: {} MB/s", rate);
        Thread t = new Thread(() -> {
            byte[][] keep = new byte[32][];
            long next = System.nanoTime();
            for (long i = 0; ; i++) {
                keep[(int) (i % keep.length)] = new byte[1 << 20];
                next += 1_000_000_000L / rate;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(sleep);
                }
            }
        }, "bench-allocator");
        t.setDaemon(true);
        t.start();
    }

    /** What the dumps and the endpoint report: the subsystems that run (none: empty lists). */
    private io.jkeepalived.daemon.status.StatusSource statusSource() {
        return new io.jkeepalived.daemon.status.StatusSource() {
            @Override
            public List<io.jkeepalived.daemon.status.InstanceStatus> instances() throws IOException {
                VrrpService v = vrrpService;
                return v == null ? List.of() : v.status(io.jkeepalived.daemon.status.DumpWriter.STATUS_TIMEOUT_MILLIS);
            }

            @Override
            public List<io.jkeepalived.daemon.status.RealServerStatus> realServers() {
                io.jkeepalived.daemon.check.HealthcheckService h = healthcheckService;
                io.jkeepalived.healthcheck.CheckerEngine e = h == null ? null : h.checkerEngine();
                return e == null ? List.of() : io.jkeepalived.daemon.status.RealServers.of(e.status());
            }
        };
    }

    private void installSignals() {
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), s -> stopRequested.countDown());
        }
        // SIGHUP is keepalived's reload (coalesced, on the reload thread); before the subsystems run it is ignored
        sun.misc.SignalHandler onHup = s -> {
            ConfigReload r = reload;
            if (r == null) {
                LOG.info("Reload (SIGHUP) before startup completed - ignoring");
            } else {
                r.request();
            }
        };
        if (Signal.handle(new Signal("HUP"), onHup) == sun.misc.SignalHandler.SIG_IGN) {
            // HotSpot keeps a SIGHUP ignored at the JVM's start ignored (nohup, some supervisors); keepalived's own
            // sigaction overrides it, so reset it to its default and install again
            SighupReset.reset(() -> Signal.handle(new Signal("HUP"), onHup));
        }
    }

    private static String quoted(List<String> args) {
        StringBuilder b = new StringBuilder("'jkeepalived'");
        for (String a : args) {
            b.append(" '").append(a).append('\'');
        }
        return b.toString();
    }
}
