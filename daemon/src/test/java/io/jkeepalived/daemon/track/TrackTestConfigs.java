package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.parser.SystemInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Loads a configuration as the daemon would, on a made-up machine with eth0..eth9. */
final class TrackTestConfigs {
    private static final SystemInfo MACHINE = new SystemInfo() {
        @Override
        public Optional<Interface> findInterface(String name) {
            return name.matches("eth[0-9]") ? Optional.of(new Interface(name, 2 + name.charAt(3) - '0', false, true))
                    : Optional.empty();
        }

        @Override
        public Optional<Integer> userId(String user) {
            return user.equals("root") ? Optional.of(0) : Optional.empty();
        }

        @Override
        public Optional<Integer> userGroup(String user) {
            return userId(user);
        }

        @Override
        public Optional<Integer> groupId(String group) {
            return userId(group);
        }

        @Override
        public String hostname() {
            return "lab";
        }
    };

    private TrackTestConfigs() {
    }

    static VrrpConfig load(Path dir, String config) throws Exception {
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, config);
        LoadResult r = ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, false, MACHINE, null));
        return r.config().vrrp();
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
