package io.jkeepalived.daemon.track;

import io.jkeepalived.daemon.TestConfigs;
import io.jkeepalived.conf.model.VrrpConfig;

import java.nio.file.Path;

/** Configurations for the tracker tests, loaded through {@link TestConfigs}. */
final class TrackTestConfigs {
    private TrackTestConfigs() {
    }

    static VrrpConfig load(Path dir, String config) throws Exception {
        return TestConfigs.load(dir, config).vrrp();
    }

    /** Two instances on eth0 tracking one script, the first with a weight of its own. */
    static final String TWO_INSTANCES = """
            global_defs {
                enable_script_security
                script_user root
            }
            vrrp_script chk {
                script "/bin/true"
                interval 2
                rise 1
                fall 2
            }
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 51
                priority 150
                advert_int 1
                virtual_ipaddress {
                    198.51.100.100/24
                }
                track_script {
                    chk weight -2
                }
                track_interface {
                    eth1 weight 10
                    eth2 weight -5 reverse
                }
            }
            vrrp_instance VI_2 {
                state BACKUP
                interface eth0
                virtual_router_id 52
                priority 100
                advert_int 1
                dont_track_primary
                virtual_ipaddress {
                    198.51.100.101/24
                }
                track_script {
                    chk
                }
            }
            """;
}
