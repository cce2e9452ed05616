package io.jkeepalived.vrrp.fsm;

import io.jkeepalived.vrrp.fsm.VrrpAction.RemoveVips;
import io.jkeepalived.vrrp.fsm.VrrpAction.SendAdvert;
import io.jkeepalived.vrrp.fsm.VrrpAction.StateChanged;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Start;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Tick;
import io.jkeepalived.vrrp.fsm.VrrpEvent.VipDeleted;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VipDeletedTest {

    @Test
    void aMasterLeavesWithPriorityZeroAndComesBackAfterTheSkewTime() {
        VrrpStateMachineTest.Harness h = new VrrpStateMachineTest.Harness(VrrpStateMachineTest.v2(100).build());
        h.at(0, new Start());
        h.tick();
        assertThat(h.fsm.state()).isEqualTo(VrrpState.MASTER);
        long t = VrrpStateMachineTest.V2_P100_DOWN + 300_000;
        assertThat(h.at(t, new VipDeleted())).containsExactly(
                new StateChanged(VrrpState.MASTER, VrrpState.BACKUP, "(VI_1) Entering BACKUP STATE"),
                new SendAdvert(0), new RemoveVips());
        assertThat(h.wakeup()).isEqualTo(t + VrrpStateMachineTest.V2_P100_SKEW);
        assertThat(h.tick()).containsExactlyElementsOf(VrrpStateMachineTest.BECOME_MASTER_100);
    }

    @Test
    void ignoredOutsideMaster() {
        VrrpStateMachineTest.Harness h = new VrrpStateMachineTest.Harness(VrrpStateMachineTest.v2(100).build());
        h.at(0, new Start());
        assertThat(h.at(10, new VipDeleted())).isEmpty();
        assertThat(h.fsm.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(h.wakeup()).isEqualTo(VrrpStateMachineTest.V2_P100_DOWN);
    }

    @Test
    void tickAfterwardsIsHarmless() {
        VrrpStateMachineTest.Harness h = new VrrpStateMachineTest.Harness(VrrpStateMachineTest.v2(100).build());
        h.at(0, new Start());
        assertThat(h.at(1, new Tick())).isEmpty();
    }
}
