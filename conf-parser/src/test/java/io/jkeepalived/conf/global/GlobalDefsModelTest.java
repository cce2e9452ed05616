package io.jkeepalived.conf.global;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.ConfigWriter;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.TestMachine;
import io.jkeepalived.conf.model.BfdConfig.BfdInstance;
import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.model.GlobalDefs.FlushOnStop;
import io.jkeepalived.conf.model.GlobalDefs.LvsSyncDaemon;
import io.jkeepalived.conf.model.GlobalDefs.LvsTimeouts;
import io.jkeepalived.conf.model.GlobalDefs.ProcessSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed global settings and bfd_instance blocks, with keepalived 2.2.7's defaults. */
class GlobalDefsModelTest {
    @TempDir
    Path dir;

    private LoadResult load(String text) throws IOException {
        Path f = dir.resolve("k" + System.nanoTime() + ".conf");
        Files.writeString(f, text);
        return ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
    }

    private KeepalivedConfig config(String text) throws IOException {
        KeepalivedConfig c = load(text).config();
        assertThat(c).isNotNull();
        return c;
    }

    @Test
    void defaultsWithoutGlobalDefs() throws IOException {
        GlobalDefs g = config("").global();
        assertThat(g.routerId()).isNull();
        assertThat(g.notification().emails()).isEmpty();
        assertThat(g.notification().emailFrom()).isNull();
        assertThat(g.notification().smtp()).isEqualTo(GlobalDefs.Smtp.NONE);
        assertThat(g.notification().smtp().configured()).isFalse();
        assertThat(g.notification().smtpAlert()).isNull();
        assertThat(g.scripts()).isEqualTo(new GlobalDefs.Scripts(false, null, null));
        assertThat(g.vrrp()).isEqualTo(new GlobalDefs.VrrpDefaults(2, "eth0", "224.0.0.18", "ff02::12", false, false,
                false, false, false, 3, false, false, false, 0));
        assertThat(g.garp()).isEqualTo(GlobalDefs.GarpDefaults.DEFAULT);
        assertThat(g.firewall()).isEqualTo(GlobalDefs.Firewall.NONE);
        assertThat(g.processes()).isEqualTo(new GlobalDefs.Processes(ProcessSettings.DEFAULT, ProcessSettings.DEFAULT,
                ProcessSettings.DEFAULT, 0, null, null, null));
        assertThat(g.lvs()).isEqualTo(new GlobalDefs.Lvs(false, FlushOnStop.NONE, null, LvsTimeouts.UNSET));
        assertThat(g.runtime()).isEqualTo(new GlobalDefs.Runtime(null, null, null, false, false, 5, false));
        assertThat(g.fifos()).isEqualTo(new GlobalDefs.NotifyFifos(GlobalDefs.NotifyFifo.NONE, GlobalDefs.NotifyFifo.NONE,
                GlobalDefs.NotifyFifo.NONE, false));
        assertThat(g.vrrpVersion()).isEqualTo(2);
        assertThat(g.vrrpGarpMasterDelayMicros()).isEqualTo(5_000_000L);
        assertThat(g.smtpConnectTimeoutSeconds()).isEqualTo(30);
    }

