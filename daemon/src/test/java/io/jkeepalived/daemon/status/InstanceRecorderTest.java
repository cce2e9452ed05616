package io.jkeepalived.daemon.status;

import io.jkeepalived.vrrp.fsm.VrrpAction;
import io.jkeepalived.vrrp.fsm.VrrpEvent;
import io.jkeepalived.vrrp.fsm.VrrpState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceRecorderTest {
    @Test
    void countsWhatKeepalivedCounts() {
        long[] wall = {5_000_000};
        InstanceRecorder r = new InstanceRecorder(() -> wall[0]);
        r.observe(new VrrpAction.StateChanged(VrrpState.INIT, VrrpState.BACKUP, "(VI_1) Entering BACKUP STATE"));
        assertThat(r.lastTransitionMicros()).isEqualTo(5_000_000);
        wall[0] = 9_000_000;
        r.observe(new VrrpAction.StateChanged(VrrpState.BACKUP, VrrpState.MASTER, "(VI_1) Entering MASTER STATE"));
        r.observe(new VrrpAction.AddVips());
        r.observe(new VrrpAction.SendAdvert(100));
        r.observe(new VrrpAction.SendAdvert(100));
        assertThat(r.vipSet()).isTrue();
        r.observe(new VrrpAction.StateChanged(VrrpState.MASTER, VrrpState.FAULT, "(VI_1) Entering FAULT STATE"));
        r.observe(new VrrpAction.SendAdvert(0));
        r.observe(new VrrpAction.RemoveVips());
        r.tracker(new VrrpEvent.TrackerChanged("interface eth0", 0, true));
        r.tracker(new VrrpEvent.TrackerChanged("script chk", 2, false));
        r.tracker(new VrrpEvent.TrackerChanged("interface eth0", 0, false));
        assertThat(r.advertsSent()).isEqualTo(3);
        assertThat(r.priorityZeroSent()).isEqualTo(1);
        assertThat(r.becameMaster()).isEqualTo(1);
        assertThat(r.releasedMaster()).isEqualTo(1);
        assertThat(r.lastTransitionMicros()).isEqualTo(9_000_000);
        assertThat(r.vipSet()).isFalse();
        assertThat(r.trackers()).as("the last report per tracker, in first-seen order").containsExactly(
                new TrackerStatus("interface eth0", 0, false), new TrackerStatus("script chk", 2, false));
    }

    /** Whatever the names (instance, interface, tracker, real server), both outputs stay well-formed. */
    @Property(tries = 200)
    void anyNamesGiveValidJsonAndMetrics(@ForAll String name, @ForAll String tracker, @ForAll String server) {
        InstanceStatus base = StatusFormatsTest.backup();
        InstanceStatus s = new InstanceStatus(io.jkeepalived.vrrp.fsm.VrrpInstanceConfig.builder(name, 1).build(),
                name, null, null, List.of(), base.authType(), null, List.of(name), List.of(), VrrpState.INIT, 100, 0,
                null, 100, 0, 0, 0, false, List.of(new TrackerStatus(tracker, 0, false)),
                new InstanceStatus.Counters(0, 0, 0, 0, 0, 0, Map.of()), 0, server);
        DaemonStatus d = new DaemonStatus(0, List.of(s), List.of(new RealServerStatus(server, name, true, 0)));
        MiniJson.validate(StatusJson.format(d));
        MiniJson.validate(JsonDump.format(List.of(s), DumpFacts.NONE));
        for (String line : PrometheusFormat.format(d).split("\n", -1)) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                // one sample per line: a raw newline in a label would break the exposition format
                assertThat(line).matches("(?s)[a-z_]+\\{.*\\} -?[0-9.]+");
            }
        }
    }
}
