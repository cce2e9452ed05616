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
 */
public final class SyncDaemonFollower implements InstanceStateListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");
    private static final long STOP_WAIT_SECONDS = 10;

    /** Opens the kernel side on the follower's thread. */
    @FunctionalInterface
    public interface Opener {
        LvsControl open() throws IOException;
    }

    private final GlobalDefs.LvsSyncDaemon config;
    private final String instance;
    private final int syncId;
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
        this.config = config;
        this.instance = instance;
        this.syncId = syncId;
        this.opener = opener;
    }

    /**
     * The follower {@code config} asks for, or null when {@code lvs_sync_daemon} is absent or names no VRRP instance
     * (the checker side runs it then, see {@link LvsGlobals}). An instance name that matches none is logged as
     * keepalived does and the setting dropped.
     */
    public static SyncDaemonFollower create(KeepalivedConfig config, boolean dryRun, PrintStream dryRunOut) {
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
        Opener opener = dryRun ? () -> LvsControl.dryRun(dryRunOut, LvsControl.KERNEL_DEFAULTS)
                : () -> LvsControl.owning(IpvsClient.open());
        return new SyncDaemonFollower(sd, vi.name(), id, opener);
    }

    @Override
    public void changed(String name, VrrpState from, VrrpState to) {
        if (!instance.equals(name)) {
            return;
        }
        try {
            thread.execute(() -> send(role.follow(to)));
        } catch (RejectedExecutionException e) {
            // closed: the stop below has already run
        }
    }

    private void send(List<SyncDaemonRole.Command> commands) {
        if (commands.isEmpty() || !opened()) {
            return;
        }
        for (SyncDaemonRole.Command c : commands) {
            try {
                if (c.start()) {
                    control.startSyncDaemon(SyncDaemons.daemon(config, c.state(), syncId));
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
                LOG.info("IPVS: cannot run the lvs_sync_daemon for {}: {}", instance, e.getMessage());
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