    @Test
    void operatorKeywordsAreTyped() throws IOException {
        GlobalDefs g = config("""
                net_namespace blue
                child_wait_time 9
                global_defs {
                    router_id LVS_1
                    notification_email {
                        ops@example.org
                        noc@example.org
                    }
                    notification_email_from lb@example.org
                    smtp_server 198.51.100.25 587
                    smtp_helo_name lb1.example.org
                    smtp_connect_timeout 12
                    smtp_alert
                    smtp_alert_vrrp false
                    enable_script_security
                    script_user nobody
                    max_auto_priority 50
                    vrrp_version 3
                    vrrp_check_unicast_src
                    vrrp_skip_check_adv_addr
                    vrrp_strict
                    vrrp_iptables KA_IN KA_OUT
                    nftables
                    vrrp_garp_master_delay 10
                    vrrp_garp_master_repeat 3
                    vrrp_garp_master_refresh 60
                    vrrp_garp_master_refresh_repeat 2
                    vrrp_garp_lower_prio_delay 7
                    vrrp_garp_lower_prio_repeat 4
                    vrrp_garp_interval 0.001
                    vrrp_gna_interval 0.5
                    vrrp_lower_prio_no_advert
                    vrrp_higher_prio_send_advert true
                    vrrp_down_timer_adverts 5
                    vrrp_priority -10
                    vrrp_no_swap
                    vrrp_rt_priority 150
                    checker_priority 5
                    bfd_rlimit_rttime 1
                    vrrp_mcast_group4 224.0.0.19
                    vrrp_mcast_group6 ff02::13
                    dynamic_interfaces allow_if_changes
                    lvs_sync_daemon eth1 VI_1 id 7 maxlen 1400 port 8848 ttl 2 group 239.1.2.3
                    lvs_timeouts tcp 900 tcpfin 120 udp 300
                    lvs_flush
                    lvs_flush_onstop VS
                    default_interface eth2
                    enable_traps
                    process_names
                    vrrp_process_name ka_vrrp_with_a_long_name
                    vrrp_startup_delay 2.5
                    notify_fifo /run/keepalived.fifo nobody
                    notify_fifo_script "/usr/local/bin/fifo.sh --all"
                    vrrp_notify_fifo /run/vrrp.fifo
                    vrrp_notify_fifo /run/other.fifo
                    fifo_write_vrrp_states_on_reload
                }
                """).global();
        assertThat(g.routerId()).isEqualTo("LVS_1");
        assertThat(g.notification().emails()).containsExactly("ops@example.org", "noc@example.org");
        assertThat(g.notification().emailFrom()).isEqualTo("lb@example.org");
        assertThat(g.notification().smtp()).isEqualTo(new GlobalDefs.Smtp("198.51.100.25", 587, "lb1.example.org", 12));
        assertThat(g.notification().smtpAlert()).isTrue();
        assertThat(g.notification().smtpAlertVrrp()).isFalse();
        assertThat(g.notification().smtpAlertChecker()).isNull();
        assertThat(g.scripts()).isEqualTo(new GlobalDefs.Scripts(true, "nobody", null));
        assertThat(g.vrrp()).isEqualTo(new GlobalDefs.VrrpDefaults(3, "eth2", "224.0.0.19", "ff02::13", true, true, true,
                true, true, 5, false, true, true, 2_500_000L));
        assertThat(g.garp()).isEqualTo(new GlobalDefs.GarpDefaults(10_000_000L, 3, 60_000_000L, 2, 7_000_000L, 4,
                1_000L, 500_000L, false));
        assertThat(g.firewall()).isEqualTo(new GlobalDefs.Firewall("KA_IN", "KA_OUT", "keepalived", null));
        assertThat(g.processes().vrrp()).isEqualTo(new ProcessSettings(-10, true, 99, 10_000L));
        assertThat(g.processes().checker()).isEqualTo(new ProcessSettings(5, false, 0, 10_000L));
        assertThat(g.processes().bfd()).isEqualTo(new ProcessSettings(0, false, 0, 2));
        assertThat(g.processes().maxAutoPriority()).isEqualTo(50);
        assertThat(g.processes().vrrpProcessName()).isEqualTo("ka_vrrp_with_a_");
        assertThat(g.processes().checkerProcessName()).isEqualTo("keepalived_lvs");
        assertThat(g.lvs()).isEqualTo(new GlobalDefs.Lvs(true, FlushOnStop.VS,
                new LvsSyncDaemon("eth1", "VI_1", 7, 1400, 8848, 2, "239.1.2.3"), new LvsTimeouts(900, 120, 300)));
        assertThat(g.runtime()).isEqualTo(new GlobalDefs.Runtime("blue", null, null, true, false, 9, true));
        assertThat(g.fifos()).isEqualTo(new GlobalDefs.NotifyFifos(
                new GlobalDefs.NotifyFifo("/run/keepalived.fifo", "nobody", null, List.of("/usr/local/bin/fifo.sh", "--all")),
                new GlobalDefs.NotifyFifo("/run/vrrp.fifo", null, null, List.of()), GlobalDefs.NotifyFifo.NONE, true));
    }

