package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.model.check.Checker;
import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * keepalived's checker process in this JVM: runs every real server's checkers on their schedule on a couple
 * of netty event loops (never on the VRRP thread), keeps each real server's up/down state as keepalived does
 * ({@code retry}, {@code delay_before_retry}, {@code warmup}, {@code alpha}), runs {@code notify_up}/
 * {@code notify_down}, and publishes every change as a {@link RealServerVerdict}.
 *
 * <p>Each real server lives on one event loop, so its {@link RealServerHealth} (the pure state machine) needs no
 * lock. Verdicts and notify scripts go to one separate thread, in order, so a listener that blocks (the IPVS
 * reconciler talks netlink) never delays a check. The "Adding/Removing service" lines belong to the reconciler
 * (keepalived logs them in ipwrapper.c next to the IPVS command); the engine logs the checkers' lines
 * ({@code check_api.c}, {@code check_tcp.c}, ...).
 */
public final class CheckerEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.check");
    /** A probe that never calls back is failed this long after its connect_timeout and delay_loop. */
    private static final long GUARD_NANOS = TimeUnit.SECONDS.toNanos(10);

    /**
     * How the engine runs.
     *
     * @param eventLoops   netty event loops for all checks (1–2 suffice for thousands of real servers)
     * @param warmupRandom maps a warmup (ns) to the part of it a checker waits before its first attempt
     *                     (keepalived: random in [0, warmup]); tests pass {@code w -> 0}
     * @param forceNio     use netty's NIO transport even where epoll is available
     */
    public record Options(int eventLoops, LongUnaryOperator warmupRandom, boolean forceNio) {
        public static Options defaults() {
            return new Options(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())),
                    w -> ThreadLocalRandom.current().nextLong(w + 1), Boolean.getBoolean("jkeepalived.check.nio"));
        }
    }

    private final LongSupplier clock;
    private final VerdictListener listener;
    private final Options options;
    private final MultiThreadIoEventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final ExecutorService verdicts;
    private final ThreadPoolExecutor blocking;
    // replaced by a reload; read by the event loops
    private volatile NotifyRunner notifier;
    private volatile List<io.jkeepalived.conf.model.vrrp.TrackFile> trackFiles;
    private volatile GlobalDefs globalDefs;
    private volatile io.jkeepalived.conf.model.check.SslSettings sslSettings;
    /** The real servers checked now, in configuration order; a reload swaps in a new list. */
    private volatile List<Server> servers = List.of();
    private final AtomicLong worstLateness = new AtomicLong();
    private final AtomicLong checks = new AtomicLong();
    private volatile boolean closed;
    /** ha_suspend: whose checks wait for their virtual address. */
    private final HaSuspend haSuspend;

    private CheckerEngine(KeepalivedConfig config, LongSupplier clock, VerdictListener listener, Options options,
                          HaSuspend haSuspend) {
        this.haSuspend = haSuspend;
        this.clock = clock;
        this.listener = listener;
        this.options = options;
        boolean epoll = !options.forceNio() && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.group = new MultiThreadIoEventLoopGroup(Math.max(1, options.eventLoops()),
                CheckerThreads.eventLoops("jk-check"), io);
        this.verdicts = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("jk-check-verdict", true));
        this.blocking = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("jk-check-blocking", true));
        this.blocking.allowCoreThreadTimeOut(true);
        GlobalDefs global = config.global();
        this.trackFiles = config.vrrp() == null ? List.of() : config.vrrp().trackFiles();
        this.globalDefs = global;
        this.sslSettings = config.check() == null ? null : config.check().ssl();
        this.notifier = new NotifyRunner(global);
        // a change that comes while the real servers are made waits for them (same lock), so none is missed
        synchronized (this) {
            haSuspend.listen(this::suspend);
            this.servers = servers(config, java.util.Map.of());
        }
    }

    private static boolean logAll(GlobalDefs global) {
        return global != null && global.notification() != null && global.notification().checkerLogAllFailures();
    }

    /**
     * The real servers of {@code config}; one that {@code previous} has (same virtual and real server, see
     * {@link CheckerReload}) stays on its event loop and continues its state, the others get the next loop.
     */
    private List<Server> servers(KeepalivedConfig config, java.util.Map<String, Server> previous) {
        List<Server> out = new ArrayList<>();
        boolean logAll = logAll(config.global());
        if (config.check() != null) {
            for (VirtualServer vs : config.check().virtualServers()) {
                for (RealServer rs : vs.realServers()) {
                    Server old = previous.get(key(vs, rs));
                    Server s = new Server(vs, rs, logAll, old != null ? old.loop : (EventLoop) group.next());
                    if (old != null) {
                        s.continueFrom(old);
                    }
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String key(VirtualServer vs, RealServer rs) {
        return CheckerReload.virtualServerKey(vs) + " | " + CheckerReload.realServerKey(rs);
    }

    /**
     * Starts checking every real server of {@code config.check()}; the first verdict of each real server is
     * published once its initial state is known.
     */
    public static CheckerEngine start(KeepalivedConfig config, LongSupplier nanoClock, VerdictListener listener) {
        return start(config, nanoClock, listener, Options.defaults());
    }

    /** {@link #start(KeepalivedConfig, LongSupplier, VerdictListener)} with explicit {@link Options}. */
    public static CheckerEngine start(KeepalivedConfig config, LongSupplier nanoClock, VerdictListener listener,
                                      Options options) {
        return start(config, nanoClock, listener, options, new HaSuspend());
    }

    /** With the daemon's {@code ha_suspend} state, which suspends and resumes the checks of virtual servers. */
    public static CheckerEngine start(KeepalivedConfig config, LongSupplier nanoClock, VerdictListener listener,
                                      Options options, HaSuspend haSuspend) {
        // keepalived's init_ssl_ctx(): a bad SSL block stops the start, before any thread exists
        io.jkeepalived.healthcheck.http.SslClient.init(config.check());
        CheckerEngine engine = new CheckerEngine(config, nanoClock, listener, options, haSuspend);
        engine.launch(engine.servers);
        // one sweep a second per loop for probes that never answer, instead of a timer per attempt; it walks the
        // current list, so real servers a reload brings are swept too
        for (io.netty.util.concurrent.EventExecutor e : engine.group) {
            EventLoop loop = (EventLoop) e;
            loop.scheduleAtFixedRate(() -> {
                long now = engine.clock.getAsLong();
                for (Server s : engine.servers) {
                    if (s.loop == loop) {
                        s.sweep(now);
                    }
                }
            }, 1, 1, TimeUnit.SECONDS);
        }
        return engine;
    }

    private void launch(List<Server> list) {
        for (Server s : list) {
            // logged here, in configuration order, as keepalived's register_checkers_thread does
            for (int i = 0; i < s.keywords.size(); i++) {
                LOG.info("{}", HaSuspend.startLine(s.suspended, s.name, s.vsName));
            }
            s.loop.execute(s::start);
        }
    }

    /**
     * SIGHUP (keepalived's reload_check_thread): every check stops, then the real servers of {@code next} start
     * their checks afresh (after BOOTSTRAP_DELAY and warmup, as keepalived re-registers every checker). A real
     * server that stays (same virtual server, same address and port) keeps its alive state, and each checker that
     * stays (same type and settings) its up/down state and retries: no alpha or warmup cycle decides it again
     * ({@link RealServerHealth#reloaded}). Real servers that go are dropped without a verdict: the reconciler's
     * reload removes them. Each new or continued real server publishes its verdict once started, with the records
     * of {@code next}. Returns once the old checks have stopped; no verdict of an old record follows.
     */
    public synchronized void reload(KeepalivedConfig next) {
        if (closed) {
            return;
        }
        List<Server> old = servers;
        java.util.Map<EventLoop, List<Server>> byLoop = new java.util.IdentityHashMap<>();
        java.util.Map<String, Server> byKey = new java.util.HashMap<>();
        for (Server s : old) {
            byLoop.computeIfAbsent(s.loop, l -> new ArrayList<>()).add(s);
            byKey.putIfAbsent(key(s.vs, s.rs), s);
        }
        // retired on their own loops, so their state is final and safe to read once this returns
        List<io.netty.util.concurrent.Future<?>> retiring = new ArrayList<>();
        byLoop.forEach((loop, list) -> retiring.add(loop.submit(() -> list.forEach(Server::retire))));
        for (io.netty.util.concurrent.Future<?> f : retiring) {
            if (!f.awaitUninterruptibly(5, TimeUnit.SECONDS)) {
                LOG.warn("Reload: an event loop did not stop its checks within 5 s; their state is read as it is");
            }
        }
        this.trackFiles = next.vrrp() == null ? List.of() : next.vrrp().trackFiles();
        this.globalDefs = next.global();
        this.sslSettings = next.check() == null ? null : next.check().ssl();
        this.notifier = new NotifyRunner(next.global());
        List<Server> fresh = servers(next, byKey);
        servers = fresh;
        launch(fresh);
    }

    /** ha_suspend: {@code vs}'s checks pause or resume, with keepalived's line per checker (see {@link HaSuspend}). */
    private synchronized void suspend(VirtualServer vs, boolean suspended) {
        for (Server s : servers) {
            if (s.vs == vs && s.suspended != suspended) {
                s.suspended = suspended;
                for (int i = 0; i < s.keywords.size(); i++) {
                    LOG.info("{}", HaSuspend.changeLine(suspended, s.name, s.vsName));
                }
            }
        }
    }

    /**
     * Every real server's health now, in configuration order. Read without stopping the event loops, so values
     * of different real servers (or of one server's checkers) may be a check apart.
     */
    public List<RealServerStatus> status() {
        List<RealServerStatus> out = new ArrayList<>(servers.size());
        for (Server s : servers) {
            out.add(s.snapshot());
        }
        return out;
    }

    /**
     * The latest any attempt has started versus its schedule (the event loops' backlog) since the last call, and
     * starts measuring afresh (for a benchmark's steady-state window).
     */
    public long takeWorstLatenessNanos() {
        return worstLateness.getAndSet(0);
    }

    /**
     * Waits (bounded, 5 s per step) until every real server started so far has run its start on its event loop and
     * the verdicts that start published have gone to the listener: after a {@link #reload}, the new state is
     * published when this returns.
     */
    public void awaitPublished() {
        if (closed) {
            return;
        }
        for (io.netty.util.concurrent.EventExecutor e : group) {
            e.submit(() -> { }).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        try {
            verdicts.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("waiting for the verdicts", e);
        }
    }

    /** Attempts finished since start. */
    public long checksDone() {
        return checks.get();
    }

    /** Whether the checks run on netty's epoll transport (else NIO: no bind_if/fwmark). */
    public boolean epoll() {
        return channelType == EpollSocketChannel.class;
    }

    /** Stops every check and waits (bounded) for the event loops to finish; no verdict is published after. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        for (Server s : servers) {
            for (Probe p : s.probes) {
                try {
                    p.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing a probe of {}", s.name, e);
                }
            }
        }
        verdicts.shutdownNow();
        blocking.shutdownNow();
        try {
            verdicts.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** keepalived's {@code [addr]:proto:port} of a real server (inet_sockaddrtotrio with the VS's protocol). */
    static String trio(String address, String port, String protocol) {
        String proto = protocol == null ? "none" : protocol.toLowerCase(java.util.Locale.ROOT);
        return "[" + Inet.ntop(address) + "]:" + proto + ":" + (port == null ? "0" : port.trim());
    }

    /** keepalived's format_vs. */
    static String vsName(VirtualServer vs) {
        List<String> a = vs.address();
        if (!a.isEmpty() && a.get(0).equals("group")) {
            return "[" + (a.size() > 1 ? a.get(1) : "") + "]:0";
        }
        if (!a.isEmpty() && a.get(0).equals("fwmark")) {
            return "FWM " + (a.size() > 1 ? a.get(1) : "0");
        }
        return trio(a.isEmpty() ? "" : a.get(0), a.size() > 1 ? a.get(1) : null, vs.protocol());
    }

    /** One real server: its checkers, probes and state machine, all driven from {@code loop}. */
    private final class Server {
        final VirtualServer vs;
        final RealServer rs;
        final String name;
        final String vsName;
        final EventLoop loop;
        final List<Probe> probes = new ArrayList<>();
        final List<Ctx> contexts = new ArrayList<>();
        final List<String> keywords = new ArrayList<>();
        final List<Checker> checkers = new ArrayList<>();
        final List<RealServerHealth.CheckerSpec> specs = new ArrayList<>();
        RealServerHealth health;
        /** Set on its loop by a reload: the server's checks stop and it publishes nothing more. */
        boolean retired;
        /** ha_suspend: the virtual address is absent, checks that fall due only wait another delay_loop. */
        volatile boolean suspended;
        final long[] attempt;
        final long[] startedAt;
        final long[] checksDone;
        final long[] lastLatency;
        final long[] lastLateness;
        final long[] delayLoops;
        /** When the attempt in flight is given up as unanswered; 0 when none is in flight. */
        final long[] deadline;

        Server(VirtualServer vs, RealServer rs, boolean logAll, EventLoop loop) {
            this.vs = vs;
            this.rs = rs;
            this.loop = loop;
            this.name = trio(rs.address(), rs.port(), vs.protocol());
            this.vsName = vsName(vs);
            this.suspended = haSuspend.suspended(vs);
            for (Checker c : rs.checkers()) {
                CheckSchedule schedule = CheckSchedule.resolve(vs, rs, c, logAll);
                Probe probe;
                ProbeTarget target;
                try {
                    target = target(vs, rs, c, schedule, name);
                    probe = Probes.create(c, target, vs, rs);
                } catch (RuntimeException e) {
                    // keepalived would run it; we cannot yet, so it neither fails nor holds up the real server
                    LOG.warn("{} for service {} of VS {} not started: {}", c.keyword(), name, vsName, e.getMessage());
                    continue;
                }
                String check = probe.checkName() == null ? c.keyword() : probe.checkName();
                Probe p = probe;
                specs.add(new RealServerHealth.CheckerSpec(schedule, probe.upLine(),
                        check + " on service " + name + " failed.",
                        check + " on service " + name + " failed after " + schedule.retry() + " retries.",
                        (failure, hasRun) -> p.downLine(failure, schedule.retry(), hasRun), probe.rules()));
                probes.add(probe);
                checkers.add(c);
                contexts.add(new Ctx(loop, target, schedule.delayLoop(), rs.weight()));
                keywords.add(c.keyword());
            }
            this.health = new RealServerHealth(specs, rs.weight());
            int n = specs.size();
            this.attempt = new long[n];
            this.startedAt = new long[n];
            this.checksDone = new long[n];
            this.lastLatency = new long[n];
            this.lastLateness = new long[n];
            this.delayLoops = specs.stream().mapToLong(sp -> sp.schedule().delayLoop()).toArray();
            this.deadline = new long[n];
            java.util.Arrays.fill(lastLatency, -1);
            java.util.Arrays.fill(lastLateness, -1);
        }

        /** Takes over {@code old}'s state (read after {@code old} retired on its loop): see {@link #reload}. */
        void continueFrom(Server old) {
            int[] previous = CheckerReload.continued(old.checkers, checkers);
            int weight = rs.weight();
            for (int i = 0; i < previous.length; i++) {
                if (previous[i] >= 0) {
                    checksDone[i] = old.checksDone[previous[i]];
                    lastLatency[i] = old.lastLatency[previous[i]];
                    // a misc_dynamic weight stays while its MISC_CHECK does (keepalived migrates cur_weight)
                    if (checkers.get(i) instanceof io.jkeepalived.conf.model.check.MiscCheck
                            && old.health.weight() != old.rs.weight()) {
                        weight = old.health.weight();
                    }
                }
            }
            health = RealServerHealth.reloaded(old.health, specs, previous, weight);
        }

        void retire() {
            retired = true;
            for (Probe p : probes) {
                try {
                    p.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing a probe of {}", name, e);
                }
            }
        }

        void start() {
            if (closed || retired) {
                return;
            }
            apply(health.start(clock.getAsLong(), options.warmupRandom()));
        }

        void apply(List<HealthAction> actions) {
            for (HealthAction a : actions) {
                if (a instanceof HealthAction.Schedule s) {
                    long delay = Math.max(0, s.atNanos() - clock.getAsLong());
                    loop.schedule(() -> fire(s.checker(), s.atNanos()), delay, TimeUnit.NANOSECONDS);
                } else if (a instanceof HealthAction.Log l) {
                    LOG.info("{}", l.line());
                } else if (a instanceof HealthAction.Verdict v) {
                    RealServerVerdict verdict = new RealServerVerdict(vs, rs, v.up(), v.weight());
                    deliver(() -> listener.onVerdict(verdict));
                } else if (a instanceof HealthAction.Notify n) {
                    NotifyRunner runner = notifier;
                    deliver(() -> runner.run(n.up() ? rs.notifyUp() : rs.notifyDown()));
                }
            }
        }

        void deliver(Runnable r) {
            try {
                verdicts.execute(() -> {
                    if (!closed) {
                        try {
                            r.run();
                        } catch (RuntimeException e) {
                            LOG.error("verdict listener failed for service {} of VS {}", name, vsName, e);
                        }
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing: nothing is published after close
            }
        }

        void fire(int i, long due) {
            if (closed || retired) {
                return;
            }
            long now = clock.getAsLong();
            HealthAction.Schedule skip = HaSuspend.due(suspended, i, now, delayLoops[i]);
            if (skip != null) {
                apply(List.of(skip));
                return;
            }
            long late = Math.max(0, now - due);
            lastLateness[i] = late;
            worstLateness.accumulateAndGet(late, Math::max);
            long id = ++attempt[i];
            startedAt[i] = now;
            Consumer<ProbeResult> done = r -> {
                if (loop.inEventLoop()) {
                    finish(i, id, r);
                } else {
                    loop.execute(() -> finish(i, id, r));
                }
            };
            Ctx ctx = contexts.get(i);
            // the SPI promises one callback per attempt; if a probe breaks that, the sweep fails the attempt so
            // the checker does not stop forever
            deadline[i] = now + ctx.target.connectTimeoutNanos() + delayLoops[i] + GUARD_NANOS;
            try {
                probes.get(i).start(ctx, done);
            } catch (RuntimeException e) {
                finish(i, id, ProbeResult.failed(keywords.get(i) + " on service " + name + " failed: " + e));
            }
        }

        void finish(int i, long id, ProbeResult r) {
            if (closed || retired || attempt[i] != id) {
                return;
            }
            // a later callback of the same attempt (e.g. the guard) is ignored
            attempt[i]++;
            deadline[i] = 0;
            long now = clock.getAsLong();
            lastLatency[i] = now - startedAt[i];
            checksDone[i]++;
            checks.incrementAndGet();
            apply(health.onResult(i, r, now));
        }

        /** Fails the attempts whose probe never called back (see {@link #GUARD_NANOS}). */
        void sweep(long now) {
            for (int i = 0; i < deadline.length; i++) {
                if (deadline[i] != 0 && now - deadline[i] > 0) {
                    LOG.warn("{} on service {} gave no answer - counting the attempt as failed", keywords.get(i), name);
                    finish(i, attempt[i], ProbeResult.failed(keywords.get(i) + " on service " + name + " failed."));
                }
            }
        }

        RealServerStatus snapshot() {
            List<RealServerStatus.CheckerStatus> cs = new ArrayList<>(keywords.size());
            for (int i = 0; i < keywords.size(); i++) {
                cs.add(new RealServerStatus.CheckerStatus(keywords.get(i), health.checkerUp(i),
                        health.consecutiveFailures(i), checksDone[i], lastLatency[i],
                        lastLateness[i]));
            }
            return new RealServerStatus(vs, rs, name, health.alive(), health.weight(), cs);
        }
    }

    /** Where a probe of one checker connects, with keepalived's defaults (conn_opts_t after validation). */
    static ProbeTarget target(VirtualServer vs, RealServer rs, Checker c, CheckSchedule schedule, String name) {
        ConnectionOptions co = CheckSchedule.component(c, ConnectionOptions.class);
        if (co == null) {
            co = ConnectionOptions.UNSET;
        }
        String ip = co.connectIp() != null ? co.connectIp() : rs.address();
        int port = co.connectPort() != null ? co.connectPort() : parsePort(rs.port());
        InetSocketAddress connect = new InetSocketAddress(Inet.literal(ip), port);
        InetSocketAddress bind = null;
        if (co.bindTo() != null || co.bindPort() != null) {
            InetAddress local = co.bindTo() != null ? Inet.literal(co.bindTo()) : null;
            int p = co.bindPort() == null ? 0 : co.bindPort();
            bind = local == null ? new InetSocketAddress(p) : new InetSocketAddress(local, p);
        }
        return new ProbeTarget(connect, bind, co.bindIf(), co.fwmark() == null ? 0 : co.fwmark(),
                schedule.connectTimeout(), name, vsName(vs));
    }

    private static int parsePort(String port) {
        if (port == null) {
            return 0;
        }
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The probe's view of the engine for one checker. */
    private final class Ctx implements ProbeContext {
        final EventLoop loop;
        final ProbeTarget target;
        final long delayLoopNanos;
        final int weight;

        Ctx(EventLoop loop, ProbeTarget target, long delayLoopNanos, int weight) {
            this.loop = loop;
            this.target = target;
            this.delayLoopNanos = delayLoopNanos;
            this.weight = weight;
        }

        @Override
        public int realServerWeight() {
            return weight;
        }

        @Override
        public List<io.jkeepalived.conf.model.vrrp.TrackFile> trackFiles() {
            return trackFiles;
        }

        @Override
        public GlobalDefs global() {
            return globalDefs;
        }

        @Override
        public io.jkeepalived.conf.model.check.SslSettings ssl() {
            return sslSettings;
        }

        @Override
        public long delayLoopNanos() {
            return delayLoopNanos;
        }

        @Override
        public EventLoop eventLoop() {
            return loop;
        }

        @Override
        public Class<? extends SocketChannel> socketChannelType() {
            return channelType;
        }

        @Override
        public java.util.concurrent.Executor blocking() {
            return blocking;
        }

        @Override
        public LongSupplier nanoClock() {
            return clock;
        }

        @Override
        public ProbeTarget target() {
            return target;
        }
    }
}
