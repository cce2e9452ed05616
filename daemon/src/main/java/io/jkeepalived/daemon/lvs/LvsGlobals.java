package io.jkeepalived.daemon.lvs;

import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.ipvs.IpvsTimeouts;
import io.jkeepalived.ipvs.SyncState;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The checker side of the IPVS globals, as keepalived's checker process handles them (check_daemon.c, ipvswrapper.c):
 * <ul>
 *   <li>{@code lvs_timeouts}: at start the kernel's timeouts are read and the configured ones set (a timeout not
 *       configured keeps the kernel's value); at stop the values read at start are put back.</li>
 *   <li>{@code lvs_sync_daemon} naming no VRRP instance: any sync daemon left from an earlier run is stopped, then
 *       both the MASTER and the BACKUP daemon start (sync id 0 unless given); both stop at stop. With an instance
 *       named, the VRRP side runs it ({@link SyncDaemonFollower}) and nothing happens here.</li>
 * </ul>
 * Runs on the caller's thread (the Healthcheck subsystem's "ipvs" thread); failures are logged, never thrown.
 */
public final class LvsGlobals {
    private GlobalDefs.Lvs lvs;
    private final LvsControl control;
    private final Consumer<String> log;
    /** The kernel's timeouts before ours, to restore at stop; null when we changed none. */
    private IpvsTimeouts original;
    private boolean syncDaemons;

    private LvsGlobals(GlobalDefs.Lvs lvs, LvsControl control, Consumer<String> log) {
        this.lvs = lvs;
        this.control = control;
        this.log = log;
    }

    /** Applies the globals of {@code global} through {@code control}. */
    public static LvsGlobals start(GlobalDefs global, LvsControl control, Consumer<String> log) {
        LvsGlobals g = new LvsGlobals(global == null ? null : global.lvs(), control, log);
        g.start();
        return g;
    }

    private void start() {
        if (lvs == null) {
            return;
        }
        GlobalDefs.LvsTimeouts t = lvs.timeouts();
        if (t != null && (t.tcp() != 0 || t.tcpFin() != 0 || t.udp() != 0)) {
            try {
                original = control.timeouts();
                control.setTimeouts(new IpvsTimeouts(seconds(t.tcp()), seconds(t.tcpFin()), seconds(t.udp())));
            } catch (IOException | RuntimeException e) {
                log.accept("Failed to set ipvs timeouts: " + e.getMessage());
            }
        }
        GlobalDefs.LvsSyncDaemon sd = lvs.syncDaemon();
        if (sd != null && sd.vrrpInstance() == null) {
            startSyncDaemons(sd);
        }
    }

    private void startSyncDaemons(GlobalDefs.LvsSyncDaemon sd) {
        syncDaemons = true;
        // a daemon left by a run that ended abnormally would make the start fail: stopped first, errors ignored
        stopSyncDaemons(true);
        int id = Math.max(0, sd.syncId());
        for (SyncState s : SyncState.values()) {
            try {
                control.startSyncDaemon(SyncDaemons.daemon(sd, s, id));
            } catch (IOException | RuntimeException e) {
                log.accept("IPVS: " + e.getMessage());
            }
        }
    }

    private static int seconds(long s) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, s));
    }

    private void stopSyncDaemons(boolean quiet) {
        for (SyncState s : SyncState.values()) {
            try {
                control.stopSyncDaemon(s);
            } catch (IOException | RuntimeException e) {
                if (!quiet) {
                    log.accept("IPVS: " + e.getMessage());
                }
            }
        }
    }

    /**
     * A reload (SIGHUP) to {@code next}: as keepalived's checker reload (check_daemon.c start_check), sync daemons
     * naming no instance whose settings changed are stopped and started again with the new ones; added ones start;
     * removed ones stop (keepalived leaves those running). The timeouts are left as they are.
     */
    public void reload(GlobalDefs next) {
        GlobalDefs.Lvs nextLvs = next == null ? null : next.lvs();
        GlobalDefs.LvsSyncDaemon was = lvs == null ? null : lvs.syncDaemon();
        GlobalDefs.LvsSyncDaemon now = nextLvs == null ? null : nextLvs.syncDaemon();
        boolean ranHere = was != null && was.vrrpInstance() == null;
        boolean runsHere = now != null && now.vrrpInstance() == null;
        lvs = nextLvs;
        if (ranHere == runsHere && java.util.Objects.equals(was, now)) {
            return;
        }
        if (ranHere && syncDaemons) {
            syncDaemons = false;
            stopSyncDaemons(true); // as keepalived: errors ignored
        }
        if (runsHere) {
            startSyncDaemons(now);
        }
    }

    /** keepalived's checker stop: its sync daemons stopped, the timeouts it changed put back. */
    public void stop() {
        if (syncDaemons) {
            syncDaemons = false;
            stopSyncDaemons(true);
        }
        if (original != null) {
            IpvsTimeouts o = original;
            original = null;
            try {
                control.setTimeouts(o);
            } catch (IOException | RuntimeException e) {
                log.accept("Failed to restore ipvs timeouts: " + e.getMessage());
            }
        }
    }
}
