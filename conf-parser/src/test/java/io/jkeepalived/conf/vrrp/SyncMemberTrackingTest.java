package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.TestMachine;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.Tracking;
import io.jkeepalived.conf.parser.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** keepalived 2.2.7's handling of a sync-group member's weighted trackers (vrrp_complete_instance). */
class SyncMemberTrackingTest {
    @TempDir
    Path dir;

    static final String CONFIG = """
            global_defs {
                enable_script_security
                script_user root
            }
            vrrp_script chk {
                script "/bin/true"
                weight 10
            }
            track_file flag {
                file /run/flag
            }
            track_file five {
                file /run/five
                weight 5
            }
            vrrp_track_process web {
                process nginx
                weight 3
            }
            vrrp_sync_group G {
                group {
                    VI_1
                    VI_2
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
                    eth2
                }
                track_script {
                    chk
                }
                track_file {
                    flag
                    five
                }
                track_process {
                    web
                }
            }
            vrrp_instance VI_2 {
                interface eth1
                virtual_router_id 52
                priority 100
                virtual_ipaddress {
                    198.51.100.101/24
                }
                track_script {
                    chk weight 0
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
                    chk
                }
            }
            """;

    private LoadResult load(String text, boolean configTest) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, configTest, TestMachine.INSTANCE, null));
    }

    @Test
    void membersWeightedTrackersAreSetAsideWithKeepalivedsErrors() throws IOException {
        LoadResult r = load(CONFIG.formatted(""), true);
        assertThat(r.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "(VI_1) ignoring eth3 tracked interface weight due to SYNC group",
                "(VI_1) ignoring tracked script chk with weights due to SYNC group",
                "(VI_1) ignoring weight from tracked file flag due to SYNC group. specify weight 0",
                "(VI_1) ignoring tracked file five with weight 5 due to SYNC group");
        Tracking t = r.config().vrrp().instances().get(0).tracking();
        assertThat(t.interfaces()).containsExactly(new Tracked("eth3", 0, false), new Tracked("eth2", 0, false));
        assertThat(t.scripts()).isEmpty();
        assertThat(t.files()).containsExactly(new Tracked("flag", 0, false));
        assertThat(t.processes()).containsExactly(new Tracked("web", 3, false)); // 2.2.7 leaves processes alone
        assertThat(r.config().vrrp().instances().get(1).tracking().scripts()).containsExactly(new Tracked("chk", 0, false));
        assertThat(r.config().vrrp().instances().get(2).tracking().scripts()).containsExactly(new Tracked("chk", 10, false));
    }

    @Test
    void syncGroupTrackingWeightKeepsThem() throws IOException {
        LoadResult r = load(CONFIG.formatted("sync_group_tracking_weight"), true);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.config().vrrp().instances().get(0).tracking().scripts()).containsExactly(new Tracked("chk", 10, false));
    }
}
