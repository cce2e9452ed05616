package io.jkeepalived.daemon.lvs;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.daemon.vrrp.InstanceStateListener;
import io.jkeepalived.ipvs.IpvsClient;
import io.jkeepalived.vrrp.fsm.VrrpState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The VRRP side of {@code lvs_sync_daemon IF VI_x ...}: the IPVS connection-sync daemon follows instance VI_x, BACKUP
 * while it is not master, MASTER while it is (keepalived's ipvs_syncd_master/ipvs_syncd_backup from vrrp.c), and is
 * stopped when the VRRP side stops. The VRRP thread only queues the state; the netlink requests run on a thread of
 * their own ("ipvs-syncd"), which also opens the IPVS client (slow the first time), so no advert ever waits for it.
 * A request the kernel refuses is logged and the daemon goes on, as keepalived's ipvs_talk does.
 *
 * <p>A reload ({@link #reloaded}) that changes the settings (interface, instance, sync id, maxlen, port, ttl, group:
 * keepalived's ipvs_syncd_changed) stops the running daemon and starts the new one in the role of its instance now.
 * keepalived 2.2.7 means to do the same (vrrp_daemon.c reload_vrrp_thread) but sends the start without the settings,
 * which the kernel refuses, so its sync daemon stays stopped until the instance next changes state; and a setting
 * removed by a reload stops the daemon here, where keepalived leaves it running.
 */
public final class SyncDaemonFollower implements InstanceStateListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");
    private static final long STOP_WAIT_SECONDS = 10;

    /** Opens the kernel side on the follower's thread. */
    @FunctionalInterface
    public interface Opener {
        LvsControl open() throws IOException;
    }

    /** What runs: the settings, the instance followed and the resolved sync id. */
    record Settings(GlobalDefs.LvsSyncDaemon config, String instance, int syncId) {
    }

    private Settings settings;    // the ipvs-syncd thread only; null: nothing to follow
    /** Every instance's last state, so that a reload naming another instance starts the daemon in its role. */
    private final java.util.Map<String, VrrpState> states = new java.util.concurrent.ConcurrentHashMap<>();
    private final Opener opener;
    private final SyncDaemonRole role = new SyncDaemonRole();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ipvs-syncd");
        t.setDaemon(true);
        return t;
    });
    private LvsControl control;   // the ipvs-syncd thread only
    private boolean openFailed;   // the ipvs-syncd thread only

    SyncDaemonFollower(GlobalDefs.LvsSyncDaemon config, String instance, int syncId, Opener opener) {
        this(config == null ? null : new Settings(config, instance, syncId), opener);
    }

    private SyncDaemonFollower(Settings settings, Opener opener) {
        this.settings = settings;
        this.opener = opener;
    }

    /**
     * The follower {@code config} asks for, or null when {@code lvs_sync_daemon} is absent or names no VRRP instance
     * (the checker side runs it then, see {@link LvsGlobals}). An instance name that matches none is logged as
     * keepalived does and the setting dropped.
     */
    public static SyncDaemonFollower create(KeepalivedConfig config, boolean dryRun, PrintStream dryRunOut) {
        Settings s = settings(config);
        return s == null ? null : new SyncDaemonFollower(s, opener(dryRun, dryRunOut));
    }

    /**
     * A follower for {@code config} even when it asks for none, so that a reload adding {@code lvs_sync_daemon} is
     * followed too (see {@link #reloaded}).
     */
    public static SyncDaemonFollower following(KeepalivedConfig config, boolean dryRun, PrintStream dryRunOut) {
        return new SyncDaemonFollower(settings(config), opener(dryRun, dryRunOut));
    }

    private static Opener opener(boolean dryRun, PrintStream dryRunOut) {
        return dryRun ? () -> LvsControl.dryRun(dryRunOut, LvsControl.KERNEL_DEFAULTS)
                : () -> LvsControl.owning(IpvsClient.open());
    }

    /** The settings {@code config} asks the VRRP side to follow, or null (see {@link #create}). */
    static Settings settings(KeepalivedConfig config) {
        GlobalDefs.Lvs lvs = config.global() == null ? null : config.global().lvs();
        GlobalDefs.LvsSyncDaemon sd = lvs == null ? null : lvs.syncDaemon();
        if (sd == null || sd.vrrpInstance() == null || config.vrrp() == null) {
            return null;
        }
        VrrpInstance vi = config.vrrp().instances().stream().filter(i -> i.name().equals(sd.vrrpInstance()))
                .findFirst().orElse(null);
        if (vi == null) {
            LOG.info("Unable to find vrrp instance {} for lvs_syncd - clearing lvs_syncd config", sd.vrrpInstance());
            return null;
        }
        int id = sd.syncId() >= 0 ? sd.syncId() : vi.virtualRouterId();
        return new Settings(sd, vi.name(), id);
    }

    @Override
    public void changed(String name, VrrpState from, VrrpState to) {
        states.put(name, to);
        try {
            thread.execute(() -> {
                if (settings != null && settings.instance().equals(name)) {
                    send(role.follow(to));
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: the stop below has already run
        }
    }

    /**
     * A reload applied {@code next}: when its settings differ from those running, the running daemon stops and the
     * new one starts in the role of its instance's current state (none while that instance has no state yet: its
     * first state change starts it).
     */
    @Override
    public void reloaded(KeepalivedConfig next) {
        Settings wanted = settings(next);
        // the instance's state as the reload leaves it (a later change is queued after this and follows it)
        VrrpState now = wanted == null ? null : states.get(wanted.instance());
        try {
            thread.execute(() -> {
                if (java.util.Objects.equals(settings, wanted)) {
                    return;
                }
                LOG.info("lvs_sync_daemon changed by the reload - {}", wanted == null ? "stopping the sync daemon"
                        : "restarting the sync daemon on " + wanted.config().interfaceName() + " (sync id "
                        + wanted.syncId() + ") for " + wanted.instance());
                send(role.stop());
                settings = wanted;
                if (now != null && now != VrrpState.STOP) {
                    send(role.follow(now));
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: stopping
        }
    }

    private void send(List<SyncDaemonRole.Command> commands) {
        if (commands.isEmpty() || !opened()) {
            return;
        }
        for (SyncDaemonRole.Command c : commands) {
            try {
                if (c.start()) {
                    control.startSyncDaemon(SyncDaemons.daemon(settings.config(), c.state(), settings.syncId()));
                } else {
                    control.stopSyncDaemon(c.state());
                }
            } catch (IOException | RuntimeException e) {
                LOG.info("IPVS: {}", e.getMessage());
            }
        }
    }

    private boolean opened() {
        if (control == null && !openFailed) {
            try {
                control = opener.open();
            } catch (IOException | RuntimeException e) {
                openFailed = true;   // said once; the instance goes on without a sync daemon
                LOG.info("IPVS: cannot run the lvs_sync_daemon for {}: {}",
                        settings == null ? "-" : settings.instance(), e.getMessage());
            }
        }
        return control != null;
    }

    /** Stops the running sync daemon (if the instance's STOP has not already) and the thread; bounded wait. */
    @Override
    public void close() {
        try {
            thread.submit(() -> {
                send(role.stop());
                if (control != null) {
                    control.close();
                }
                return null;
            }).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.info("IPVS: stopping the sync daemon did not finish: {}", e.getMessage());
        } finally {
            thread.shutdownNow();
        }
    }
}
