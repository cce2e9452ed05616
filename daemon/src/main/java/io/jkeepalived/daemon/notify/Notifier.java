package io.jkeepalived.daemon.notify;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.LiveSystemInfo;
import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.model.vrrp.InstanceNotify;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.conf.model.vrrp.VrrpSyncGroup;
import io.jkeepalived.conf.parser.SystemInfo;
import io.jkeepalived.conf.script.NotifyScript;
import io.jkeepalived.vrrp.fsm.VrrpAction;
import io.jkeepalived.vrrp.fsm.VrrpState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * keepalived's VRRP notifications (vrrp_notify.c) at run time: on a state change an instance's (or sync group's)
 * own script ({@code notify_master|backup|fault|stop}), then the generic {@code notify} script with
 * {@code INSTANCE "name" STATE priority} appended, then the FIFO line, then the alert mail. Called on the VRRP
 * thread, it only queues: scripts run on a small pool where each instance's (or group's) notifications run one
 * after another, in order, and at most {@value #MAX_CONCURRENT} scripts are waited on at once; FIFO lines go
 * through a writer thread; mail through one mail thread.
 *
 * <p>keepalived forks a notify script and forgets it (only {@code notify_stop} is killed after one second). Here a
 * script is waited for up to {@link #ORDER_WAIT} before the same instance's next one starts, so that two
 * transitions in quick succession reach the scripts in order; a script still running then is left to finish on
 * its own.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");
    /** Scripts waited on at the same time (one per busy instance or group). */
    static final int MAX_CONCURRENT = 4;
    /** How long an instance's next notification waits for its previous script. */
    static final Duration ORDER_WAIT = Duration.ofSeconds(30);
    /** keepalived gives notify_stop one second (TIMER_HZ), then kills it. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);
    /** Notifications queued per instance before new ones are dropped (a flapping instance with a hung script). */
    private static final int MAX_QUEUED = 256;
    /** Mails waiting for the SMTP server. */
    private static final int MAX_MAILS = 64;
    /** How long close() waits for the queued scripts (notify_stop included) and mails. */
    private static final long CLOSE_WAIT_MILLIS = 3000;

    /** A script that passed the security check, with the user it runs as. */
    record Script(List<String> args, int uid, int gid) {
        Script {
            args = List.copyOf(args);
        }
    }

    /** What one instance or sync group notifies. */
    record Target(String name, boolean group, Map<NotifyState, Script> scripts, Script generic, Script rxLowerPri,
                  boolean smtpAlert, boolean priorityChanges) {
    }

    private final Map<String, Target> instances;
    private final Map<String, Target> groups;
    private final List<LineSink> fifos;
    private final NotifyLauncher launcher;
    private final Mail mail;
    private final ExecutorService pool;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, NotifyState> lastMailed = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Where FIFO lines go: a {@link NotifyFifo}, or a list in tests. */
    interface LineSink extends AutoCloseable {
        void write(String line);

        @Override
        void close();
    }

    /** Where alert mail goes: {@link SmtpMail}, or a list in tests. */
    interface Mail {
        boolean noEmailFaults();

        void send(boolean group, String name, NotifyState state);

        void close(long deadlineNanos);
    }

    Notifier(Map<String, Target> instances, Map<String, Target> groups, List<? extends LineSink> fifos,
             NotifyLauncher launcher, Mail mail) {
        this.instances = Map.copyOf(instances);
        this.groups = Map.copyOf(groups);
        this.fifos = List.copyOf(fifos);
        this.launcher = launcher;
        this.mail = mail;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p = new ThreadPoolExecutor(MAX_CONCURRENT, MAX_CONCURRENT, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "notify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        p.allowCoreThreadTimeOut(true);
        this.pool = p;
    }

    /**
     * Reads the notifications of every instance and sync group, checks their scripts as keepalived's VRRP child
     * does at start (a failing script is dropped, with keepalived's log lines), creates and opens the notify FIFOs
     * and starts their reader scripts.
     */
    public static Notifier open(KeepalivedConfig config) {
        return open(config, new LiveSystemInfo());
    }

    static Notifier open(KeepalivedConfig config, SystemInfo system) {
        GlobalDefs g = config.global();
        NotifyLauncher launcher = NotifyLauncher.forThisProcess();
        Users users = new Users(g, system);
        NotifySecurity security = new NotifySecurity(g.enableScriptSecurity(), System.getenv("PATH"), LOG::info);
        Map<String, Target> instances = new LinkedHashMap<>();
        for (VrrpInstance i : config.vrrp().instances()) {
            instances.put(i.name(), target(i.name(), false, i.notifications(), users, security));
        }
        Map<String, Target> groups = new LinkedHashMap<>();
        for (VrrpSyncGroup sg : config.vrrp().syncGroups()) {
            groups.put(sg.name(), target(sg.name(), true, sg.notifications(), users, security));
        }
        List<LineSink> fifos = new ArrayList<>();
        GlobalDefs.NotifyFifo global = g.fifos().global();
        GlobalDefs.NotifyFifo vrrp = g.fifos().vrrp();
        if (global.name() != null && vrrp.name() != null && global.name().equals(vrrp.name())) {
            LOG.info("notify FIFO {} has been specified for global and vrrp FIFO - ignoring vrrp FIFO", vrrp.name());
            vrrp = GlobalDefs.NotifyFifo.NONE;
        }
        // the scripts first, as keepalived checks them with the instances' scripts, then the FIFOs are opened
        Script globalScript = fifoScript(global, users, security);
        Script vrrpScript = fifoScript(vrrp, users, security);
        openFifo("", global, globalScript, users, launcher, fifos);
        openFifo("vrrp_", vrrp, vrrpScript, users, launcher, fifos);
        return new Notifier(instances, groups, fifos, launcher, SmtpMail.of(g));
    }

    private static Target target(String name, boolean group, InstanceNotify n, Users users, NotifySecurity security) {
        Map<NotifyState, Script> scripts = new EnumMap<>(NotifyState.class);
        if (n == null) {
            return new Target(name, group, scripts, null, null, false, false);
        }
        // keepalived's order of checking (and so of its log lines): backup, master, fault, stop, deleted, notify
        put(scripts, NotifyState.BACKUP, checked(n.backup(), users, security));
        put(scripts, NotifyState.MASTER, checked(n.master(), users, security));
        put(scripts, NotifyState.FAULT, checked(n.fault(), users, security));
        put(scripts, NotifyState.STOP, checked(n.stop(), users, security));
        put(scripts, NotifyState.DELETED, checked(n.deleted(), users, security));
        Script generic = checked(n.generic(), users, security);
        Script rx = checked(n.masterRxLowerPri(), users, security);
        return new Target(name, group, scripts, generic, rx, n.smtpAlert(), n.notifyPriorityChanges());
    }

    private static void put(Map<NotifyState, Script> m, NotifyState s, Script script) {
        if (script != null) {
            m.put(s, script);
        }
    }

    private static Script checked(NotifyScript s, Users users, NotifySecurity security) {
        if (s == null || s.args().isEmpty()) {
            return null;
        }
        int[] ids = s.uid() != null ? new int[] {s.uid(), s.gid() != null ? s.gid() : s.uid()} : users.defaults();
        NotifySecurity.Verdict v = security.check(s.args(), ids[0], ids[1]);
        return v.runnable() ? new Script(v.args(), ids[0], ids[1]) : null;
    }

    private static Script fifoScript(GlobalDefs.NotifyFifo f, Users users, NotifySecurity security) {
        if (f.name() == null || f.script().isEmpty()) {
            return null;
        }
        int[] ids = users.defaults();
        NotifySecurity.Verdict v = security.check(f.script(), ids[0], ids[1]);
        return v.runnable() ? new Script(v.args(), ids[0], ids[1]) : null;
    }

    private static void openFifo(String type, GlobalDefs.NotifyFifo f, Script script, Users users,
                                 NotifyLauncher launcher, List<LineSink> out) {
        if (f.name() == null) {
            return;
        }
        int[] ids = f.user() != null ? users.of(f.user(), f.group()) : users.defaults();
        if (ids == null) {
            LOG.info("Invalid user/group for {} fifo {} - ignoring", type, f.name());
            return;
        }
        NotifyFifo fifo = NotifyFifo.open(type, f.name(), ids[0], ids[1], script == null ? null : script.args(),
                script == null ? 0 : script.uid(), script == null ? 0 : script.gid(), launcher);
        if (fifo != null) {
            out.add(fifo);
        }
    }

    /**
     * Reacts to one action of an instance's state machine (called on the VRRP thread, never blocks).
     *
     * @param state    the instance's state after the step
     * @param priority its effective priority after the step
     */
    public void onAction(String instance, VrrpAction action, VrrpState state, int priority) {
        Target t = instances.get(instance);
        if (t == null || closed) {
            return;
        }
        if (action instanceof VrrpAction.StateChanged c) {
            // an empty log line outside STOP: an owner parked in BACKUP at start, which keepalived does not announce
            if (c.to() != VrrpState.STOP && c.logLine().isEmpty()) {
                return;
            }
            NotifyState s = NotifyState.of(c.to());
            if (s != null) {
                notifyState(t, s, priority);
            }
        } else if (action instanceof VrrpAction.MasterReceivedLowerPriority) {
            Script rx = t.rxLowerPri();
            if (rx != null) {
                lane(t).submit(() -> run(rx, rx.args(), false));
            }
            fifo(NotifyFormat.fifoLine(false, t.name(), NotifyState.MASTER_RX_LOWER_PRI, priority));
        } else if (action instanceof VrrpAction.PriorityChanged && t.priorityChanges()) {
            NotifyState s = state == VrrpState.MASTER ? NotifyState.MASTER_PRIORITY : NotifyState.BACKUP_PRIORITY;
            fifo(NotifyFormat.fifoLine(false, t.name(), s, priority));
        }
    }

    /** A sync group entered {@code state}: its scripts (priority 0), the {@code GROUP} FIFO line and its mail. */
    public void groupStateChanged(String group, VrrpState state) {
        Target t = groups.get(group);
        NotifyState s = NotifyState.of(state);
        if (t == null || s == null || closed) {
            return;
        }
        notifyState(t, s, 0);
    }

    private void notifyState(Target t, NotifyState s, int priority) {
        Script own = t.scripts().get(s);
        Script generic = t.generic();
        if (own != null || generic != null) {
            lane(t).submit(() -> {
                if (own != null) {
                    run(own, own.args(), s == NotifyState.STOP);
                }
                if (generic != null) {
                    run(generic, NotifyFormat.genericArgs(generic.args(), t.group(), t.name(), s, priority),
                            s == NotifyState.STOP);
                }
            });
        }
        fifo(NotifyFormat.fifoLine(t.group(), t.name(), s, priority));
        if (mail != null && t.smtpAlert() && (!mail.noEmailFaults() || s != NotifyState.FAULT)) {
            String key = (t.group() ? "G:" : "I:") + t.name();
            if (lastMailed.put(key, s) != s) {
                mail.send(t.group(), t.name(), s);
            }
        }
    }

    private void fifo(String line) {
        for (LineSink f : fifos) {
            f.write(line);
        }
    }

    private void run(Script s, List<String> args, boolean stop) {
        Process p = launcher.start(args, s.uid(), s.gid());
        if (p == null) {
            return;
        }
        if (stop) {
            if (!NotifyLauncher.await(p, STOP_TIMEOUT)) {
                NotifyLauncher.kill(p);
            }
        } else if (!NotifyLauncher.await(p, ORDER_WAIT)) {
            LOG.info("Notify script {} still running after {} s - not waiting for it", args.get(0),
                    ORDER_WAIT.toSeconds());
        }
    }

    private Lane lane(Target t) {
        return lanes.computeIfAbsent((t.group() ? "G:" : "I:") + t.name(), k -> new Lane(k));
    }

    /**
     * Waits (bounded) for the queued notifications — the STOP ones the instances just sent — then closes the
     * FIFOs (unlinking those we created) and stops their scripts.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000;
        for (Lane l : lanes.values()) {
            l.awaitIdle(deadline);
        }
        closed = true;
        pool.shutdownNow();
        if (mail != null) {
            mail.close(deadline);
        }
        for (LineSink f : fifos) {
            f.close();
        }
    }

    /** One instance's notifications, run one after another on the pool. */
    private final class Lane {
        private final String key;
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private boolean running;
        private boolean warned;

        Lane(String key) {
            this.key = key;
        }

        synchronized void submit(Runnable task) {
            if (queue.size() >= MAX_QUEUED) {
                if (!warned) {
                    warned = true;
                    LOG.info("{}: too many notifications queued - dropping", key.substring(2));
                }
                return;
            }
            queue.add(task);
            if (!running) {
                running = true;
                try {
                    pool.execute(this::drain);
                } catch (RuntimeException e) {
                    running = false; // shut down
                }
            }
        }

        private void drain() {
            while (true) {
                Runnable r;
                synchronized (this) {
                    r = queue.poll();
                    if (r == null) {
                        running = false;
                        notifyAll();
                        return;
                    }
                }
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.info("Notify for {} failed: {}", key.substring(2), e.toString());
                }
            }
        }

        synchronized void awaitIdle(long deadline) {
            while (running || !queue.isEmpty()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The default script user and named users, as keepalived's get_default_script_user()/set_uid_gid(). */
    static final class Users {
        private final GlobalDefs global;
        private final SystemInfo system;
        private int[] defaults;

        Users(GlobalDefs global, SystemInfo system) {
            this.global = global;
            this.system = system;
        }

        /** {@code script_user [group]}, else keepalived_script if it exists, else root. */
        int[] defaults() {
            if (defaults == null) {
                int[] d = null;
                if (global.scriptUser() != null) {
                    d = of(global.scriptUser(), global.scriptGroup());
                }
                if (d == null) {
                    d = of("keepalived_script", null);
                }
                defaults = d != null ? d : new int[] {0, 0};
            }
            return defaults;
        }

        /** uid and gid of {@code user} (its primary group unless {@code group} is given); null if unknown. */
        int[] of(String user, String group) {
            Optional<Integer> u = system.userId(user);
            Optional<Integer> gid = group != null ? system.groupId(group) : system.userGroup(user);
            return u.isPresent() && gid.isPresent() ? new int[] {u.get(), gid.get()} : null;
        }
    }

    /** Alert mail: {@code smtp_server}, the addresses, one thread that sends in order. */
    static final class SmtpMail implements Mail {
        private final GlobalDefs global;
        private final ThreadPoolExecutor sender;
        private volatile SmtpClient client;
        private volatile String routerId;

        private SmtpMail(GlobalDefs global) {
            this.global = global;
            this.sender = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(MAX_MAILS), r -> {
                Thread t = new Thread(r, "notify-smtp");
                t.setDaemon(true);
                return t;
            });
            sender.allowCoreThreadTimeOut(true);
        }

        /** Null when keepalived sends no mail: no server or no address. */
        static SmtpMail of(GlobalDefs g) {
            GlobalDefs.Notification n = g.notification();
            if (!n.smtp().configured() || n.emails().isEmpty()) {
                return null;
            }
            return new SmtpMail(g);
        }

        @Override
        public boolean noEmailFaults() {
            return global.notification().noEmailFaults();
        }

        @Override
        public void send(boolean group, String name, NotifyState state) {
            try {
                sender.execute(() -> {
                    SmtpMessage m = group ? SmtpMessage.group(routerId(), name, state)
                            : SmtpMessage.instance(routerId(), name, state);
                    if (m != null) {
                        client().send(m);
                    }
                });
            } catch (RuntimeException e) {
                LOG.info("SMTP alert for {} dropped: too many queued", name);
            }
        }

        /** Names are looked up on the mail thread: a slow resolver must not delay the VRRP thread. */
        private String routerId() {
            if (routerId == null) {
                routerId = global.routerId() != null ? global.routerId() : localName();
            }
            return routerId;
        }

        private SmtpClient client() {
            if (client == null) {
                GlobalDefs.Notification n = global.notification();
                GlobalDefs.Smtp smtp = n.smtp();
                String local = localName();
                String helo = smtp.heloName() != null ? smtp.heloName() : local != null ? local : "localhost";
                String from = n.emailFrom() != null ? n.emailFrom()
                        : System.getProperty("user.name", "root") + "@" + (local != null ? local : "localhost");
                client = new SmtpClient(new SmtpClient.Settings(smtp.server(), smtp.port(), helo, from, n.emails(),
                        smtp.connectTimeoutSeconds()), ZonedDateTime::now);
            }
            return client;
        }

        /** keepalived's get_local_name(): the host's canonical name. */
        private static String localName() {
            try {
                return InetAddress.getLocalHost().getCanonicalHostName();
            } catch (Exception e) {
                return new LiveSystemInfo().hostname();
            }
        }

        @Override
        public void close(long deadline) {
            sender.shutdown();
            try {
                sender.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sender.shutdownNow();
        }
    }
}
