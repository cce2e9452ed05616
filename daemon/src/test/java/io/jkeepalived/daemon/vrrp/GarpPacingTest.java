package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.daemon.TestConfigs;
import io.jkeepalived.vrrp.garp.GarpPacer;
import io.jkeepalived.vrrp.garp.GarpPacer.Announcement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

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

    private java.time.Duration extraIf(String global, String instanceLine, String vipDev) throws Exception {
        String config = "global_defs {\n" + global + "\n}\nvrrp_instance VI_1 {\n    interface eth0\n"
                + "    virtual_router_id 51\n    priority 100\n" + instanceLine + "\n"
                + "    virtual_ipaddress {\n        198.51.100.100/24\n        198.51.100.101/24 dev " + vipDev
                + "\n    }\n}\n";
        List<InstancePlan> plans = VrrpPlanner.plan(TestConfigs.load(dir, config),
                (ifname, v6) -> VrrpPlanner.literal("198.51.100.1"));
        return plans.get(0).fsm().garpExtraIf();
    }

    @Test
    void garpExtraIfNeedsAllAndAVipOnAnotherInterface() throws Exception {
        assertThat(extraIf("", "    garp_extra_if all 7", "eth1")).isEqualTo(java.time.Duration.ofSeconds(7));
        assertThat(extraIf("", "    garp_extra_if 7", "eth1")).as("without all: VMACs only").isZero();
        assertThat(extraIf("", "    garp_extra_if all 7", "eth0")).as("no other interface").isZero();
        assertThat(extraIf("", "", "eth1")).as("not configured").isZero();
    }

    @Test
    void garpExtraIfFallsBackToTheGlobalValue() throws Exception {
        assertThat(extraIf("    vrrp_garp_extra_if all 30", "", "eth1")).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(extraIf("    vrrp_garp_extra_if 30", "    garp_extra_if all 0", "eth1"))
                .as("the instance's 0 turns it off").isZero();
        assertThat(extraIf("    vrrp_garp_extra_if all 30", "    garp_extra_if 5", "eth1"))
                .as("an instance time takes nothing from the global line, not even its all").isZero();
    }

    @Test
    void globalExtraIfFollowsKeepalivedsHandler() {
        java.util.function.Function<String, GarpPacing.ExtraIf> read = line -> GarpPacing.globalExtraIf(List.of(
                new io.jkeepalived.conf.model.Setting("vrrp_garp_extra_if", List.of(line.split(" ")), false, List.of(),
                        List.of())));
        assertThat(read.apply("all 10")).isEqualTo(new GarpPacing.ExtraIf(10, true));
        assertThat(read.apply("10")).isEqualTo(new GarpPacing.ExtraIf(10, false));
        assertThat(read.apply("all 0")).as("out of range: time dropped, all kept").isEqualTo(new GarpPacing.ExtraIf(0, true));
        assertThat(read.apply("all")).isEqualTo(new GarpPacing.ExtraIf(0, true));
        assertThat(read.apply("86401")).isEqualTo(new GarpPacing.ExtraIf(0, false));
    }
}
