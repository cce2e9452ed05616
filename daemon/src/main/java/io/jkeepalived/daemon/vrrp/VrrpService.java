package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.daemon.track.InterfaceTracker;
import io.jkeepalived.daemon.track.ProcessScriptRunner;
import io.jkeepalived.daemon.track.ScriptTracker;
import io.jkeepalived.daemon.track.TrackPlan;
import io.jkeepalived.netlink.raw.GratuitousArpFrame;
import io.jkeepalived.netlink.raw.PacketSocket;
import io.jkeepalived.netlink.raw.Poller;
import io.jkeepalived.netlink.raw.ReceivedPacket;
import io.jkeepalived.netlink.raw.UnsolicitedNeighbourAdvert;
import io.jkeepalived.netlink.raw.VrrpReceiveSocket;
import io.jkeepalived.netlink.raw.VrrpSendSocket;
import io.jkeepalived.netlink.raw.VrrpSocketConfig;
import io.jkeepalived.netlink.raw.Wakeup;
import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.Link;
import io.jkeepalived.netlink.rtnl.RouteNetlink;
import io.jkeepalived.netlink.rtnl.Rtnetlink;
import io.jkeepalived.vrrp.fsm.VrrpAction;
import io.jkeepalived.vrrp.fsm.VrrpEvent;
import io.jkeepalived.vrrp.fsm.VrrpState;
import io.jkeepalived.vrrp.fsm.VrrpStateMachine;
import io.jkeepalived.vrrp.fsm.VrrpStep;
import io.jkeepalived.vrrp.packet.Advert;
import io.jkeepalived.vrrp.packet.AdvertDecoder;
import io.jkeepalived.vrrp.packet.AdvertEncoder;
import io.jkeepalived.vrrp.packet.AuthType;
import io.jkeepalived.vrrp.packet.DecodeResult;
import io.jkeepalived.vrrp.packet.Ipv4Envelope;
import io.jkeepalived.vrrp.packet.Ipv6Envelope;
import io.jkeepalived.vrrp.packet.ReceivedAdvert;
import io.jkeepalived.vrrp.packet.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The VRRP subsystem: keepalived's VRRP child. One thread ("vrrp") owns every instance's state machine, decoder
 * and socket and does nothing else, so nothing a health check or the netlink socket does can delay an advert or a
 * master-down timer; address changes go to a second thread ("vrrp-netlink") because a netlink request blocks.
 * The state machines decide; this class only carries out their actions and feeds them packets and ticks.
 */
public final class VrrpService {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");
    /**
     * The longest sleep: the loop is woken by its timers, its sockets and {@link #wakeup} (tracker news, stop), so
     * this only bounds the damage of a lost wake-up.
     */
    private static final int MAX_POLL_MILLIS = 1000;
    /** Packets read from one socket per wake-up: enough for a burst, bounded so timers are never starved. */
    private static final int MAX_PACKETS_PER_WAKEUP = 256;
    /** Rejected packets are logged at most once per second per instance and reason, as keepalived rate-limits. */
    private static final long REJECT_LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final List<InstancePlan> plans;
    private final LongSupplier nanoClock;
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    /** Interfaces by name; the vrrp thread updates it when interfaces come and go or a reload adds some, the netlink thread reads it. */
    private final Map<String, Link> links = new java.util.concurrent.ConcurrentHashMap<>();
    private PacketSocket arpSender;
    private PacketSocket naSender;
    /** Spaces gratuitous ARPs / NAs per interface ({@code garp_group}, {@code vrrp_garp_interval}); vrrp thread only. */
    private io.jkeepalived.vrrp.garp.GarpPacer garpPacer;
    private ExecutorService netlink;
    private RouteNetlink routes;
    private Thread loop;
    private volatile boolean stopping;
    /** False with keepalived's -V/--dont-release-vrrp: the stop leaves VIPs, virtual routes/rules and VMACs. */
    private volatile boolean releaseOnStop = true;
    /** Set by the vrrp thread once it handles the instances' Stop events. */
    private boolean shuttingDown;
    private int ipId;
    private ScriptTracker scriptTracker;
    private InterfaceTracker interfaceTracker;
    /** notify scripts, FIFOs and mail; fed from the netlink thread, after the VIP changes queued before them. */
    private io.jkeepalived.daemon.notify.Notifier notifier;
    /** Tracker news, queued by the tracker threads and applied by the vrrp thread: it alone touches the fsms. */
    private final ConcurrentLinkedQueue<News> trackerNews = new ConcurrentLinkedQueue<>();
    /** Pokes the vrrp thread out of its poll when tracker news arrives or a stop is asked for. */
    private Wakeup wakeup;
    /** The configuration running now (replaced by a reload). */
    private volatile io.jkeepalived.conf.KeepalivedConfig config;
    /** Reloads, carried out by the vrrp thread between event batches (see {@link #reload}). */
    private final ConcurrentLinkedQueue<Runnable> reloads = new ConcurrentLinkedQueue<>();
    /** The trackers' starting contributions, applied before the instances start. */
    private final List<News> trackerStart = new ArrayList<>();
    /** Sync groups, split-brain detection, deleted VIPs: between the vrrp thread and the state machines. */
    private Coordination coordination;
    private final Map<VrrpStateMachine, Instance> byFsm = new java.util.IdentityHashMap<>();
    private io.jkeepalived.daemon.track.FileAndProcessTrackers fileAndProcessTrackers;
    private VipWatch vipWatch;
    /** The interfaces' addresses and each instance's advert source; vrrp thread only (see {@link SourceTracking}). */
    private SourceTracking sourceTracking;
    /** A packet whose handling throws is dropped, counted and logged; the thread goes on. */
    private final PacketGuard packetGuard;
    /** Set when a channel is opened or closed while running (a source address came, a reload): the poll set is rebuilt. */
    private boolean channelsChanged;
    /** Status requests (dumps, metrics), answered by the vrrp thread between event batches. */
    private final ConcurrentLinkedQueue<java.util.concurrent.CompletableFuture<List<io.jkeepalived.daemon.status.InstanceStatus>>>
            statusRequests = new ConcurrentLinkedQueue<>();

    /** A tracker's change for one instance, or (change null) a log line to write in order with the changes. */
    private record News(String instance, VrrpEvent.TrackerChanged change, String logLine) {
    }

    /** Queues tracker news for the vrrp thread, in the order the tracker thread gives it. */
    private static final class Queueing implements io.jkeepalived.daemon.track.TrackerSink {
        private final java.util.Collection<News> queue;
        private final Runnable wake;

        Queueing(java.util.Collection<News> queue, Runnable wake) {
            this.queue = queue;
            this.wake = wake;
        }

        @Override
        public void changed(String instance, VrrpEvent.TrackerChanged change) {
            queue.add(new News(instance, change, null));
            wake.run();
        }

        @Override
        public void log(String line) {
            queue.add(new News(null, null, line));
            wake.run();
        }
    }

    /** Sockets shared by the instances on one interface, family and mode (keepalived's sock_t pool). */
    private static final class Channel {
        final VrrpReceiveSocket receive;
        final VrrpSendSocket send;
        final boolean ipv6;
        final String interfaceName;
        /** A unicast channel's bound source (its sockets receive only what is sent to it); null for multicast. */
        InetAddress unicastSource;
        final List<Instance> members = new ArrayList<>();
        /** How a failed packet's log line names the place. */
        final String guardPlace;

        Channel(VrrpReceiveSocket receive, VrrpSendSocket send, boolean ipv6, String interfaceName) {
            this.receive = receive;
            this.send = send;
            this.ipv6 = ipv6;
            this.interfaceName = interfaceName;
            this.guardPlace = "interface " + interfaceName;
        }
    }

