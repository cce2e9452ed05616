package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.daemon.TestConfigs;
import io.jkeepalived.vrrp.garp.GarpPacer;
import io.jkeepalived.vrrp.garp.GarpPacer.Announcement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The pacer the daemon builds from garp_group and vrrp_garp_interval / vrrp_gna_interval. */
class GarpPacingTest {
    private static final String INSTANCE = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 100
                virtual_ipaddress {
                    198.51.100.100/24
                }
            }
            """;

    @TempDir
    Path dir;

    private final long[] now = {0};

    private GarpPacer pacer(String config) throws Exception {
        return GarpPacing.pacer(TestConfigs.load(dir, config + INSTANCE), () -> now[0]);
    }

    /** When the second of two back-to-back messages on {@code ifname} may go, in ms after the first; 0 = at once. */
    private static long spacingMillis(GarpPacer p, String ifname, boolean ipv6) {
        p.offer(new Announcement(0, 0, ifname, ipv6));
        if (p.offer(new Announcement(0, 1, ifname, ipv6))) {
            return 0;
        }
        return p.nextWakeupNanos().getAsLong() / 1_000_000;
    }

    @Test
    void nothingConfiguredSpacesNothing() throws Exception {
        assertThat(spacingMillis(pacer(""), "eth0", false)).isZero();
        assertThat(spacingMillis(pacer(""), "eth0", true)).isZero();
    }

    @Test
    void globalIntervalsApplyToEveryInterface() throws Exception {
        String g = "global_defs {\n vrrp_garp_interval 0.25\n vrrp_gna_interval 0.05\n}\n";
        assertThat(spacingMillis(pacer(g), "eth0", false)).isEqualTo(250);
        assertThat(spacingMillis(pacer(g), "eth3", true)).isEqualTo(50);
    }

    @Test
    void aGarpGroupSetsItsInterfacesApart() throws Exception {
        String g = """
                global_defs {
                    vrrp_garp_interval 1
                }
                garp_group {
                    garp_interval 0.02
                    interfaces {
                        eth1
                        eth2
                    }
                }
                """;
        GarpPacer p = pacer(g);
        assertThat(p.offer(new Announcement(0, 0, "eth1", false))).isTrue();
        assertThat(p.offer(new Announcement(0, 1, "eth2", false))).as("one spacing for the group").isFalse();
        assertThat(p.nextWakeupNanos().getAsLong()).isEqualTo(20_000_000L);
        assertThat(spacingMillis(pacer(g), "eth0", false)).as("outside the group: the global value").isEqualTo(1000);
    }
}
