package io.jkeepalived.vrrp.fsm;

import io.jkeepalived.vrrp.fsm.VrrpAction.RemoveVips;
import io.jkeepalived.vrrp.fsm.VrrpAction.SendAdvert;
import io.jkeepalived.vrrp.fsm.VrrpAction.StateChanged;
import io.jkeepalived.vrrp.fsm.VrrpEvent.AdvertReceived;
import io.jkeepalived.vrrp.fsm.VrrpEvent.SourceAddressChanged;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Start;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Stop;
import io.jkeepalived.vrrp.fsm.VrrpEvent.TrackerChanged;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interface's source address as keepalived 2.2.7 treats it: none at start = FAULT ("no IPv4 address for
 * interface"); the first address ends the fault (BACKUP, a full master-down later MASTER); losing it is a fault
 * (a master sends priority 0 and releases its VIPs); a replacement only changes the tie-break address.
 */
class SourceAddressTest {
    private static final InetAddress ADDR = ip("198.51.100.1");
    private static final InetAddress OTHER = ip("203.0.113.1");

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static VrrpStateMachineTest.Harness noAddress() {
        return new VrrpStateMachineTest.Harness(VrrpInstanceConfig.builder("VI_1", 51).priority(100).build());
    }

    @Test
    void noAddressAtStartIsFaultWithoutTimers() {
        VrrpStateMachineTest.Harness h = noAddress();
        assertThat(h.at(0, new SourceAddressChanged(null))).isEmpty();
        assertThat(h.at(0, new Start())).containsExactly(
                new StateChanged(VrrpState.INIT, VrrpState.FAULT, "(VI_1) Entering FAULT STATE (init)"));
        assertThat(h.fsm.state()).isEqualTo(VrrpState.FAULT);
        assertThat(h.wakeup()).isEqualTo(-1);
        assertThat(h.fsm.sourceAddress()).isNull();
        // adverts are ignored in FAULT
        assertThat(h.at(10, new AdvertReceived(OTHER, 200, 100))).isEmpty();
    }

    @Test
    void theFirstAddressEndsTheFaultAndTheInstanceBecomesMasterAMasterDownLater() {
        VrrpStateMachineTest.Harness h = noAddress();
        h.at(0, new SourceAddressChanged(null));
        h.at(0, new Start());
        assertThat(h.at(5_000_000, new SourceAddressChanged(ADDR))).containsExactly(
                new StateChanged(VrrpState.FAULT, VrrpState.BACKUP, "(VI_1) Entering BACKUP STATE"));
        assertThat(h.fsm.sourceAddress()).isEqualTo(ADDR);
        assertThat(h.wakeup()).isEqualTo(5_000_000 + VrrpStateMachineTest.V2_P100_DOWN);
        assertThat(h.tick()).containsExactlyElementsOf(VrrpStateMachineTest.BECOME_MASTER_100);
        assertThat(h.fsm.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void losingTheAddressAsMasterIsAFaultWithPriorityZeroAndTheVipsReleased() {
        VrrpStateMachineTest.Harness h = new VrrpStateMachineTest.Harness(VrrpStateMachineTest.v2(100).build());
        h.at(0, new Start());
        h.tick();
        assertThat(h.fsm.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.at(VrrpStateMachineTest.V2_P100_DOWN + 10, new SourceAddressChanged(null))).containsExactly(
                new StateChanged(VrrpState.MASTER, VrrpState.FAULT, "(VI_1) Entering FAULT STATE"),
                new SendAdvert(0), new SendAdvert(0), new RemoveVips());
        // only the delayed GARP burst of becoming master is pending, and it sends nothing without VIPs
        assertThat(h.tick()).isEmpty();
        assertThat(h.wakeup()).isEqualTo(-1);
        // a second "none" changes nothing; Stop in FAULT sends nothing
        assertThat(h.at(VrrpStateMachineTest.V2_P100_DOWN + 20, new SourceAddressChanged(null))).isEmpty();
        assertThat(h.at(VrrpStateMachineTest.V2_P100_DOWN + 30, new Stop())).containsExactly(
                new StateChanged(VrrpState.FAULT, VrrpState.STOP, ""));
    }

    @Test
    void losingTheAddressAsBackupIsAFault() {
        VrrpStateMachineTest.Harness h = new VrrpStateMachineTest.Harness(VrrpStateMachineTest.v2(100).build());
        h.at(0, new Start());
        assertThat(h.at(10, new SourceAddressChanged(null))).containsExactly(
                new StateChanged(VrrpState.BACKUP, VrrpState.FAULT, "(VI_1) Entering FAULT STATE"));
        assertThat(h.wakeup()).isEqualTo(-1);
    }

    @Test
    void aReplacementAddressChangesOnlyTheTieBreak() {
        VrrpStateMachineTest.Harness h = new VrrpStateMachineTest.Harness(VrrpStateMachineTest.v2(100).build());
        h.at(0, new Start());
        h.tick();
        long t = VrrpStateMachineTest.V2_P100_DOWN + 10;
        // 198.51.100.50 is higher than SELF (198.51.100.2) but lower than 203.0.113.1
        InetAddress peer = ip("198.51.100.50");
        assertThat(h.at(t, new SourceAddressChanged(OTHER))).isEmpty();
        assertThat(h.fsm.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.fsm.sourceAddress()).isEqualTo(OTHER);
        // equal priority from a lower address than ours now: we stay master
        h.at(t + 10, new AdvertReceived(peer, 100, 100));
        assertThat(h.fsm.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aTrackerFaultOutlastsTheAddressComingBack() {
        VrrpStateMachineTest.Harness h = noAddress();
        h.at(0, new SourceAddressChanged(null));
        h.at(0, new TrackerChanged("interface eth1", 0, true));
        h.at(0, new Start());
        assertThat(h.at(10, new SourceAddressChanged(ADDR))).isEmpty();
        assertThat(h.fsm.state()).isEqualTo(VrrpState.FAULT);
        assertThat(h.at(20, new TrackerChanged("interface eth1", 0, false))).containsExactly(
                new StateChanged(VrrpState.FAULT, VrrpState.BACKUP, "(VI_1) Entering BACKUP STATE"));
    }

    @Test
    void theAddressComingBackAfterStopChangesNothing() {
        VrrpStateMachineTest.Harness h = noAddress();
        h.at(0, new SourceAddressChanged(null));
        h.at(0, new Start());
        h.at(5, new Stop());
        assertThat(h.at(10, new SourceAddressChanged(ADDR))).isEmpty();
        assertThat(h.fsm.state()).isEqualTo(VrrpState.STOP);
    }
}
