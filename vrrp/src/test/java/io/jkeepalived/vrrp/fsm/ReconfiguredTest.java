package io.jkeepalived.vrrp.fsm;

import io.jkeepalived.vrrp.fsm.VrrpAction.SendAdvert;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Start;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Tick;
import io.jkeepalived.vrrp.fsm.VrrpEvent.TrackerChanged;
import org.junit.jupiter.api.Test;

import static io.jkeepalived.vrrp.fsm.VrrpStateMachineTest.V2_P100_DOWN;
import static io.jkeepalived.vrrp.fsm.VrrpStateMachineTest.v2;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link VrrpStateMachine#reconfigured}: a reload keeps state and timers and takes the new settings. */
class ReconfiguredTest {

    @Test
    void aMasterKeepsItsStateVipsAndAdvertTimerAndAdvertisesTheNewPriority() {
        FakeClock clock = new FakeClock(1_000_000_000_000L);
        VrrpStateMachine m = new VrrpStateMachine(v2(100).build(), clock);
        m.handle(new Start());
        clock.set(1_000_000_000_000L + V2_P100_DOWN * 1000);
        m.handle(new Tick()); // MASTER
        long nextAdvert = m.wakeupAtNanos().getAsLong();
        clock.set(nextAdvert - 300_000_000L);

        VrrpStateMachine r = m.reconfigured(v2(150).build(), true);

        assertThat(r.state()).isEqualTo(VrrpState.MASTER);
        assertThat(r.effectivePriority()).isEqualTo(150);
        assertThat(r.wakeupAtNanos().getAsLong()).isEqualTo(nextAdvert); // no advert gap, no early advert
        clock.set(nextAdvert);
        // VIPs stay set: a plain advert, no second "Entering MASTER STATE"
        assertThat(r.handle(new Tick()).actions()).containsExactly(new SendAdvert(150));
    }

    @Test
    void trackerWeightsCarryOverOrAreDroppedWhenReplanned() {
        FakeClock clock = new FakeClock(0);
        VrrpStateMachine m = new VrrpStateMachine(v2(100).build(), clock);
        m.handle(new TrackerChanged("script:chk", 20, false));
        m.handle(new Start());
        assertThat(m.effectivePriority()).isEqualTo(120);

        assertThat(m.reconfigured(v2(110).build(), true).effectivePriority()).isEqualTo(130);
        assertThat(m.reconfigured(v2(110).build(), false).effectivePriority()).isEqualTo(110);
    }

    @Test
    void aBackupDeadlineMovesOnlyByTheChangeOfMasterDown() {
        FakeClock clock = new FakeClock(0);
        VrrpStateMachine m = new VrrpStateMachine(v2(100).build(), clock);
        m.handle(new Start());
        long deadline = m.wakeupAtNanos().getAsLong();
        VrrpStateMachine r = m.reconfigured(v2(100).build(), true);
        assertThat(r.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(r.wakeupAtNanos().getAsLong()).isEqualTo(deadline);
        VrrpStateMachine higher = m.reconfigured(v2(200).build(), true);
        assertThat(higher.wakeupAtNanos().getAsLong()).isLessThan(deadline); // shorter skew
    }

    @Test
    void anInstanceInFaultForWantOfAnAddressLeavesItWhenTheAddressComesAfterAReload() throws Exception {
        FakeClock clock = new FakeClock(0);
        VrrpStateMachine m = new VrrpStateMachine(v2(100).build(), clock);
        m.handle(new VrrpEvent.SourceAddressChanged(null));
        m.handle(new Start());
        assertThat(m.state()).isEqualTo(VrrpState.FAULT);

        VrrpStateMachine r = m.reconfigured(v2(90).build(), true);
        assertThat(r.state()).isEqualTo(VrrpState.FAULT);
        assertThat(r.sourceAddress()).isNull();
        r.handle(new VrrpEvent.SourceAddressChanged(java.net.InetAddress.getByName("203.0.113.1")));

        assertThat(r.state()).isEqualTo(VrrpState.BACKUP);
    }
}
