package io.jkeepalived.daemon.lvs;

import io.jkeepalived.ipvs.SyncState;
import io.jkeepalived.vrrp.fsm.VrrpState;

import java.util.ArrayList;
import java.util.List;

/**
 * Which IPVS sync daemon runs for the VRRP instance that {@code lvs_sync_daemon} names, as keepalived's VRRP process
 * keeps it (vrrp.c, vrrp_scheduler.c, vrrp_daemon.c): the BACKUP daemon from the instance's start, swapped for the
 * MASTER daemon when the instance becomes master and back when it leaves MASTER (for BACKUP or FAULT), and the running
 * one stopped when the instance stops. Pure: each event returns the commands to send, in order.
 */
final class SyncDaemonRole {
    /** Start (or stop) the sync daemon in {@code state}. */
    record Command(boolean start, SyncState state) {
        @Override
        public String toString() {
            return (start ? "start " : "stop ") + state;
        }
    }

    private SyncState running;

    /** The instance entered {@code to}. */
    List<Command> follow(VrrpState to) {
        if (to == VrrpState.STOP) {
            return stop();
        }
        // INIT, BACKUP and FAULT all mean "not master": keepalived starts the BACKUP daemon at init and only swaps
        // it on entering or leaving MASTER
        SyncState wanted = to == VrrpState.MASTER ? SyncState.MASTER : SyncState.BACKUP;
        List<Command> out = new ArrayList<>(2);
        if (running == wanted) {
            return out;
        }
        if (running != null) {
            out.add(new Command(false, running));
        }
        out.add(new Command(true, wanted));
        running = wanted;
        return out;
    }

    /** The daemon stops (or the instance did): the running sync daemon, if any, is stopped. */
    List<Command> stop() {
        if (running == null) {
            return List.of();
        }
        List<Command> out = List.of(new Command(false, running));
        running = null;
        return out;
    }

    SyncState running() {
        return running;
    }
}
