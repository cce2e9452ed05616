package io.jkeepalived.daemon.track;

import io.jkeepalived.vrrp.fsm.VrrpAction;
import io.jkeepalived.vrrp.fsm.VrrpEvent;
import io.jkeepalived.vrrp.fsm.VrrpInstanceConfig;
import io.jkeepalived.vrrp.fsm.VrrpState;
import io.jkeepalived.vrrp.fsm.VrrpStateMachine;
import io.jkeepalived.vrrp.fsm.VrrpStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Script results through the tracker into real state machines, with a fake runner and a fake clock: the path the
 * daemon takes, minus the threads and processes.
 */
class ScriptTrackerTest {
    @TempDir
    Path dir;

    private final Deque<ScriptOutcome> outcomes = new ArrayDeque<>();
    private final List<Duration> timeouts = new ArrayList<>();
    private final long[] clock = {1_000_000_000L};
    private final Map<String, VrrpStateMachine> fsms = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private ScriptTracker tracker;

    @BeforeEach
    void setUp() throws Exception {
        ScriptRunner fake = (script, timeout, output) -> {
            timeouts.add(timeout);
            return outcomes.removeFirst();
        };
        tracker = new ScriptTracker(TrackPlan.of(TrackTestConfigs.load(dir, TrackTestConfigs.TWO_INSTANCES)), fake,
                this::deliver);
        fsms.put("VI_1", fsm("VI_1", 51, 150, VrrpState.MASTER));
        fsms.put("VI_2", fsm("VI_2", 52, 100, VrrpState.BACKUP));
        tracker.initial(this::deliver);
        fsms.values().forEach(f -> record(f.handle(new VrrpEvent.Start())));
    }

    private VrrpStateMachine fsm(String name, int vrid, int priority, VrrpState initial) throws Exception {
        return new VrrpStateMachine(VrrpInstanceConfig.builder(name, vrid).priority(priority).initialState(initial)
                .advertIntervalCentis(100).primaryAddress(InetAddress.getByName("198.51.100.1")).build(),
                () -> clock[0]);
    }

    private void deliver(String instance, VrrpEvent.TrackerChanged change) {
        record(fsms.get(instance).handle(change));
    }

    private void record(VrrpStep step) {
        for (VrrpAction a : step.actions()) {
            if (a instanceof VrrpAction.Log l) {
                log.add(l.line());
            } else if (a instanceof VrrpAction.StateChanged c && !c.logLine().isEmpty()) {
                log.add(c.logLine());
            }
        }
    }

    private void run(ScriptOutcome o) {
        outcomes.add(o);
        tracker.runOnce(tracker.scripts().get(0));
        clock[0] += 2_000_000_000L;
    }

    @Test
    void weightZeroHoldsTheInstanceInFaultUntilTheFirstSuccess() {
        assertThat(fsms.get("VI_2").state()).isEqualTo(VrrpState.FAULT);
        assertThat(fsms.get("VI_1").state()).isEqualTo(VrrpState.BACKUP);
        run(new ScriptOutcome.Exited(0));
        assertThat(fsms.get("VI_2").state()).isEqualTo(VrrpState.BACKUP);
        assertThat(log).contains("(VI_2) Entering BACKUP STATE");
        assertThat(fsms.get("VI_1").effectivePriority()).isEqualTo(150);
        assertThat(timeouts).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void fallFailuresLowerOneAndFaultTheOther() {
        run(new ScriptOutcome.Exited(0));
        log.clear();
        run(new ScriptOutcome.Exited(1));
        assertThat(fsms.get("VI_1").effectivePriority()).as("fall 2: one failure is not enough").isEqualTo(150);
        assertThat(fsms.get("VI_2").state()).isEqualTo(VrrpState.BACKUP);
        run(new ScriptOutcome.Exited(1));
        assertThat(fsms.get("VI_1").effectivePriority()).isEqualTo(148);
        assertThat(log).contains("(VI_1) Changing effective priority from 150 to 148", "(VI_2) Entering FAULT STATE");
        assertThat(fsms.get("VI_2").state()).isEqualTo(VrrpState.FAULT);
        run(new ScriptOutcome.Exited(0));
        assertThat(fsms.get("VI_1").effectivePriority()).as("rise 1").isEqualTo(150);
        assertThat(fsms.get("VI_2").state()).isEqualTo(VrrpState.BACKUP);
        assertThat(log).contains("(VI_1) Changing effective priority from 148 to 150");
    }

    @Test
    void aFirstFailureCountsAtOnce() {
        run(new ScriptOutcome.TimedOut());
        assertThat(fsms.get("VI_1").effectivePriority()).isEqualTo(148);
        assertThat(fsms.get("VI_2").state()).isEqualTo(VrrpState.FAULT);
    }

    @Test
    void aScriptThatCannotStartChangesNothing() {
        run(new ScriptOutcome.NotStarted("No such file"));
        assertThat(fsms.get("VI_2").state()).isEqualTo(VrrpState.FAULT);
        assertThat(fsms.get("VI_1").effectivePriority()).isEqualTo(150);
    }
}