    @Test
    void rejectedValuesKeepTheDefault() throws IOException {
        GlobalDefs g = config("""
                global_defs {
                    vrrp_garp_interval 0
                    vrrp_garp_master_repeat x
                    vrrp_down_timer_adverts 101
                    vrrp_mcast_group4 198.51.100.1
                    vrrp_mcast_group6 224.0.0.20
                    lvs_sync_daemon eth1 inst VI_2 id 300 port 0
                    lvs_timeouts tcp 99999999 udp 30
                    max_auto_priority 100
                    smtp_server 198.51.100.25 70000
                    vrrp_priority 40
                }
                """).global();
        assertThat(g.garp()).isEqualTo(GlobalDefs.GarpDefaults.DEFAULT);
        assertThat(g.vrrp().downTimerAdverts()).isEqualTo(3);
        assertThat(g.vrrp().mcastGroup4()).isEqualTo("224.0.0.18");
        assertThat(g.vrrp().mcastGroup6()).isEqualTo("ff02::12");
        assertThat(g.lvs().syncDaemon()).isEqualTo(new LvsSyncDaemon("eth1", "VI_2", -1, 0, 0, 0, null));
        assertThat(g.lvs().timeouts()).isEqualTo(new LvsTimeouts(0, 0, 30));
        assertThat(g.processes().maxAutoPriority()).isZero();
        assertThat(g.processes().vrrp().priority()).isZero();
        assertThat(g.notification().smtp().configured()).isFalse();
    }

    @Test
    void minGarpChangesOnlyTheValuesStillAtTheirDefaults() throws IOException {
        GlobalDefs g = config("""
                global_defs {
                    vrrp_garp_master_repeat 2
                    vrrp_min_garp
                }
                """).global();
        assertThat(g.garp()).isEqualTo(new GlobalDefs.GarpDefaults(0, 2, 0, 0, -1, -1, 0, 0, true));
    }

    @Test
    void maxAutoPriorityWithoutValueIsTheRealTimeMaximum() throws IOException {
        assertThat(config("global_defs {\n max_auto_priority\n}\n").global().processes().maxAutoPriority()).isEqualTo(99);
    }

    @Test
    void minAutoPriorityDelayDefaultsToOneSecondAndKeepsItForABadValue() throws IOException {
        assertThat(config("").global().processes().minAutoPriorityDelayMicros()).isEqualTo(1_000_000);
        assertThat(config("global_defs {\n min_auto_priority_delay 2500\n}\n").global().processes()
                .minAutoPriorityDelayMicros()).isEqualTo(2500);
        // keepalived: outside [1, 10000000] is reported and ignored
        assertThat(config("global_defs {\n min_auto_priority_delay 0\n}\n").global().processes()
                .minAutoPriorityDelayMicros()).isEqualTo(1_000_000);
    }

    @Test
    void oldLvsSyncDaemonFormAndFlushOnStop() throws IOException {
        GlobalDefs g = config("""
                global_defs {
                    lvs_sync_daemon eth0 VI_1 12
                    lvs_flush_on_stop
                }
                """).global();
        assertThat(g.lvs().syncDaemon()).isEqualTo(new LvsSyncDaemon("eth0", "VI_1", 12, 0, 0, 0, null));
        assertThat(g.lvs().flushOnStop()).isEqualTo(FlushOnStop.FULL);
    }