    /** One running instance. */
    private static final class Instance {
        final InstancePlan plan;
        final VrrpStateMachine fsm;
        final AdvertDecoder decoder;
        /** null while the interface does not exist (dynamic_interfaces): FAULT until it is created. */
        Link link;
        /** The advert source: changes with the interface's addresses (see {@link SourceTracking}); null = none. */
        InetAddress source;
        /** Index of the interface whose addresses give the source; -1 when it is fixed (unicast_src_ip). */
        int sourceIfindex = -1;
        Channel channel;
        long wakeupAt = Long.MAX_VALUE;
        final Map<Object, Long> lastRejectLog = new HashMap<>();
        /** How a failed packet's log line names the instance. */
        final String guardPlace;
        /** Counts for the dumps and the metrics endpoint. */
        io.jkeepalived.daemon.status.InstanceRecorder recorder = // carried over by a reload
                new io.jkeepalived.daemon.status.InstanceRecorder(io.jkeepalived.daemon.status.WallClock::micros);

        Instance(InstancePlan plan, VrrpStateMachine fsm, Link link, InetAddress source) {
            this.plan = plan;
            this.fsm = fsm;
            this.decoder = new AdvertDecoder(plan.expectation());
            this.link = link;
            this.source = source;
            this.guardPlace = "(" + plan.name() + ")";
        }
    }

    private Runnable onFailure = () -> { };
    /** Told of every state change on the vrrp thread (the IPVS sync daemon follows its instance). */
    private final List<InstanceStateListener> stateListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** {@code use_vmac} macvlans, deleted at stop. */
    private Vmacs vmacs;
    /** static_* and virtual_routes/virtual_rules. */
    private VrrpRouting routing;

    private VrrpService(List<InstancePlan> plans, LongSupplier nanoClock) {
        this.plans = List.copyOf(plans);
        this.nanoClock = nanoClock;
        this.packetGuard = new PacketGuard(nanoClock, LOG::warn);
    }


    /**
     * What a reload from {@code running} to {@code next} changes on the VRRP side (instances added, removed or
     * changed, VIPs/routes added or removed, trackers), one line per change. Pure: used by the SIGHUP path (logged)
     * and by {@code jkeepalived reload --dry-run} (printed); empty when nothing changes.
     */
    public static List<String> reloadPlan(io.jkeepalived.conf.KeepalivedConfig running,
                                          io.jkeepalived.conf.KeepalivedConfig next) {
        return io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.of(running, next).lines();
    }
    /**
     * Reads the interfaces, works out the instances and opens their sockets; nothing is sent yet.
     *
     * @throws IOException naming the interface, address or system call that is missing
     */
    public static VrrpService open(io.jkeepalived.conf.KeepalivedConfig config, LongSupplier nanoClock)
            throws IOException {
        RouteNetlink rtnl = RouteNetlink.open();
        Vmacs vmacs = Vmacs.plan(config.vrrp().instances(), Sysctl.PROC);
        try {
            Map<String, Link> byName = new HashMap<>();
            for (Link l : rtnl.links()) {
                byName.put(l.name(), l);
            }
            List<Address> addresses = rtnl.addresses(Rtnetlink.AF_UNSPEC);
            List<InstancePlan> plans = VrrpPlanner.plan(config, (ifname, v6) -> primary(byName.get(ifname), addresses, v6));
            if (!vmacs.isEmpty()) {
                // use_vmac: the instances run on their macvlans, which exist from here on
                vmacs.create(rtnl, plans);
                plans = vmacs.apply(plans, config.vrrp().instances());
                for (Link l : rtnl.links()) {
                    byName.put(l.name(), l);
                }
            }
            VrrpService s = new VrrpService(plans, nanoClock);
            s.config = config;
            s.garpPacer = GarpPacing.pacer(config, nanoClock);
            s.links.putAll(byName);
            s.routes = rtnl;
            s.vmacs = vmacs;
            s.routing = VrrpRouting.plan(config.vrrp(), byName);
            s.routing.applyStatic(rtnl);
            s.routing.removeAllVirtual(rtnl);
            s.openSockets(vmacs.isEmpty() ? addresses : rtnl.addresses(Rtnetlink.AF_UNSPEC));
            s.warmUp();
            s.openTrackers(config);
            s.notifier = io.jkeepalived.daemon.notify.Notifier.open(config);
            s.coordination.onGroupStateChanged(s::notifyGroup);
            return s;
        } catch (IOException | RuntimeException e) {
            vmacs.remove(rtnl);
            rtnl.close();
            throw e;
        }
    }

    /** The interface's first IPv4 address, or its IPv6 link-local address, as keepalived picks the advert source. */
    static InetAddress primary(Link link, List<Address> addresses, boolean ipv6) {
        if (link == null) {
            return null;
        }
        for (Address a : addresses) {
            if (a.index() != link.index() || (a.flags() & Address.IFA_F_SECONDARY) != 0) {
                continue;
            }
            InetAddress ip = a.ip();
            if (!ipv6 && ip instanceof Inet4Address) {
                return ip;
            }
            if (ipv6 && ip instanceof Inet6Address && ip.isLinkLocalAddress()) {
                return ip;
            }
        }
        return null;
    }

    private void openSockets(List<Address> addresses) throws IOException {
        for (InstancePlan p : plans) {
            instances.add(attach(p));
        }
        if (instances.stream().anyMatch(i -> !i.plan.ipv6())) {
            arpSender = PacketSocket.sender(PacketSocket.ETHERTYPE_ARP);
        }
        if (instances.stream().anyMatch(i -> i.plan.allVips().stream().anyMatch(Vip::ipv6))) {
            naSender = PacketSocket.sender(PacketSocket.ETHERTYPE_IPV6);
        }
        removeStaleVips(addresses);
    }

    /**
     * The instance of one plan, joined to the sockets of its interface when it can send: without its interface
     * (dynamic_interfaces) or, for unicast, without its source it starts in FAULT and joins when they come.
     */
    private Instance attach(InstancePlan p) throws IOException {
        Link link = links.get(p.interfaceName());
        if (link == null) {
            // accepted by the config check with dynamic_interfaces only: FAULT until the interface is created
            LOG.info("Configuration specifies interface {} which doesn't currently exist - will use if created",
                    p.interfaceName());
            return new Instance(p, new VrrpStateMachine(p.fsm(), nanoClock), null, null);
        }
        InetAddress source = p.unicastSource() != null ? p.unicastSource() : p.fsm().primaryAddress();
        int sourceIfindex = SourceTracking.sourceInterface(p, vmacs, links);
        if (source == null && sourceIfindex < 0) {
            throw new IOException("(" + p.name() + ") interface " + p.interfaceName() + " has no "
                    + (p.ipv6() ? "IPv6 link-local" : "IPv4") + " address to send adverts from");
        }
        Instance inst = new Instance(p, new VrrpStateMachine(p.fsm(), nanoClock), link, source);
        inst.sourceIfindex = sourceIfindex;
        if (source != null || !p.unicast()) {
            openChannel(inst); // a unicast socket needs its source: opened when the interface gets one
        }
        return inst;
    }

    /** Joins the instance to the sockets of its interface, family and mode, opening them if it is the first. */
    private void openChannel(Instance inst) throws IOException {
        InstancePlan p = inst.plan;
        Link link = inst.link;
        InetAddress source = inst.source;
        String key = link.index() + "/" + (p.ipv6() ? 6 : 4) + "/"
                + (p.unicast() ? "u" + source.getHostAddress() : "m" + p.multicastGroup().getHostAddress())
                + "/" + (p.authType() == AuthType.AH ? "ah" : "vrrp");
        Channel ch = channels.get(key);
        if (ch == null) {
            VrrpSocketConfig sc = p.unicast()
                    ? VrrpSocketConfig.unicast(source, link.name(), link.index())
                    : VrrpSocketConfig.multicast(p.multicastGroup(), link.name(), link.index());
            if (p.authType() == AuthType.AH) {
                sc = sc.withProtocol(io.jkeepalived.netlink.raw.IpProtocol.AH);
            }
            // a burst from many instances must not be dropped: 1 MiB, as keepalived's default sizing allows
            sc = sc.withReceiveBufferSize(1 << 20);
            VrrpReceiveSocket rx = VrrpReceiveSocket.open(sc);
            VrrpSendSocket tx;
            try {
                tx = VrrpSendSocket.open(p.ipv6() ? sc : sc.withHeaderIncluded(true));
            } catch (IOException e) {
                rx.close();
                throw e;
            }
            ch = new Channel(rx, tx, p.ipv6(), link.name());
            ch.unicastSource = p.unicast() ? source : null;
            channels.put(key, ch);
        }
        inst.channel = ch;
        io.jkeepalived.daemon.status.SocketPool.register(new io.jkeepalived.daemon.status.SocketPool.Entry(p.name(),
                p.fsm().virtualRouterId(), ch.receive.fd(), ch.send.fd(), ch.interfaceName, ch.ipv6, p.unicast(),
                p.authType() == AuthType.AH));
        ch.members.add(inst);
        channelsChanged = true;
    }

