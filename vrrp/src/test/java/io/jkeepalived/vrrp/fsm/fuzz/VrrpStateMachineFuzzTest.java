package io.jkeepalived.vrrp.fsm.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jkeepalived.vrrp.fsm.VrrpAction;
import io.jkeepalived.vrrp.fsm.VrrpEvent;
import io.jkeepalived.vrrp.fsm.VrrpInstanceConfig;
import io.jkeepalived.vrrp.fsm.VrrpState;
import io.jkeepalived.vrrp.fsm.VrrpStateMachine;
import io.jkeepalived.vrrp.fsm.VrrpStep;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer target for the state machine: any configuration in range and any sequence of events at any times must
 * not throw, and must keep the VIPs held exactly while MASTER and a timer armed while BACKUP or MASTER. Under plain
 * {@code mvn test} it replays {@code VrrpStateMachineFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class VrrpStateMachineFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void events(FuzzedDataProvider data) throws UnknownHostException {
        int version = data.consumeBoolean() ? 3 : 2;
        int advert = version == 2 ? 100 * data.consumeInt(1, 255) : data.consumeInt(1, 4095);
        VrrpInstanceConfig config = VrrpInstanceConfig.builder("VI_F", data.consumeInt(1, 255))
                .version(version).advertIntervalCentis(advert).priority(data.consumeInt(1, 255))
                .nopreempt(data.consumeBoolean()).preemptDelay(Duration.ofMillis(data.consumeInt(0, 5000)))
                .downTimerAdverts(data.consumeInt(1, 100)).garpMasterRepeat(data.consumeInt(0, 10))
                .garpMasterDelay(Duration.ofMillis(data.consumeInt(0, 10_000)))
                .garpMasterRefresh(Duration.ofMillis(data.consumeInt(0, 10_000)))
                .lowerPrioNoAdvert(data.consumeBoolean()).higherPrioSendAdvert(data.consumeBoolean())
                .primaryAddress(InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, 20})).build();
        long[] now = {data.consumeLong()};
        VrrpStateMachine fsm = new VrrpStateMachine(config, () -> now[0]);
        boolean vips = false;
        for (int i = 0; i < 500 && data.remainingBytes() > 0; i++) {
            now[0] += data.consumeLong(0, 10_000_000_000L);
            VrrpEvent e = switch (data.consumeInt(0, 5)) {
                case 0 -> new VrrpEvent.Start();
                case 1 -> new VrrpEvent.Stop();
                case 2 -> new VrrpEvent.TrackerChanged("t" + data.consumeInt(0, 3), data.consumeInt(-254, 254),
                        data.consumeBoolean());
                case 3 -> new VrrpEvent.AdvertReceived(InetAddress.getByAddress(
                        new byte[] {(byte) 198, 51, 100, data.consumeByte()}), data.consumeInt(0, 255),
                        data.consumeInt(0, 25500));
                default -> new VrrpEvent.Tick();
            };
            VrrpStep step = fsm.handle(e);
            for (VrrpAction a : step.actions()) {
                if (a instanceof VrrpAction.AddVips) {
                    assertThat(vips).isFalse();
                    vips = true;
                } else if (a instanceof VrrpAction.RemoveVips) {
                    assertThat(vips).isTrue();
                    vips = false;
                }
            }
            assertThat(vips).isEqualTo(fsm.state() == VrrpState.MASTER);
            if (fsm.state() == VrrpState.BACKUP || fsm.state() == VrrpState.MASTER) {
                assertThat(step.wakeupAtNanos()).isPresent();
            }
        }
    }
}
