package io.jkeepalived.daemon.lvs;

import io.jkeepalived.vrrp.fsm.VrrpState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jkeepalived.ipvs.SyncState.BACKUP;
import static io.jkeepalived.ipvs.SyncState.MASTER;
import static org.assertj.core.api.Assertions.assertThat;

class SyncDaemonRoleTest {
    private static SyncDaemonRole.Command start(io.jkeepalived.ipvs.SyncState s) {
        return new SyncDaemonRole.Command(true, s);
    }

    private static SyncDaemonRole.Command stop(io.jkeepalived.ipvs.SyncState s) {
        return new SyncDaemonRole.Command(false, s);
    }

    @Test
    void backupFromTheStartSwappedOnEnteringAndLeavingMaster() {
        SyncDaemonRole r = new SyncDaemonRole();
        assertThat(r.follow(VrrpState.BACKUP)).containsExactly(start(BACKUP));
        assertThat(r.follow(VrrpState.MASTER)).containsExactly(stop(BACKUP), start(MASTER));
        assertThat(r.follow(VrrpState.FAULT)).containsExactly(stop(MASTER), start(BACKUP));
        assertThat(r.follow(VrrpState.BACKUP)).isEmpty();   // FAULT -> BACKUP: the backup daemon runs already
        assertThat(r.follow(VrrpState.STOP)).containsExactly(stop(BACKUP));
        assertThat(r.stop()).isEmpty();
    }

    @Test
    void anOwnerStartsAsMasterAndStopsTheMasterDaemon() {
        SyncDaemonRole r = new SyncDaemonRole();
        assertThat(r.follow(VrrpState.MASTER)).containsExactly(start(MASTER));
        assertThat(r.stop()).containsExactly(stop(MASTER));
    }

    @Test
    void aFaultAtStartRunsTheBackupDaemon() {
        SyncDaemonRole r = new SyncDaemonRole();
        assertThat(r.follow(VrrpState.FAULT)).containsExactly(start(BACKUP));
        assertThat(r.running()).isEqualTo(BACKUP);
    }

    /** Whatever the transitions, exactly one daemon runs and it is MASTER iff the instance is; none after a stop. */
    @Property
    void oneDaemonMatchingTheState(@ForAll List<VrrpState> states) {
        SyncDaemonRole r = new SyncDaemonRole();
        java.util.Set<io.jkeepalived.ipvs.SyncState> running = java.util.EnumSet.noneOf(io.jkeepalived.ipvs.SyncState.class);
        for (VrrpState s : states) {
            for (SyncDaemonRole.Command c : r.follow(s)) {
                if (c.start()) {
                    assertThat(running.add(c.state())).as("started twice").isTrue();
                } else {
                    assertThat(running.remove(c.state())).as("stopped a daemon not running").isTrue();
                }
            }
            if (s == VrrpState.STOP) {
                assertThat(running).isEmpty();
            } else {
                assertThat(running).containsExactly(s == VrrpState.MASTER ? MASTER : BACKUP);
            }
        }
        r.stop().forEach(c -> running.remove(c.state()));
        assertThat(running).isEmpty();
    }
}