    /** Works out who tracks what and subscribes to the interfaces; the scripts run from {@link #start()}. */
    private void openTrackers(io.jkeepalived.conf.KeepalivedConfig config) throws IOException {
        io.jkeepalived.conf.model.VrrpConfig tracking =
                io.jkeepalived.daemon.track.SyncGroupTracking.apply(config.vrrp());
        TrackPlan plan = TrackPlan.of(tracking);
        wakeup = Wakeup.open();
        Runnable wake = wakeup::signal;
        Runnable none = () -> { };
        if (!plan.interfaces().isEmpty()) {
            interfaceTracker = InterfaceTracker.open(plan, new Queueing(trackerNews, wake));
            interfaceTracker.initial(new Queueing(trackerStart, none));
        }
        if (!plan.scripts().isEmpty()) {
            scriptTracker = new ScriptTracker(plan, new ProcessScriptRunner(), new Queueing(trackerNews, wake));
            scriptTracker.initial(new Queueing(trackerStart, none));
        }
        instances.forEach(i -> byFsm.put(i.fsm, i));
        coordination = new Coordination(config.vrrp().syncGroups(), instances.stream().map(i -> i.fsm).toList(),
                nanoClock);
        fileAndProcessTrackers = io.jkeepalived.daemon.track.FileAndProcessTrackers.open(tracking,
                new Queueing(trackerNews, wake), new Queueing(trackerStart, none), LOG::info);
        vipWatch = openVipWatch(wake);
        // read after the watch subscribed: a change from here on is queued, none falls in between
        sourceTracking = new SourceTracking(routes.addresses(Rtnetlink.AF_UNSPEC), SourceTracking.vips(plans));
        vipWatch.feed(sourceTracking, wake);
    }

