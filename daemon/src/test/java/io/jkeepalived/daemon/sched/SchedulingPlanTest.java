package io.jkeepalived.daemon.sched;

import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.model.GlobalDefs.ProcessSettings;
import io.jkeepalived.daemon.sched.SchedulingPlan.Role;
import io.jkeepalived.daemon.sched.SchedulingPlan.ThreadSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** keepalived's per-process keywords onto the VRRP thread and the checker's event loops. */
class SchedulingPlanTest {
    private static SchedulingPlan plan(ProcessSettings vrrp, ProcessSettings checker, int maxAuto, long minDelay) {
        GlobalDefs.Processes p = new GlobalDefs.Processes(vrrp, checker, ProcessSettings.DEFAULT, maxAuto, null, null,
                null, minDelay);
        return SchedulingPlan.fromProcesses(p);
    }

    @Test
    void defaultsChangeNothing() {
        SchedulingPlan p = SchedulingPlan.DEFAULT;
        assertThat(p.forRole(Role.VRRP).none()).isTrue();
        assertThat(p.forRole(Role.CHECKER).none()).isTrue();
        assertThat(p.lockMemory()).isFalse();
        assertThat(p.rlimitRttimeMicros()).isZero();
        assertThat(p.autoPriority()).isFalse();
        assertThat(p.minAutoPriorityDelayMicros()).isEqualTo(1_000_000);
    }

    @Test
    void eachRoleGetsItsOwnPriorityAndNiceIsDroppedUnderRealTime() {
        SchedulingPlan p = plan(new ProcessSettings(-5, false, 50, 10_000), new ProcessSettings(10, false, 0, 10_000),
                0, 1_000_000);
        // keepalived sets the nice value only when the process is not real-time
        assertThat(p.forRole(Role.VRRP)).isEqualTo(new ThreadSettings(0, 50));
        assertThat(p.forRole(Role.CHECKER)).isEqualTo(new ThreadSettings(10, 0));
    }

    @Test
    void processWideSettingsTakeTheLargestOfTheRealTimeRolesAndEitherNoSwap() {
        SchedulingPlan p = plan(new ProcessSettings(0, false, 50, 20_000), new ProcessSettings(0, true, 30, 80_000),
                0, 1_000_000);
        assertThat(p.rlimitRttimeMicros()).isEqualTo(80_000);
        assertThat(p.lockMemory()).isTrue();
        // a role that is not real-time has no say in the limit
        SchedulingPlan q = plan(new ProcessSettings(0, false, 50, 20_000), new ProcessSettings(0, false, 0, 900_000),
                0, 1_000_000);
        assertThat(q.rlimitRttimeMicros()).isEqualTo(20_000);
        assertThat(q.lockMemory()).isFalse();
        assertThat(plan(ProcessSettings.DEFAULT, new ProcessSettings(0, false, 0, 900_000), 0, 1).rlimitRttimeMicros())
                .isZero();
    }

    @Test
    void autoPriorityNeedsAPositiveMaximumAndKeepsTheVrrpLimitForLater() {
        assertThat(plan(ProcessSettings.DEFAULT, ProcessSettings.DEFAULT, -1, 1000).autoPriority()).isFalse();
        assertThat(plan(ProcessSettings.DEFAULT, ProcessSettings.DEFAULT, 0, 1000).autoPriority()).isFalse();
        SchedulingPlan p = plan(new ProcessSettings(0, false, 0, 30_000), ProcessSettings.DEFAULT, 5, 1000);
        assertThat(p.autoPriority()).isTrue();
        assertThat(p.maxAutoPriority()).isEqualTo(5);
        assertThat(p.minAutoPriorityDelayMicros()).isEqualTo(1000);
        assertThat(p.autoRlimitRttimeMicros()).isEqualTo(30_000);
        assertThat(p.rlimitRttimeMicros()).isZero();
    }

    @Test
    void theJvmGetsAtLeastOneSecondOfRealTimeWithoutBlocking() {
        assertThat(ProcessScheduling.jvmRealtimeLimit(10_000)).isEqualTo(1_000_000);
        assertThat(ProcessScheduling.jvmRealtimeLimit(5_000_000)).isEqualTo(5_000_000);
    }
}
