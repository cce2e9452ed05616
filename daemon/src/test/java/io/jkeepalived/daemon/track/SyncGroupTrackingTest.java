package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.Tracking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SyncGroupTrackingTest {
    @TempDir
    Path dir;

    static final String CONFIG = """
            global_defs {
                enable_script_security
                script_user root
            }
            vrrp_script chk {
                script "/bin/true"
            }
            vrrp_script grp {
                script "/bin/true"
            }
            track_file flag {
                file /run/flag
            }
            track_file five {
                file /run/five
                weight 5
            }
            vrrp_sync_group G {
                group {
                    VI_1
                    VI_2
                }
                track_script {
                    grp weight 10
                }
                %s
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 100
                virtual_ipaddress {
                    198.51.100.100/24
                }
                track_interface {
                    eth3 weight -20
                    eth4
                }
                track_script {
                    chk weight 5
                }
                track_file {
                    flag
                    five
                }
            }
            vrrp_instance VI_2 {
                interface eth1
                virtual_router_id 52
                priority 100
                virtual_ipaddress {
                    198.51.100.101/24
                }
            }
            vrrp_instance VI_3 {
                interface eth2
                virtual_router_id 53
                priority 100
                virtual_ipaddress {
                    198.51.100.102/24
                }
                track_script {
                    chk weight 5
                }
            }
            """;

    @Test
    void membersWeightsAreIgnoredByTheParserWithKeepalivedsLinesAndTheGroupsTrackersAdded() throws Exception {
        VrrpConfig c = TrackTestConfigs.load(dir, CONFIG.formatted(""));
        VrrpConfig r = SyncGroupTracking.apply(c);
        Tracking t1 = r.instances().get(0).tracking();
        assertThat(t1.interfaces()).containsExactly(new Tracked("eth3", 0, false), new Tracked("eth4", 0, false));
        assertThat(t1.scripts()).containsExactly(new Tracked("grp", 10, false));
        assertThat(t1.files()).containsExactly(new Tracked("flag", 0, false));
        assertThat(r.instances().get(1).tracking().scripts()).containsExactly(new Tracked("grp", 10, false));
        // not in a group: untouched
        assertThat(r.instances().get(2)).isEqualTo(c.instances().get(2));
    }

    @Test
    void syncGroupTrackingWeightKeepsTheMembersWeights() throws Exception {
        VrrpConfig c = TrackTestConfigs.load(dir, CONFIG.formatted("sync_group_tracking_weight"));
        VrrpConfig r = SyncGroupTracking.apply(c);
        assertThat(r.instances().get(0).tracking().scripts())
                .containsExactly(new Tracked("chk", 5, false), new Tracked("grp", 10, false));
    }

    @Test
    void withoutGroupsTheConfigIsReturnedAsIs() throws Exception {
        VrrpConfig c = TrackTestConfigs.load(dir, TrackTestConfigs.TWO_INSTANCES);
        assertThat(SyncGroupTracking.apply(c)).isSameAs(c);
    }
}