    /**
     * A copy of every instance, taken by the vrrp thread between two event batches so that nothing it owns is
     * read while it runs; waits at most {@code timeoutMillis}.
     *
     * @throws IOException if the vrrp thread does not answer in time (stopped, or stuck)
     */
    public List<io.jkeepalived.daemon.status.InstanceStatus> status(long timeoutMillis) throws IOException {
        java.util.concurrent.CompletableFuture<List<io.jkeepalived.daemon.status.InstanceStatus>> f =
                new java.util.concurrent.CompletableFuture<>();
        statusRequests.add(f);
        if (wakeup != null) {
            wakeup.signal();
        }
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            statusRequests.remove(f);
            throw new IOException("the VRRP thread did not report its status within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the VRRP status");
        }
    }

    private void answerStatusRequests() {
        if (statusRequests.isEmpty()) {
            return;
        }
        long now = nanoClock.getAsLong();
        long wall = io.jkeepalived.daemon.status.WallClock.micros();
        List<io.jkeepalived.daemon.status.InstanceStatus> all = new ArrayList<>();
        for (Instance inst : instances) {
            all.add(VrrpStatusBuilder.build(inst.plan, inst.fsm, inst.decoder.counters(), inst.recorder, inst.source,
                    inst.wakeupAt, now, wall, splitBrain(inst.plan.name()).orElse(null)));
        }
        List<io.jkeepalived.daemon.status.InstanceStatus> copy = List.copyOf(all);
        for (int n = statusRequests.size(); n > 0; n--) {
            java.util.concurrent.CompletableFuture<List<io.jkeepalived.daemon.status.InstanceStatus>> f =
                    statusRequests.poll();
            if (f == null) {
                return;
            }
            f.complete(copy);
        }
    }

    private void applyTrackerNews() {
        // bounded: what is queued now, not what keeps arriving while we work
        for (int n = trackerNews.size(); n > 0; n--) {
            News e = trackerNews.poll();
            if (e == null) {
                return;
            }
            applyTracker(e);
        }
    }

    private void applyTracker(News e) {
        if (e.change() == null) {
            LOG.info(e.logLine());
            return;
        }
        for (Instance inst : instances) {
            if (inst.plan.name().equals(e.instance())) {
                inst.recorder.tracker(e.change());
                handle(inst, e.change());
            }
        }
    }

    /**
     * Follows the interfaces' addresses into each instance's advert source, as keepalived's netlink handler does:
     * the source kept while present, another of the interface's addresses taken silently when it goes, FAULT when
     * none is left (the priority-0 advert still goes out from the old one), and the first address back ends the
     * fault. At start ({@code starting}) an instance without an address enters FAULT with keepalived's lines.
     */
    private void updateSources(boolean starting) {
        for (Instance inst : instances) {
            updateSource(inst, starting);
        }
    }

    /**
     * One instance's advert source against the interface's addresses now; {@code starting}: before its Start event
     * (at start, or added by a reload), when no address is a FAULT to log and tell the machine.
     */
    private void updateSource(Instance inst, boolean starting) {
        if (!relink(inst)) {
            if (starting) {
                LOG.info("({}) entering FAULT state (no IPv{} address for interface)", inst.plan.name(),
                        inst.plan.ipv6() ? 6 : 4);
                LOG.info("({}) entering FAULT state", inst.plan.name());
                handle(inst, new VrrpEvent.SourceAddressChanged(null));
            }
            return; // no interface yet
        }
        if (inst.sourceIfindex < 0) {
            // unicast_src_ip: fixed; the machine only needs it once the interface it waited for exists
            if (inst.fsm.sourceAddress() == null && inst.source != null) {
                handle(inst, new VrrpEvent.SourceAddressChanged(inst.source));
            }
            return;
        }
        InetAddress old = inst.source;
        InetAddress now = sourceTracking.choose(inst.sourceIfindex, inst.plan.ipv6(), old);
        if (Objects.equals(now, old) && !(starting && now == null)) {
            return;
        }
        String name = inst.plan.name();
        String ifname = interfaceName(inst.sourceIfindex);
        if (now == null) {
            if (starting) {
                LOG.info("({}) entering FAULT state (no IPv{} address for interface)", name, inst.plan.ipv6() ? 6 : 4);
                LOG.info("({}) entering FAULT state", name);
            } else {
                LOG.info("Deassigned address {} from interface {}", ntop(old), ifname);
            }
            handle(inst, new VrrpEvent.SourceAddressChanged(null)); // a master's priority 0 from the old source
            inst.source = null;
            return;
        }
        if (old == null) {
            LOG.info("Assigned address {} for interface {}", ntop(now), ifname);
        } else {
            LOG.info("({}) advert source address {} gone from {}, using {}", name, ntop(old), ifname,
                    ntop(now));
        }
        inst.source = now;
        if (inst.plan.ipv6() && !vmacs.isEmpty()) {
            String instance = inst.plan.name();
            netlink.execute(() -> vmacs.followLinkLocal(routes, instance, old, now));
        }
        if (inst.channel != null && inst.plan.unicast() && !now.equals(inst.channel.unicastSource)) {
            // the unicast sockets are bound to the old source: as keepalived, move to sockets of the new one, or
            // the peers' adverts sent to it would not be received
            leaveChannel(inst);
        }
        if (inst.channel == null) {
            try {
                openChannel(inst); // a unicast instance's sockets are bound to its source
            } catch (IOException e) {
                LOG.warn("({}) opening the VRRP sockets from {} failed: {}", name, now.getHostAddress(),
                        e.getMessage());
                inst.source = null;
                return;
            }
        }
        handle(inst, new VrrpEvent.SourceAddressChanged(now));
    }

    /**
     * Follows the instance's interface when it is created after the start, or deleted and created again (a new
     * index): the instance joins the sockets of the new interface; false while there is none.
     */
    private boolean relink(Instance inst) {
        Link now = links.get(inst.plan.interfaceName());
        if (inst.link != null && (now == null || now.index() == inst.link.index() || isVmac(inst))) {
            return true; // unchanged (or deleted: its addresses went with it, so it is in FAULT)
        }
        if (now == null) {
            return false;
        }
        if (inst.channel != null) {
            inst.channel.members.remove(inst);
            inst.channel = null;
        }
        inst.link = now;
        inst.sourceIfindex = SourceTracking.sourceInterface(inst.plan, vmacs, links);
        if (inst.plan.unicastSource() != null) {
            inst.source = inst.plan.unicastSource();
        }
        if (inst.source != null || !inst.plan.unicast()) {
            try {
                openChannel(inst);
            } catch (IOException e) {
                LOG.warn("({}) opening the VRRP sockets on {} failed: {}", inst.plan.name(), now.name(), e.getMessage());
            }
        }
        return true;
    }

    private boolean isVmac(Instance inst) {
        for (Vmacs.Vmac v : vmacs.vmacs()) {
            if (v.instance().equals(inst.plan.name())) {
                return true;
            }
        }
        return false;
    }

    /** As keepalived prints an address (inet_ntop: IPv6 compressed). */
    private static String ntop(InetAddress a) {
        return io.jkeepalived.conf.net.InetText.ntop(a.getAddress());
    }

    private String interfaceName(int ifindex) {
        for (Link l : links.values()) {
            if (l.index() == ifindex) {
                return l.name();
            }
        }
        return "#" + ifindex;
    }

    /** A kill -9 leaves our VIPs behind; keepalived removes them at start, before anything else ("removing VIPs"). */
    private void removeStaleVips(List<Address> addresses) {
        for (Instance inst : instances) {
            boolean logged = false;
            for (Vip v : inst.plan.allVips()) {
                Link l = links.get(v.dev());
                boolean present = l != null && addresses.stream()
                        .anyMatch(a -> a.index() == l.index() && v.address().equals(a.ip()));
                if (present) {
                    if (!logged) {
                        LOG.info("({}) removing VIPs.", inst.plan.name());
                        logged = true;
                    }
                    deleteAddress(v);
                }
            }
        }
    }

    /**
     * Runs, once, the code a takeover runs (advert encoding, GARP/NA frames) without sending anything: a backup
     * that becomes master must not pay for class loading and first-time initialisation at that moment; on a busy
     * machine that cost tens of milliseconds of the takeover time.
     */
    private void warmUp() {
        for (Instance inst : instances) {
            InstancePlan p = inst.plan;
            if (inst.source == null) {
                continue; // in FAULT until its interface has an address
            }
            List<InetAddress> vips = new ArrayList<>();
            for (Vip v : p.vips()) {
                if (v.ipv6() == p.ipv6()) {
                    vips.add(v.address());
                }
            }
            InetAddress dst = p.unicast() ? p.unicastPeers().get(0) : p.multicastGroup();
            if (p.ipv6()) {
                AdvertEncoder.ipv6(Advert.v3(p.fsm().virtualRouterId(), 0, p.advertInterval(), vips),
                        (Inet6Address) inst.source, (Inet6Address) dst);
            } else if (p.version() == 3) {
                AdvertEncoder.ipv4(Advert.v3(p.fsm().virtualRouterId(), 0, p.advertInterval(), vips),
                        Ipv4Envelope.of((Inet4Address) inst.source, (Inet4Address) dst, 1));
            } else if (p.authType() != AuthType.AH) {
                AdvertEncoder.ipv4(Advert.v2(p.fsm().virtualRouterId(), 0, p.advertInterval(), p.authType(),
                        p.authData(), vips), Ipv4Envelope.of((Inet4Address) inst.source, (Inet4Address) dst, 1));
            }
            byte[] mac = inst.link.hardwareAddress();
            if (mac != null && mac.length == 6) {
                for (Vip v : p.allVips()) {
                    if (v.ipv6()) {
                        UnsolicitedNeighbourAdvert.build(mac, (Inet6Address) v.address(), false);
                    } else {
                        GratuitousArpFrame.build(mac, (Inet4Address) v.address());
                    }
                }
            }
        }
    }

    /**
     * Starts the VRRP thread: every instance enters its initial state.
     *
     * @param onFailure called (on the VRRP thread) if the thread dies of an unexpected error, after its instances
     *                  have stopped cleanly; the daemon then exits non-zero so that systemd restarts it
     */
    public void start(Runnable onFailure) {
        this.onFailure = onFailure;
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
                TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "vrrp-netlink");
            t.setDaemon(true);
            return t;
        });
        pool.prestartAllCoreThreads(); // not on the first takeover
        netlink = pool;
        loop = new Thread(this::run, "vrrp");
        loop.setPriority(Thread.MAX_PRIORITY);
        loop.start();
        if (interfaceTracker != null) {
            interfaceTracker.start();
        }
        if (scriptTracker != null) {
            scriptTracker.start();
        }
        fileAndProcessTrackers.start();
        vipWatch.start();
    }

    /** Adds a listener of every instance's state changes; call before {@link #start}, it must not block. */
    public void addStateListener(InstanceStateListener listener) {
        stateListeners.add(listener);
    }

    /**
     * {@link #stop()}, or with {@code release} false as keepalived's {@code -V/--dont-release-vrrp} stops: no
     * priority-0 adverts, and the VIPs, virtual routes/rules and VMACs stay (static entries are still removed, the
     * STOP notifications still run).
     */
    public void stop(boolean release) {
        releaseOnStop = release;
        stop();
    }

    /** Stops as keepalived does on SIGTERM: priority-0 adverts, VIPs removed, sockets closed; bounded wait. */
    public void stop() {
        // the priority-0 adverts first: the loop stops its instances as soon as it wakes, and applies no tracker
        // news after that, so the trackers (whose threads may take a moment to end) are closed afterwards
        stopping = true;
        if (wakeup != null) {
            wakeup.signal();
        }
        if (loop != null) {
            try {
                loop.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (scriptTracker != null) {
            scriptTracker.close();
        }
        if (interfaceTracker != null) {
            interfaceTracker.close();
        }
        if (fileAndProcessTrackers != null) {
            fileAndProcessTrackers.close();
        }
        if (vipWatch != null) {
            vipWatch.close();
        }
        if (netlink != null) {
            netlink.shutdown();
            try {
                netlink.awaitTermination(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // keepalived clears the static entries and deletes its VMACs at shutdown, after the VIPs are gone
        routing.removeStatic(routes);
        if (releaseOnStop) {
            vmacs.remove(routes);
        }
        if (notifier != null) {
            notifier.close(); // after the netlink thread: the STOP notifications pass through it
        }
        closeAll();
    }

    private void run() {
        boolean failed = false;
        List<Channel> chans = new ArrayList<>();
        int wakeIndex = 0;
        boolean[] readable = new boolean[0];
        Poller poller = null;
        io.jkeepalived.daemon.sched.ProcessScheduling scheduling = io.jkeepalived.daemon.sched.ProcessScheduling.current();
        scheduling.enterThread(io.jkeepalived.daemon.sched.SchedulingPlan.Role.VRRP);
        try {
            for (News e : trackerStart) {
                applyTracker(e); // before Start: they decide the initial state and priority
            }
            updateSources(true); // no address: FAULT from the start, as keepalived
            for (Instance inst : instances) {
                handle(inst, new VrrpEvent.Start());
            }
            while (!stopping) {
                if (poller == null || channelsChanged) {
                    // the sockets to poll: all channels, and the wake-up; again when a channel is opened
                    channelsChanged = false;
                    chans = new ArrayList<>(channels.values());
                    int[] fds = new int[chans.size() + 1];
                    for (int k = 0; k < chans.size(); k++) {
                        fds[k] = chans.get(k).receive.fd();
                    }
                    wakeIndex = chans.size();
                    fds[wakeIndex] = wakeup.fd();
                    readable = new boolean[fds.length];
                    poller = new Poller(fds);
                }
                long now = nanoClock.getAsLong();
                long next = Long.MAX_VALUE;
                for (Instance inst : instances) {
                    next = Math.min(next, inst.wakeupAt);
                }
                java.util.OptionalLong garpDue = garpPacer.nextWakeupNanos();
                if (garpDue.isPresent()) {
                    next = Math.min(next, garpDue.getAsLong());
                }
                long waitNanos = next == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, next - now);
                // to the nanosecond (ppoll): a wait rounded up to whole milliseconds sent adverts up to 1 ms late
                int ready = poller.pollNanos(Math.min(MAX_POLL_MILLIS * 1_000_000L, waitNanos), readable);
                scheduling.vrrpWaitEnded(next, nanoClock.getAsLong());
                if (ready > 0) {
                    for (int k = 0; k < chans.size(); k++) {
                        if (readable[k]) {
                            drain(chans.get(k));
                        }
                    }
                    if (readable[wakeIndex]) {
                        wakeup.drain();
                    }
                }
                applyTrackerNews();
                if (sourceTracking.apply(links)) {
                    updateSources(false);
                }
                coordination.applyPending(this::apply);
                answerStatusRequests();
                applyReloads();
                now = nanoClock.getAsLong();
                for (Instance inst : instances) {
                    if (inst.wakeupAt <= now) {
                        inst.wakeupAt = Long.MAX_VALUE;
                        handle(inst, new VrrpEvent.Tick());
                    }
                }
                for (io.jkeepalived.vrrp.garp.GarpPacer.Announcement a : garpPacer.due()) {
                    Instance inst = instances.get(a.instance());
                    sendOneGratuitous(inst, inst.plan.allVips().get(a.vip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // never die silently: the instances stop below, so the peers take over cleanly
            LOG.error("VRRP thread failed: {}", e.toString());
            failed = true;
        } finally {
            shuttingDown = true;
            for (Instance inst : instances) {
                try {
                    handle(inst, new VrrpEvent.Stop());
                } catch (RuntimeException e) {
                    LOG.error("({}) stopping failed: {}", inst.plan.name(), e.toString());
                }
            }
            if (failed) {
                onFailure.run();
            }
        }
    }

    private void drain(Channel ch) {
        for (int n = 0; n < MAX_PACKETS_PER_WAKEUP; n++) {
            ReceivedPacket p;
            try {
                p = ch.receive.tryReceive();
            } catch (IOException e) {
                LOG.warn("VRRP receive on {} failed: {}", ch.interfaceName, e.getMessage());
                return;
            }
            if (p == null) {
                return;
            }
            // a bug in decoding or handling costs this packet only, never the VRRP thread
            packetGuard.run(ch.guardPlace, () -> dispatch(ch, p));
        }
    }

    private void dispatch(Channel ch, ReceivedPacket p) {
        OptionalInt vrid = AdvertDecoder.peekVrid(p.data(), !ch.ipv6);
        if (vrid.isEmpty()) {
            return;
        }
        for (Instance inst : ch.members) {
            if (inst.plan.fsm().virtualRouterId() != vrid.getAsInt()) {
                continue;
            }
            if (!packetGuard.run(inst.guardPlace, () -> decodeAndHandle(inst, ch, p))) {
                inst.decoder.counters().countHandlingFailure(); // in the dumps and /metrics, by the drop reasons
            }
            return;
        }
    }

    private void decodeAndHandle(Instance inst, Channel ch, ReceivedPacket p) {
        DecodeResult r;
        if (ch.ipv6) {
            if (!(p.source() instanceof Inet6Address src) || !(p.destination() instanceof Inet6Address dst)) {
                return;
            }
            r = inst.decoder.decodeIpv6(p.data(), new Ipv6Envelope(src, dst, p.hopLimit()), true);
        } else {
            r = inst.decoder.decodeIpv4(p.data(), true);
        }
        if (r instanceof ReceivedAdvert ra) {
            Advert a = ra.advert();
            handle(inst, new VrrpEvent.AdvertReceived(p.source(), a.priority(), a.adverIntCentis()));
        } else if (r instanceof Rejection rej) {
            logRejection(inst, rej);
        }
    }

    private void logRejection(Instance inst, Rejection rej) {
        long now = nanoClock.getAsLong();
        Long last = inst.lastRejectLog.get(rej.reason());
        if (last == null || now - last >= REJECT_LOG_INTERVAL_NANOS) {
            inst.lastRejectLog.put(rej.reason(), now);
            LOG.info(rej.message(inst.plan.name()));
        }
    }

    /** Every event for an instance goes through here: its sync group follows, split brain is watched. */
    private void handle(Instance inst, VrrpEvent event) {
        coordination.handle(inst.fsm, event, this::apply);
    }

    private void apply(VrrpStateMachine fsm, VrrpStep step) {
        apply(byFsm.get(fsm), step);
    }

    /** Watches the VIPs of every instance for deletions by others (see {@link VipWatch}). */
    private VipWatch openVipWatch(Runnable wake) throws IOException {
        return openVipWatch(instances.stream().map(i -> i.plan).toList(), wake);
    }

    private VipWatch openVipWatch(List<InstancePlan> plans, Runnable wake) throws IOException {
        List<VipWatch.Watched> vips = new ArrayList<>();
        Map<Integer, String> names = new HashMap<>();
        for (InstancePlan plan : plans) {
            for (Vip v : plan.allVips()) {
                Link l = links.get(v.dev());
                if (l != null) {
                    vips.add(new VipWatch.Watched(plan.name(), v, l.index()));
                    names.put(l.index(), l.name());
                }
            }
        }
        return VipWatch.open(vips, names, gone -> {
            coordination.vipDeleted(gone);
            wake.run();
        });
    }

    /** The split-brain state of an instance (another master of its VRID while we are master), for the state dump. */
    public java.util.Optional<io.jkeepalived.vrrp.fsm.SplitBrainDetector> splitBrain(String instance) {
        return coordination == null ? java.util.Optional.empty() : coordination.splitBrain(instance);
    }

    private void apply(Instance inst, VrrpStep step) {
        inst.wakeupAt = step.wakeupAtNanos().isPresent() ? step.wakeupAtNanos().getAsLong() : Long.MAX_VALUE;
        boolean sentZero = false;
        for (VrrpAction action : step.actions()) {
            if (shuttingDown && !releaseOnStop
                    && (action instanceof VrrpAction.SendAdvert || action instanceof VrrpAction.RemoveVips)) {
                continue; // -V: keepalived skips restore_vrrp_interfaces() (the advert, VIPs, routes, rules)
            }
            inst.recorder.observe(action);
            if (action instanceof VrrpAction.SendAdvert s) {
                // entering FAULT sends priority 0 twice (leave_master, then the interface restore), logged once
                sendAdvert(inst, s.priority(), !sentZero);
                sentZero |= s.priority() == 0;
            } else if (action instanceof VrrpAction.AddVips) {
                LOG.info("({}) setting VIPs.", inst.plan.name());
                for (Vip v : inst.plan.allVips()) {
                    netlink.execute(() -> addAddress(v));
                }
                routing.becameMaster(inst.plan.name(), netlink, routes); // after the VIPs they may use
            } else if (action instanceof VrrpAction.RemoveVips) {
                routing.leavingMaster(inst.plan.name(), netlink, routes); // before the VIPs
                LOG.info("({}) removing VIPs.", inst.plan.name());
                garpPacer.cancel(instances.indexOf(inst)); // keepalived's vrrp_remove_delayed_arp()
                for (Vip v : inst.plan.allVips()) {
                    netlink.execute(() -> deleteAddress(v));
                }
            } else if (action instanceof VrrpAction.SendGratuitousArps g) {
                if (g.reason() == VrrpAction.GarpReason.EXTRA_IF) {
                    sendExtraIf(inst);
                } else {
                    sendGratuitous(inst, g.repeat());
                }
            } else if (action instanceof VrrpAction.StateChanged c) {
                if (c.from() == VrrpState.BACKUP && c.to() == VrrpState.MASTER) {
                    LOG.info("({}) Receive advertisement timeout", inst.plan.name());
                }
                // a tracker that holds an instance down from the start: keepalived sets FAULT silently there
                // (it logged why, e.g. "entering FAULT state (interface eth1 down)", or waits for a first result)
                boolean silentInitFault = c.from() == VrrpState.INIT && c.to() == VrrpState.FAULT;
                if (!c.logLine().isEmpty() && !silentInitFault) {
                    LOG.info(c.logLine());
                }
                for (InstanceStateListener l : stateListeners) {
                    l.changed(inst.plan.name(), c.from(), c.to());
                }
            } else if (action instanceof VrrpAction.Log l) {
                LOG.info(l.line());
            }
        }
        for (VrrpAction action : step.actions()) {
            notifyAction(inst, action); // after the step's VIP changes are queued
        }
    }

    /** A sync group's notifications, through the netlink thread too so they follow its members'. */
    private void notifyGroup(io.jkeepalived.vrrp.fsm.SyncGroup.GroupStateChanged c) {
        io.jkeepalived.daemon.notify.Notifier n = notifier;
        if (n == null || netlink == null) {
            return;
        }
        try {
            netlink.execute(() -> n.groupStateChanged(c.group(), c.to()));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping took longer than stop() waits for: too late to notify
        }
    }

    /**
     * Hands a notification to the notifier through the netlink thread: keepalived runs notify_master once the VIPs
     * are set, and the VIP changes are queued there first.
     */
    private void notifyAction(Instance inst, VrrpAction action) {
        if (notifier == null || !(action instanceof VrrpAction.StateChanged
                || action instanceof VrrpAction.PriorityChanged || action instanceof VrrpAction.MasterReceivedLowerPriority)) {
            return;
        }
        io.jkeepalived.daemon.notify.Notifier n = notifier;
        String name = inst.plan.name();
        VrrpState state = inst.fsm.state();
        int priority = inst.fsm.effectivePriority();
        try {
            netlink.execute(() -> n.onAction(name, action, state, priority));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping took longer than stop() waits for: too late to notify
        }
    }

    private void sendAdvert(Instance inst, int priority, boolean logZero) {
        InstancePlan p = inst.plan;
        if (inst.source == null || inst.channel == null) {
            return; // no address to send from: the instance is in FAULT
        }
        List<InetAddress> vips = new ArrayList<>();
        for (Vip v : p.vips()) {
            if (v.ipv6() == p.ipv6()) {
                vips.add(v.address());
            }
        }
        Advert advert = p.version() == 3
                ? Advert.v3(p.fsm().virtualRouterId(), priority, p.advertInterval(), vips)
                : Advert.v2(p.fsm().virtualRouterId(), priority, p.advertInterval(), p.authType(), p.authData(), vips);
        List<InetAddress> destinations = p.unicast() ? p.unicastPeers() : java.util.Collections.singletonList(null);
        for (InetAddress to : destinations) {
            InetAddress dst = to != null ? to : p.multicastGroup();
            byte[] packet;
            if (p.ipv6()) {
                packet = AdvertEncoder.ipv6(advert, (Inet6Address) inst.source, (Inet6Address) dst);
            } else {
                ipId = Ipv4Envelope.nextIdentification(ipId); // never 0: the kernel would replace it, breaking AH
                Ipv4Envelope env = Ipv4Envelope.of((Inet4Address) inst.source, (Inet4Address) dst, ipId);
                packet = p.authType() == AuthType.AH
                        ? AdvertEncoder.ipv4Ah(advert, env, p.authData(), inst.decoder.ahSequence().nextToSend(), p.unicast())
                        : AdvertEncoder.ipv4(advert, env);
            }
            try {
                inst.channel.send.send(packet, to, p.ipv6() ? inst.source : null);
            } catch (IOException e) {
                LOG.warn("({}) sending advert failed: {}", p.name(), e.getMessage());
            }
        }
        if (priority == 0 && logZero) {
            LOG.info("({}) sent 0 priority", p.name());
        }
    }

    /**
     * keepalived's vrrp_send_link_update(): {@code repeat} rounds over the VIPs, each message sent now or queued by
     * the pacer when its interface has a {@code garp_interval} / {@code gna_interval} (keepalived logs the first
     * round, one line per VIP, with -D).
     */
    private void sendGratuitous(Instance inst, int repeat) {
        List<Vip> all = inst.plan.allVips();
        if (repeat <= 0 || all.isEmpty()) {
            return;
        }
        int index = instances.indexOf(inst);
        for (int r = 0; r < repeat; r++) {
            for (int k = 0; k < all.size(); k++) {
                Vip v = all.get(k);
                Link l = Objects.requireNonNullElse(links.get(v.dev()), inst.link);
                if (r == 0) {
                    LOG.info("({}) Sending/queueing {} on {} for {}", inst.plan.name(),
                            v.ipv6() ? "Unsolicited Neighbour Adverts" : "gratuitous ARPs", l.name(),
                            v.address().getHostAddress());
                }
                if (garpPacer.offer(new io.jkeepalived.vrrp.garp.GarpPacer.Announcement(index, k, l.name(), v.ipv6()))) {
                    sendOneGratuitous(inst, v);
                }
            }
        }
    }

    /**
     * keepalived's vrrp_send_vmac_update() without VMACs ({@code garp_extra_if all}): one message for the first VIP
     * on each interface other than the instance's, paced like the others.
     */
    private void sendExtraIf(Instance inst) {
        List<Vip> all = inst.plan.allVips();
        java.util.Set<String> done = new java.util.HashSet<>();
        int index = instances.indexOf(inst);
        for (int k = 0; k < all.size(); k++) {
            Vip v = all.get(k);
            Link l = links.get(v.dev());
            if (l == null || l.index() == inst.link.index() || !done.add(l.name())) {
                continue;
            }
            LOG.info("({}) Sending/queueing {} on {} for {}", inst.plan.name(),
                    v.ipv6() ? "Unsolicited Neighbour Adverts" : "gratuitous ARPs", l.name(),
                    v.address().getHostAddress());
            if (garpPacer.offer(new io.jkeepalived.vrrp.garp.GarpPacer.Announcement(index, k, l.name(), v.ipv6()))) {
                sendOneGratuitous(inst, v);
            }
        }
    }

    private void sendOneGratuitous(Instance inst, Vip v) {
        Link l = Objects.requireNonNullElse(links.get(v.dev()), inst.link);
        byte[] mac = l.hardwareAddress();
        if (mac == null || mac.length != 6) {
            return; // no link layer to announce on (tun, ...)
        }
        try {
            if (v.ipv6()) {
                naSender.send(UnsolicitedNeighbourAdvert.build(mac, (Inet6Address) v.address(), false), l.index());
            } else {
                arpSender.send(GratuitousArpFrame.build(mac, (Inet4Address) v.address()), l.index());
            }
            LOG.debug("Sending gratuitous {} on {} for {}", v.ipv6() ? "NA" : "ARP", l.name(), v.text());
        } catch (IOException e) {
            LOG.warn("Sending gratuitous ARP on {} for {} failed: {}", l.name(), v.text(), e.getMessage());
        }
    }

    private Address toAddress(Vip v) {
        Link l = links.get(v.dev());
        if (l == null) {
            return null;
        }
        Address a = Address.of(l.index(), v.address(), v.prefix()).withScope(v.scope());
        if (v.label() != null) {
            a = a.withLabel(v.label());
        }
        if (v.broadcast() != null) {
            a = a.withBroadcast(v.broadcast());
        }
        if (v.ipv6()) {
            a = a.withFlags(Address.IFA_F_NODAD); // a VIP must answer at once, not after duplicate detection
        }
        return a;
    }

    private void addAddress(Vip v) {
        Address a = toAddress(v);
        if (a == null) {
            LOG.warn("Cannot add VIP {}: interface {} does not exist", v.text(), v.dev());
            return;
        }
        try {
            routes.addAddress(a);
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("EEXIST")) {
                LOG.warn("Adding VIP {} on {} failed: {}", v.text(), v.dev(), e.getMessage());
            }
        }
    }

    private void deleteAddress(Vip v) {
        Address a = toAddress(v);
        if (a == null) {
            return;
        }
        if (vipWatch != null) {
            vipWatch.expectDeletion(a); // our own deletion: not one to undo
        }
        try {
            routes.deleteAddress(a);
        } catch (IOException e) {
            if (vipWatch != null) {
                vipWatch.deletionFailed(a);
            }
            if (!String.valueOf(e.getMessage()).contains("EADDRNOTAVAIL")) {
                LOG.warn("Removing VIP {} from {} failed: {}", v.text(), v.dev(), e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------ reload (SIGHUP)

    /** The configuration this subsystem runs now. */
    public io.jkeepalived.conf.KeepalivedConfig config() {
        return config;
    }

    /**
     * Applies a reloaded configuration (SIGHUP) as keepalived 2.2.7 does for instances of the same name, without
     * stopping the subsystem: unchanged instances keep their state, timers, sockets and VIPs (their adverts go on
     * unmoved); changed ones keep their state and take the new settings, VIPs added or removed while master;
     * removed ones leave (priority 0 when master, VIPs released); added ones start in their initial state; the
     * trackers, sync groups and VIP watch are re-planned when their inputs change. Carried out by the vrrp thread
     * between two event batches; waits for it at most {@code timeoutMillis}.
     *
     * @return the change lines of {@link #reloadPlan} (logged by the vrrp thread as it applies them)
     * @throws IOException when the interfaces cannot be read or the vrrp thread does not answer in time; a failure
     *                     of one instance is logged and the others go on
     */
    public List<String> reload(io.jkeepalived.conf.KeepalivedConfig next, long timeoutMillis) throws IOException {
        io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff diff =
                io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.of(config, next);
        // the machine as it is now, through a socket of our own (the service's belongs to the netlink thread)
        Map<String, Link> byName = new HashMap<>();
        List<Address> addresses;
        try (RouteNetlink rtnl = RouteNetlink.open()) {
            for (Link l : rtnl.links()) {
                byName.put(l.name(), l);
            }
            addresses = rtnl.addresses(Rtnetlink.AF_UNSPEC);
        }
        List<InstancePlan> nextPlans = VrrpPlanner.plan(next, (ifname, v6) -> primary(byName.get(ifname), addresses, v6));
        if (!vmacs.isEmpty()) {
            nextPlans = vmacs.apply(nextPlans, next.vrrp().instances());
        }
        List<InstancePlan> planned = nextPlans;
        if (diff.isEmpty()) {
            LOG.info("Reloading");
            LOG.info("VRRP: no change");
            config = next;
            stateListeners.forEach(l -> l.reloaded(next)); // the globals they follow may have changed
            return diff.lines();
        }
        links.putAll(byName); // new links only add entries: what runs keeps its own
        // everything that takes time is prepared here, off the vrrp thread, whose adverts must not wait for it
        Prepared prepared = prepare(next, planned, diff);
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        reloads.add(() -> {
            try {
                applyReload(next, diff, planned, prepared);
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        wakeup.signal();
        try {
            done.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the VRRP thread did not apply the reload within " + timeoutMillis + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the VRRP reload");
        }
        stateListeners.forEach(l -> l.reloaded(next));
        return diff.lines();
    }

    private void applyReloads() {
        for (int n = reloads.size(); n > 0; n--) {
            Runnable r = reloads.poll();
            if (r == null) {
                return;
            }
            r.run();
        }
    }

    /**
     * Between the steps of a reload: the adverts (and master-down timers) of the instances the reload does not
     * touch go out when due, so that a slow step on a busy machine does not delay them.
     */
    private void tickUnchanged(io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff diff) {
        long now = nanoClock.getAsLong();
        for (Instance inst : List.copyOf(instances)) {
            io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.InstanceDiff d = diff.instance(inst.plan.name());
            if (d != null && d.kind() == io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.Kind.UNCHANGED
                    && inst.wakeupAt <= now) {
                inst.wakeupAt = Long.MAX_VALUE;
                handle(inst, new VrrpEvent.Tick());
            }
        }
    }

    /** What a reload swaps in, built before the vrrp thread is asked (null fields: kept as they run). */
    private record Prepared(VrrpRouting routing, io.jkeepalived.vrrp.garp.GarpPacer garpPacer,
                            io.jkeepalived.daemon.notify.Notifier notifier, VipWatch vipWatch, boolean trackers,
                            InterfaceTracker interfaceTracker, ScriptTracker scriptTracker,
                            io.jkeepalived.daemon.track.FileAndProcessTrackers fileAndProcessTrackers,
                            List<News> initial) {
    }

    private Prepared prepare(io.jkeepalived.conf.KeepalivedConfig next, List<InstancePlan> plans,
                             io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff diff) throws IOException {
        VrrpRouting newRouting = VrrpRouting.plan(next.vrrp(), links);
        io.jkeepalived.vrrp.garp.GarpPacer pacer = GarpPacing.pacer(next, nanoClock);
        io.jkeepalived.daemon.notify.Notifier n = io.jkeepalived.daemon.notify.Notifier.open(next);
        Runnable wake = wakeup::signal;
        VipWatch watch = openVipWatch(plans, wake);
        io.jkeepalived.conf.model.VrrpConfig oldTracking =
                io.jkeepalived.daemon.track.SyncGroupTracking.apply(config.vrrp());
        io.jkeepalived.conf.model.VrrpConfig tracking = io.jkeepalived.daemon.track.SyncGroupTracking.apply(next.vrrp());
        TrackPlan plan = TrackPlan.of(tracking);
        boolean same = plan.equals(TrackPlan.of(oldTracking)) && !diff.trackerDefinitionsChanged()
                && oldTracking.trackFiles().equals(tracking.trackFiles())
                && oldTracking.trackProcesses().equals(tracking.trackProcesses())
                && oldTracking.instances().stream().map(i -> i.tracking()).toList()
                .equals(tracking.instances().stream().map(i -> i.tracking()).toList());
        if (same) {
            return new Prepared(newRouting, pacer, n, watch, false, null, null, null, List.of());
        }
        List<News> initial = new ArrayList<>();
        Queueing start = new Queueing(initial, () -> { });
        InterfaceTracker it = null;
        ScriptTracker st = null;
        if (!plan.interfaces().isEmpty()) {
            it = InterfaceTracker.open(plan, new Queueing(trackerNews, wake));
            it.initial(start);
        }
        if (!plan.scripts().isEmpty()) {
            st = new ScriptTracker(plan, new ProcessScriptRunner(), new Queueing(trackerNews, wake));
            st.initial(start);
        }
        io.jkeepalived.daemon.track.FileAndProcessTrackers fp = io.jkeepalived.daemon.track.FileAndProcessTrackers
                .open(tracking, new Queueing(trackerNews, wake), start, LOG::info);
        return new Prepared(newRouting, pacer, n, watch, true, it, st, fp, List.copyOf(initial));
    }

    /** On the vrrp thread: the reload itself (see {@link #reload}). */
    private void applyReload(io.jkeepalived.conf.KeepalivedConfig next,
                             io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff diff, List<InstancePlan> nextPlans,
                             Prepared prepared) throws IOException {
        long began = System.nanoTime();
        LOG.info("Reloading");
        diff.lines().forEach(LOG::info);
        Map<String, InstancePlan> planOf = new LinkedHashMap<>();
        nextPlans.forEach(p -> planOf.put(p.name(), p));
        io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.Kind unchanged =
                io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.Kind.UNCHANGED;
        // 1. removed and re-created instances leave, with the routing and GARP pacing they ran with
        for (Instance inst : new ArrayList<>(instances)) {
            io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.InstanceDiff d = diff.instance(inst.plan.name());
            if (d != null && (d.kind() == io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.Kind.REMOVED
                    || d.kind() == io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.Kind.RECREATED)) {
                try {
                    handle(inst, new VrrpEvent.Stop());
                } catch (RuntimeException e) {
                    LOG.error("({}) stopping failed: {}", inst.plan.name(), e.toString());
                }
                detach(inst);
            }
        }
        tickUnchanged(diff);
        // 2. changed instances take their new settings in place; their VIP and route differences while master
        VrrpRouting oldRouting = routing;
        List<Instance> announce = new ArrayList<>();
        List<Instance> rerouted = new ArrayList<>();
        java.util.Set<String> freshTrackers = new java.util.HashSet<>();
        for (int k = 0; k < instances.size(); k++) {
            Instance inst = instances.get(k);
            io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.InstanceDiff d = diff.instance(inst.plan.name());
            InstancePlan np = planOf.get(inst.plan.name());
            if (d == null || d.kind() == unchanged || np == null) {
                continue;
            }
            VrrpStateMachine fsm = inst.fsm.reconfigured(np.fsm(), !d.trackingChanged());
            if (d.trackingChanged()) {
                freshTrackers.add(np.name());
            }
            Instance ni = new Instance(np, fsm, inst.link, inst.source);
            ni.recorder = inst.recorder;
            ni.sourceIfindex = inst.sourceIfindex;
            ni.channel = inst.channel;
            if (ni.channel != null) { // null: in FAULT without its interface or source, joins when they come
                ni.channel.members.set(ni.channel.members.indexOf(inst), ni);
            }
            instances.set(k, ni);
            byFsm.remove(inst.fsm);
            byFsm.put(fsm, ni);
            ni.wakeupAt = fsm.wakeupAtNanos().isPresent() ? fsm.wakeupAtNanos().getAsLong() : Long.MAX_VALUE;
            if (fsm.state() != VrrpState.MASTER) {
                continue; // keepalived's clear_diff_vrrp_vip: only VIPs that are set are changed
            }
            if (d.routingChanged()) {
                oldRouting.leavingMaster(np.name(), netlink, routes);
                rerouted.add(ni);
            }
            List<Vip> before = inst.plan.allVips();
            List<Vip> after = np.allVips();
            for (Vip v : before) {
                if (!after.contains(v)) {
                    LOG.info("({}) removing VIP {}", np.name(), v.text());
                    netlink.execute(() -> deleteAddress(v));
                }
            }
            boolean added = false;
            for (Vip v : after) {
                if (!before.contains(v)) {
                    LOG.info("({}) setting VIP {}", np.name(), v.text());
                    netlink.execute(() -> addAddress(v));
                    added = true;
                }
            }
            if (added) {
                announce.add(ni);
            }
        }
        tickUnchanged(diff);
        // 3. added and re-created instances get their sockets; they start once the trackers gave their state
        List<Instance> started = new ArrayList<>();
        for (InstancePlan np : nextPlans) {
            io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.InstanceDiff d = diff.instance(np.name());
            if (d == null || (d.kind() != io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.Kind.ADDED
                    && d.kind() != io.jkeepalived.daemon.vrrp.reload.VrrpReloadDiff.Kind.RECREATED)) {
                continue;
            }
            try {
                Instance ni = attach(np);
                instances.add(ni);
                byFsm.put(ni.fsm, ni);
                started.add(ni);
                freshTrackers.add(np.name());
                channelsChanged = true;
            } catch (IOException | RuntimeException e) {
                LOG.warn("({}) cannot start after the reload: {}", np.name(), e.getMessage());
            }
        }
        if (arpSender == null && instances.stream().anyMatch(i -> !i.plan.ipv6())) {
            arpSender = PacketSocket.sender(PacketSocket.ETHERTYPE_ARP);
        }
        if (naSender == null && instances.stream().anyMatch(i -> i.plan.allVips().stream().anyMatch(Vip::ipv6))) {
            naSender = PacketSocket.sender(PacketSocket.ETHERTYPE_IPV6);
        }
        tickUnchanged(diff);
        // 4. what spans instances is planned again for the new set
        routing = prepared.routing();
        for (Instance inst : rerouted) {
            routing.becameMaster(inst.plan.name(), netlink, routes);
        }
        garpPacer = prepared.garpPacer(); // indexed by instance: the old pending GARPs are dropped
        coordination = new Coordination(next.vrrp().syncGroups(), instances.stream().map(i -> i.fsm).toList(),
                nanoClock);
        coordination.adoptMemberStates();
        coordination.onGroupStateChanged(this::notifyGroup);
        tickUnchanged(diff);
        swapTrackers(prepared, freshTrackers);
        VipWatch oldWatch = vipWatch;
        vipWatch = prepared.vipWatch();
        sourceTracking.ours(SourceTracking.vips(instances.stream().map(i -> i.plan).toList()));
        vipWatch.feed(sourceTracking, wakeup::signal);
        vipWatch.start();
        closeAside(oldWatch);
        io.jkeepalived.daemon.notify.Notifier oldNotifier = notifier;
        notifier = prepared.notifier();
        if (oldNotifier != null) {
            netlink.execute(oldNotifier::close); // after the notifications already queued with it
        }
        tickUnchanged(diff);
        config = next;
        for (Instance inst : started) {
            updateSource(inst, true); // no address: FAULT from the start, as at start
            handle(inst, new VrrpEvent.Start());
        }
        for (Instance inst : announce) {
            // keepalived sends its link update for every VIP once one was added (vrrp_send_link_update)
            sendGratuitous(inst, Math.max(1, inst.plan.fsm().garpMasterRepeat()));
        }
        LOG.debug("VRRP reload applied in {} ms", (System.nanoTime() - began) / 1_000_000);
    }

    /**
     * Swaps in the trackers {@link #prepare} opened when what they watch changed. Their starting contributions go
     * only to the instances that are new or whose tracking changed: the others keep what they know, and hear from
     * the new trackers on the next change only.
     */
    private void swapTrackers(Prepared p, java.util.Set<String> fresh) {
        if (!p.trackers()) {
            return;
        }
        LOG.info("Re-planning the trackers");
        closeAside(scriptTracker);
        closeAside(interfaceTracker);
        closeAside(fileAndProcessTrackers);
        scriptTracker = p.scriptTracker();
        interfaceTracker = p.interfaceTracker();
        fileAndProcessTrackers = p.fileAndProcessTrackers();
        for (News e : p.initial()) {
            if (e.change() == null) {
                if (fresh.stream().anyMatch(name -> e.logLine().contains("(" + name + ")"))) {
                    LOG.info(e.logLine());
                }
            } else if (fresh.contains(e.instance())) {
                applyTracker(e); // before Start for the added instances, as at start
            }
        }
        if (interfaceTracker != null) {
            interfaceTracker.start();
        }
        if (scriptTracker != null) {
            scriptTracker.start();
        }
        fileAndProcessTrackers.start();
    }

    /** Closes on a thread of its own: a tracker's close may wait for its scripts, the vrrp thread never does. */
    private static void closeAside(AutoCloseable c) {
        if (c == null) {
            return;
        }
        Thread t = new Thread(() -> closeQuietly(c), "vrrp-reload-close");
        t.setDaemon(true);
        t.start();
    }

    /** Takes a stopped instance out of the loop; its channel closes with its last member. */
    private void detach(Instance inst) {
        instances.remove(inst);
        byFsm.remove(inst.fsm);
        io.jkeepalived.daemon.status.SocketPool.remove(inst.plan.name());
        leaveChannel(inst);
    }

    /** The instance leaves its channel, which closes with its last member. */
    private void leaveChannel(Instance inst) {
        Channel ch = inst.channel;
        inst.channel = null;
        if (ch == null) {
            return; // in FAULT without an interface or source: never joined a channel
        }
        ch.members.remove(inst);
        if (ch.members.isEmpty()) {
            channels.values().remove(ch);
            closeQuietly(ch.receive);
            closeQuietly(ch.send);
            channelsChanged = true;
        }
    }

    private void closeAll() {
        for (Channel ch : channels.values()) {
            closeQuietly(ch.receive);
            closeQuietly(ch.send);
        }
        closeQuietly(arpSender);
        closeQuietly(naSender);
        closeQuietly(routes);
        closeQuietly(wakeup);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // closing at exit: nothing left to do about it
        }
    }
}