    @Test
    void bfdInstancesAreTypedWithDefaults() throws IOException {
        List<BfdInstance> bfd = config("""
                bfd_instance one {
                    neighbor_ip 198.51.100.7
                }
                bfd_instance two {
                    neighbour_ip 2001:db8::7
                    source_ip 2001:db8::1
                    min_rx 50
                    min_tx 20.5
                    idle_tx 2000
                    multiplier 3
                    passive
                    max_hops 200
                    weight -20 reverse
                }
                bfd_instance three {
                    neighbor_ip 198.51.100.7
                    ttl 10
                    max_hops 5
                    min_rx 0
                }
                bfd_instance four {
                    source_ip 198.51.100.1
                }
                """).bfd().instances();
        assertThat(bfd).hasSize(4);
        BfdInstance one = bfd.get(0);
        assertThat(one.name()).isEqualTo("one");
        assertThat(one.neighborIp()).isEqualTo("198.51.100.7");
        assertThat(one.sourceIp()).isNull();
        assertThat(List.of(one.minRxMicros(), one.minTxMicros(), one.idleTxMicros())).containsExactly(10_000L, 10_000L, 1_000_000L);
        assertThat(one.multiplier()).isEqualTo(5);
        assertThat(one.passive()).isFalse();
        assertThat(one.ttl()).isEqualTo(255);
        assertThat(one.maxHops()).isZero();
        assertThat(one.weight()).isZero();
        assertThat(one.enabled()).isTrue();
        BfdInstance two = bfd.get(1);
        assertThat(List.of(two.minRxMicros(), two.minTxMicros(), two.idleTxMicros())).containsExactly(50_000L, 20_500L, 2_000_000L);
        assertThat(two.multiplier()).isEqualTo(3);
        assertThat(two.passive()).isTrue();
        assertThat(two.ttl()).isEqualTo(64);
        assertThat(two.maxHops()).isEqualTo(64);
        assertThat(two.weight()).isEqualTo(-20);
        assertThat(two.weightReverse()).isTrue();
        assertThat(two.enabled()).isTrue();
        BfdInstance three = bfd.get(2);
        assertThat(three.ttl()).isEqualTo(10);
        assertThat(three.maxHops()).isEqualTo(5);
        assertThat(three.minRxMicros()).isEqualTo(10_000L);
        assertThat(three.enabled()).as("same neighbour as 'one'").isFalse();
        assertThat(bfd.get(3).enabled()).as("no neighbour").isFalse();
    }

    @Test
    void printedGlobalsReadBackEqual() throws IOException {
        KeepalivedConfig first = config("""
                global_defs {
                    lvs_sync_daemon eth1 inst VI_1 id 7
                    lvs_timeouts tcp 900
                    vrrp_min_garp
                    vrrp_garp_master_delay 3
                    smtp_server 198.51.100.25
                }
                bfd_instance b {
                    neighbor_ip 198.51.100.9
                    multiplier 4
                }
                """);
        assertThat(config(ConfigWriter.write(first))).isEqualTo(first);
    }

    /** The values typed here are checked while reading with keepalived's messages (the differential test compares them). */
    @Test
    void rejectedValuesAreReportedAsKeepalivedDoes() throws IOException {
        LoadResult r = load("""
                global_defs {
                    lvs_sync_daemon eth1 inst VI_1 ttl 256 group 203.0.113.1
                    lvs_sync_daemon eth2
                    lvs_timeouts tcp
                    vrrp_mcast_group4 198.51.100.1
                    vrrp_mcast_group6 ff05::1
                    vrrp_iptables
                    nftables
                    smtp_server 198.51.100.25 70000
                }
                """);
        List<String> lines = r.diagnostics().stream().filter(d -> !d.notice()).map(d -> d.format()).toList();
        assertThat(lines).containsExactly(
                "(Line 2) number '256' outside range [1, 255]",
                "(Line 2) Invalid lvs_sync_daemon ttl (256) - ignoring",
                "(Line 2) lvs_sync_daemon group address 203.0.113.1 is not multicast - ignoring",
                "(Line 3) lvs_sync_daemon has already been specified as eth1 VI_1 - ignoring",
                "(Line 4) lvs_timeouts requires at least one option",
                "(Line 5) vrrp_mcast_group4 [198.51.100.1] is not multicast. Skipping",
                "(Line 6) vrrp_mcast_group6 [ff05::1] should be link-local multicast.",
                "(Line 7) iptables not supported, using nftables instead. Please replace 'vrrp_iptables and "
                        + "'vrrp_ipsets' with 'nftables' config option",
                "(Line 8) nftables already specified - ignoring",
                "(Line 9) number '70000' outside range [1, 65535]",
                "(Line 9) number '70000' outside range [1, 65535]",
                "(Line 9) Invalid smtp server 198.51.100.25 70000");
        GlobalDefs g = r.config().global();
        assertThat(g.lvs().syncDaemon()).isEqualTo(new LvsSyncDaemon("eth1", "VI_1", -1, 0, 0, 0, null));
        assertThat(g.vrrp().mcastGroup6()).as("accepted with a warning").isEqualTo("ff05::1");
        assertThat(g.firewall().nftablesTable()).isEqualTo("keepalived");
        assertThat(g.notification().smtp().configured()).isFalse();
    }
}
