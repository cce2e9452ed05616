package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.vrrp.Tracked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TrackPlanTest {
    @TempDir
    Path dir;

    @Test
    void scriptUsersKeepTheirOwnWeights() throws Exception {
        TrackPlan plan = TrackPlan.of(TrackTestConfigs.load(dir, TrackTestConfigs.TWO_INSTANCES));
        assertThat(plan.scripts()).containsOnlyKeys("chk");
        TrackPlan.ScriptBinding chk = plan.scripts().get("chk");
        assertThat(chk.script().intervalMicros()).isEqualTo(2_000_000);
        assertThat(chk.users()).containsExactly(
                new TrackPlan.Binding("VI_1", new Tracked("chk", -2, false)),
                new TrackPlan.Binding("VI_2", new Tracked("chk", 0, false)));
    }

    @Test
    void ownInterfaceIsTrackedWithWeightZeroUnlessDontTrackPrimary() throws Exception {
        TrackPlan plan = TrackPlan.of(TrackTestConfigs.load(dir, TrackTestConfigs.TWO_INSTANCES));
        assertThat(plan.interfaces()).containsOnlyKeys("eth0", "eth1", "eth2");
        assertThat(plan.interfaces().get("eth0")).containsExactly(
                new TrackPlan.Binding("VI_1", new Tracked("eth0", 0, false)));
        assertThat(plan.interfaces().get("eth1")).containsExactly(
                new TrackPlan.Binding("VI_1", new Tracked("eth1", 10, false)));
        assertThat(plan.interfaces().get("eth2")).containsExactly(
                new TrackPlan.Binding("VI_1", new Tracked("eth2", -5, true)));
    }

    @Test
    void untrackedScriptsAreNotRun() throws Exception {
        String conf = TrackTestConfigs.TWO_INSTANCES.replace("    track_script {\n        chk\n    }\n", "")
                .replace("    track_script {\n        chk weight -2\n    }\n", "");
        TrackPlan plan = TrackPlan.of(TrackTestConfigs.load(dir, conf));
        assertThat(plan.scripts()).isEmpty();
    }
}
