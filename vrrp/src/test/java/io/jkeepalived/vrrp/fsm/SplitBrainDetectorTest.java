package io.jkeepalived.vrrp.fsm;

import io.jkeepalived.vrrp.fsm.VrrpEvent.AdvertReceived;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Start;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Tick;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SplitBrainDetectorTest {
    final FakeClock clock = new FakeClock(5_000_000_000L);
    final VrrpStateMachine fsm = new VrrpStateMachine(VrrpInstanceConfig.builder("VI_1", 51).priority(150)
            .primaryAddress(ip("198.51.100.2")).build(), clock);
    final SplitBrainDetector detector = new SplitBrainDetector(fsm, clock);
    final List<String> log = new ArrayList<>();
    VrrpStep last;

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    void feed(VrrpEvent e) {
        last = fsm.handle(e);
        log.addAll(detector.observe(last));
    }

    void becomeMaster() {
        feed(new Start());
        clock.set(last.wakeupAtNanos().getAsLong());
        feed(new Tick());
        assertThat(fsm.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void anotherMasterIsLoggedOnceCountedAndExposed() {
        becomeMaster();
        feed(new AdvertReceived(ip("198.51.100.3"), 100, 100));
        feed(new AdvertReceived(ip("198.51.100.3"), 100, 100));
        assertThat(log).containsExactly("(VI_1) split brain: 198.51.100.3 is also MASTER for VRID 51"
                + " (its priority 100, ours 150); occurrence 1");
        assertThat(detector.count()).isEqualTo(1);
        assertThat(detector.current()).get().extracting(SplitBrainDetector.Peer::address, SplitBrainDetector.Peer::priority)
                .containsExactly(ip("198.51.100.3"), 100);
    }

    @Test
    void equalPriorityFromALowerAddressIsAnotherMasterToo() {
        becomeMaster();
        feed(new AdvertReceived(ip("198.51.100.1"), 150, 100));
        assertThat(detector.count()).isEqualTo(1);
    }

    @Test
    void clearsWhenWeStepDown() {
        becomeMaster();
        feed(new AdvertReceived(ip("198.51.100.3"), 100, 100));
        feed(new AdvertReceived(ip("198.51.100.4"), 200, 100)); // a higher one: we step down
        assertThat(fsm.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(detector.current()).isEmpty();
        assertThat(log).last().isEqualTo("(VI_1) split brain with 198.51.100.3 over: we left MASTER");
        assertThat(detector.count()).isEqualTo(1);
    }

    @Test
    void clearsWhenThePeerFallsSilentAndCountsTheNextEpisode() {
        becomeMaster();
        feed(new AdvertReceived(ip("198.51.100.3"), 100, 100));
        for (int k = 0; k < 5; k++) { // our own adverts go on; the peer stepped down
            clock.set(last.wakeupAtNanos().getAsLong());
            feed(new Tick());
        }
        assertThat(detector.current()).isEmpty();
        assertThat(log).last().isEqualTo("(VI_1) split brain with 198.51.100.3 over:"
                + " no advert from it for a master-down interval");
        feed(new AdvertReceived(ip("198.51.100.3"), 100, 100));
        assertThat(detector.count()).isEqualTo(2);
    }

    @Test
    void aBackupSeesNoSplitBrain() {
        feed(new Start());
        feed(new AdvertReceived(ip("198.51.100.3"), 100, 100));
        assertThat(detector.count()).isZero();
        assertThat(log).isEmpty();
    }
}
