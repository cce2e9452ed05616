package io.jkeepalived.daemon;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.daemon.vrrp.VrrpService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The applied-configuration snapshot that {@code reload --dry-run} compares against. */
class ReloadSnapshotTest {
    @TempDir
    Path dir;

    static final String CONFIG = """
            global_defs {
                enable_script_security
                script_user root
            }
            vrrp_script chk {
                script "/bin/true"
                interval 2
            }
            vrrp_instance VI_KEEP {
                interface eth0
                virtual_router_id 51
                priority 150
                advert_int 1
                virtual_ipaddress {
                    198.51.100.10/24 dev eth0 label eth0:1
                }
                track_script {
                    chk weight 10
                }
            }
            vrrp_instance VI_2 {
                interface eth1
                virtual_router_id 52
                virtual_ipaddress {
                    198.51.100.20/32
                }
                virtual_ipaddress_excluded {
                    2001:db8::20/128
                }
            }
            """;

    @Test
    void liesBesideThePidFile() {
        assertThat(ReloadSnapshot.path(Path.of("/run/keepalived.pid")))
                .isEqualTo(Path.of("/run/jkeepalived/keepalived.conf"));
        assertThat(ReloadSnapshot.path(Path.of("/tmp/x/main"))).isEqualTo(Path.of("/tmp/x/jkeepalived/main.conf"));
    }

    @Test
    void theSnapshotReadsBackAsTheSameConfiguration() throws Exception {
        KeepalivedConfig applied = TestConfigs.load(dir, CONFIG);
        Path pid = dir.resolve("keepalived.pid");
        ReloadSnapshot.write(pid, applied);
        Path snapshot = ReloadSnapshot.path(pid);
        assertThat(snapshot).exists();
        KeepalivedConfig back = ConfigLoader.load(new ConfigLoader.Options(snapshot.toString(), null, false,
                TestConfigs.MACHINE, null)).config();
        assertThat(VrrpService.reloadPlan(back, applied)).isEmpty();
        assertThat(VrrpService.reloadPlan(applied, back)).isEmpty();
        ReloadSnapshot.remove(pid);
        assertThat(Files.exists(snapshot)).isFalse();
    }
}
