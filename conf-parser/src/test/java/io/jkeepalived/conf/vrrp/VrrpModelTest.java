package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.TestMachine;
import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.TrackFile;
import io.jkeepalived.conf.model.vrrp.UnicastPeer;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.conf.model.vrrp.VrrpScript;
import io.jkeepalived.conf.model.vrrp.VrrpSyncGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed VRRP model: every vrrp_instance keyword, keepalived 2.2.7's defaults and inheritance. */
class VrrpModelTest {
    private static final long S = 1_000_000L;

    @TempDir
    Path dir;

    private LoadResult load(String text) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
    }

    private VrrpConfig vrrp(String text) throws IOException {
        return load(text).config().vrrp();
    }

    private static final String MINIMAL = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress {
                    198.51.100.10/24
                }
            }
            """;

    @Test
    void defaultsOfAMinimalInstance() throws IOException {
        VrrpInstance i = vrrp(MINIMAL).instances().get(0);
        assertThat(i.state()).isEqualTo(VrrpInstance.State.BACKUP);
        assertThat(i.priority()).isEqualTo(100);
        assertThat(i.advertIntervalMicros()).isEqualTo(S);
        assertThat(i.version()).isEqualTo(2);
        assertThat(i.vrf()).isNull();
        assertThat(i.virtualRoutes()).isEmpty();

        assertThat(i.addressing().peers()).isEmpty();
        assertThat(i.addressing().unicast()).isFalse();
        assertThat(i.addressing().ttl()).isEqualTo(255);
        assertThat(i.addressing().checkUnicastSrc()).isFalse();
        assertThat(i.addressing().mcastDstIp()).isNull();
        assertThat(i.unicastSrcIp()).isNull();

        assertThat(i.tracking().interfaces()).isEmpty();
        assertThat(i.tracking().dontTrackPrimary()).isFalse();

        assertThat(i.notifications().master()).isNull();
        assertThat(i.notifications().smtpAlert()).isFalse();
        assertThat(i.notifications().notifyPriorityChanges()).isFalse();

        // global vrrp_garp_* defaults: 5 s delay, 5 repeats, no refresh; lower-priority values follow them
        assertThat(i.garp().masterDelayMicros()).isEqualTo(5 * S);
        assertThat(i.garp().masterRepeat()).isEqualTo(5);
        assertThat(i.garp().masterRefreshMicros()).isZero();
        assertThat(i.garp().masterRefreshRepeat()).isEqualTo(1);
        assertThat(i.garp().lowerPrioDelayMicros()).isEqualTo(5 * S);
        assertThat(i.garp().lowerPrioRepeat()).isEqualTo(5);
        assertThat(i.garp().extraIfIntervalSeconds()).isEqualTo(-1);

        assertThat(i.vmac().useVmac()).isFalse();

        assertThat(i.options().strictMode()).isFalse();
        assertThat(i.options().accept()).isTrue();
        assertThat(i.options().lowerPrioNoAdvert()).isFalse();
        assertThat(i.options().higherPrioSendAdvert()).isFalse();
        assertThat(i.options().downTimerAdverts()).isEqualTo(3);
        assertThat(i.options().debug()).isZero();
        assertThat(i.options().kernelRxBufSize()).isZero();
    }

    @Test
    void everyInstanceKeywordIsTyped() throws IOException {
        LoadResult r = load("""
                vrrp_script chk_a {
                    script "/bin/true"
                    weight 7 reverse
                }
                track_file tf_1 {
                    file /tmp/jk-track-1
                    weight -3 reverse
                    init_file 12 overwrite
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    advert_int 2
                    unicast_src_ip 203.0.113.1
                    unicast_peer {
                        203.0.113.2 min_ttl 10 max_ttl 200
                        203.0.113.3
                    }
                    unicast_ttl 64
                    track_interface {
                        eth1 weight 20 reverse
                        eth2
                        eth9
                        eth2 weight 5
                    }
                    track_script {
                        chk_a
                    }
                    track_file {
                        tf_1 weight 4 noreverse
                    }
                    dont_track_primary
                    notify_master "/bin/echo master" root
                    notify_backup /bin/echo
                    notify /bin/echo
                    notify_deleted
                    smtp_alert
                    notify_priority_changes
                    garp_master_delay 10
                    garp_master_repeat 3
                    garp_master_refresh 60
                    garp_master_refresh_repeat 2
                    garp_lower_prio_delay 7
                    garp_lower_prio_repeat 9
                    garp_extra_if all 30
                    lower_prio_no_advert
                    higher_prio_send_advert true
                    skip_check_adv_addr
                    no_accept
                    down_timer_adverts 5
                    promote_secondaries
                    debug 2
                    kernel_rx_buf_size 65536
                    use_vmac vrrp51 02:11:22:33:44:55
                    vmac_xmit_base
                    virtual_ipaddress {
                        198.51.100.10/24
                    }
                    virtual_routes {
                        198.51.100.0/25 dev eth0
                    }
                    virtual_rules {
                        from 198.51.100.10 table 100
                    }
                }
                """);
        VrrpInstance i = r.config().vrrp().instances().get(0);
        assertThat(i.state()).isEqualTo(VrrpInstance.State.MASTER);
        assertThat(i.priority()).isEqualTo(150);
        assertThat(i.advertIntervalMicros()).isEqualTo(2 * S);

        assertThat(i.addressing().srcIp()).isEqualTo("203.0.113.1");
        assertThat(i.addressing().peers()).containsExactly(new UnicastPeer("203.0.113.2", 10, 200),
                new UnicastPeer("203.0.113.3", 0, 255));
        assertThat(i.unicastPeers()).containsExactly("203.0.113.2", "203.0.113.3");
        assertThat(i.addressing().ttl()).isEqualTo(64);
        assertThat(i.addressing().checkUnicastSrc()).as("a peer with min_ttl/max_ttl checks sources").isTrue();

        // eth9 does not exist, the second eth2 is a duplicate: keepalived drops both
        assertThat(i.tracking().interfaces()).containsExactly(new Tracked("eth1", 20, true), new Tracked("eth2", 0, false));
        assertThat(i.tracking().scripts()).containsExactly(new Tracked("chk_a", 7, true));
        assertThat(i.tracking().files()).containsExactly(new Tracked("tf_1", 4, false));
        assertThat(i.tracking().dontTrackPrimary()).isTrue();

        assertThat(i.notifications().master().args()).containsExactly("/bin/echo", "master");
        assertThat(i.notifications().master().uid()).isZero();
        assertThat(i.notifications().backup().args()).containsExactly("/bin/echo");
        assertThat(i.notifications().generic().args()).containsExactly("/bin/echo");
        assertThat(i.notifications().fault()).isNull();
        assertThat(i.notifications().notifyDeleted()).isTrue();
        assertThat(i.notifications().deleted()).isNull();
        assertThat(i.notifications().smtpAlert()).isTrue();
        assertThat(i.notifications().notifyPriorityChanges()).isTrue();

        assertThat(i.garp().masterDelayMicros()).isEqualTo(10 * S);
        assertThat(i.garp().masterRepeat()).isEqualTo(3);
        assertThat(i.garp().masterRefreshMicros()).isEqualTo(60 * S);
        assertThat(i.garp().masterRefreshRepeat()).isEqualTo(2);
        assertThat(i.garp().lowerPrioDelayMicros()).isEqualTo(7 * S);
        assertThat(i.garp().lowerPrioRepeat()).isEqualTo(9);
        assertThat(i.garp().extraIfIntervalSeconds()).isEqualTo(30);
        assertThat(i.garp().extraIfAll()).isTrue();

        assertThat(i.options().lowerPrioNoAdvert()).isTrue();
        assertThat(i.options().higherPrioSendAdvert()).isTrue();
        assertThat(i.options().skipCheckAdvAddr()).isTrue();
        assertThat(i.options().accept()).isFalse();
        assertThat(i.options().downTimerAdverts()).isEqualTo(5);
        assertThat(i.options().promoteSecondaries()).isTrue();
        assertThat(i.options().debug()).isEqualTo(2);
        assertThat(i.options().kernelRxBufSize()).isEqualTo(65536);

        assertThat(i.vmac().useVmac()).isTrue();
        assertThat(i.vmac().ifName()).isEqualTo("vrrp51");
        assertThat(i.vmac().mac()).isEqualTo("02:11:22:33:44:55");
        assertThat(i.vmac().xmitBase()).isTrue();

        assertThat(i.virtualRoutes()).containsExactly(List.of("198.51.100.0/25", "dev", "eth0"));
        assertThat(i.virtualRules()).containsExactly(List.of("from", "198.51.100.10", "table", "100"));

        TrackFile tf = r.config().vrrp().trackFiles().get(0);
        assertThat(tf.file()).isEqualTo("/tmp/jk-track-1");
        assertThat(tf.weight()).isEqualTo(-3);
        assertThat(tf.reverse()).isTrue();
        assertThat(tf.initFile()).isTrue();
        assertThat(tf.initValue()).isEqualTo(12);
        assertThat(tf.overwrite()).isTrue();
    }

    @Test
    void strictModeDefaults() throws IOException {
        VrrpInstance i = vrrp(MINIMAL.replace("virtual_router_id 51", "virtual_router_id 51\n    strict_mode"))
                .instances().get(0);
        assertThat(i.options().strictMode()).isTrue();
        assertThat(i.options().accept()).as("no accept unless address owner").isFalse();
        assertThat(i.options().lowerPrioNoAdvert()).isTrue();
        assertThat(i.garp().lowerPrioRepeat()).isZero();
        assertThat(i.garp().lowerPrioDelayMicros()).isZero();
    }

    @Test
    void instanceStrictModeAndOwnerAccept() throws IOException {
        VrrpInstance i = vrrp("""
                vrrp_instance VI_1 {
                    interface eth0
                    state MASTER
                    virtual_router_id 51
                    strict_mode on
                    higher_prio_send_advert
                    priority 255
                    virtual_ipaddress {
                        198.51.100.10/24
                    }
                }
                """).instances().get(0);
        assertThat(i.options().strictMode()).isTrue();
        assertThat(i.options().accept()).isTrue();
        assertThat(i.options().higherPrioSendAdvert()).isFalse();
    }

    @Test
    void valuesKeepalivedRejectsKeepTheDefault() throws IOException {
        LoadResult r = load("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    garp_master_delay 99999
                    garp_master_repeat 0
                    down_timer_adverts 101
                    debug 9
                    smtp_alert maybe
                    unicast_ttl 12
                    virtual_ipaddress {
                        198.51.100.10/24
                    }
                }
                """);
        VrrpInstance i = r.config().vrrp().instances().get(0);
        assertThat(i.garp().masterDelayMicros()).isEqualTo(5 * S);
        assertThat(i.garp().masterRepeat()).as("0 becomes 1").isEqualTo(1);
        assertThat(i.options().downTimerAdverts()).isEqualTo(3);
        assertThat(i.options().debug()).isZero();
        assertThat(i.notifications().smtpAlert()).isFalse();
        assertThat(i.addressing().ttl()).as("unicast_ttl without peers is reset").isZero();
    }

    @Test
    void trackersResolveOnlyObjectsDefinedBefore() throws IOException {
        VrrpConfig v = vrrp("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    track_file {
                        tf_late
                    }
                    track_process {
                        proc_late
                    }
                    virtual_ipaddress {
                        198.51.100.10/24
                    }
                }
                track_file tf_late {
                    file /tmp/jk-late
                }
                track_file tf_nofile {
                    weight 3
                }
                """);
        VrrpInstance i = v.instances().get(0);
        assertThat(i.tracking().files()).isEmpty();
        assertThat(i.tracking().processes()).isEmpty();
        assertThat(v.trackFiles()).extracting(TrackFile::name).containsExactly("tf_late");
    }

    @Test
    void trackProcessIsTypedAndTracked() throws IOException {
        VrrpConfig v = vrrp("""
                vrrp_track_process tp_1 {
                    process /usr/sbin/sshd -D
                    weight 20 reverse
                    quorum 2
                    quorum_max 4
                    delay 1.5
                }
                vrrp_track_process tp_noprocess {
                    weight 3
                }
                """ + MINIMAL.replace("virtual_router_id 51", """
                virtual_router_id 51
                    track_process {
                        tp_1
                        tp_noprocess
                    }"""));
        assertThat(v.trackProcesses()).hasSize(1);
        var p = v.trackProcesses().get(0);
        assertThat(p.process()).isEqualTo("/usr/sbin/sshd");
        assertThat(p.params()).containsExactly("-D");
        assertThat(p.paramMatch()).isEqualTo("exact");
        assertThat(p.fullCommand()).isTrue();
        assertThat(p.weight()).isEqualTo(20);
        assertThat(p.reverse()).isTrue();
        assertThat(p.quorum()).isEqualTo(2);
        assertThat(p.quorumMax()).isEqualTo(4);
        assertThat(p.terminateDelayMicros()).isEqualTo(1_500_000L);
        assertThat(p.forkDelayMicros()).isEqualTo(1_500_000L);
        assertThat(v.instances().get(0).tracking().processes()).containsExactly(new Tracked("tp_1", 20, true));
    }

    @Test
    void syncGroupTrackersAndNotify() throws IOException {
        VrrpConfig v = vrrp("""
                vrrp_script chk_a {
                    script "/bin/true"
                    weight 5
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        198.51.100.10/24
                    }
                }
                vrrp_instance VI_2 {
                    interface eth1
                    virtual_router_id 52
                    virtual_ipaddress {
                        198.51.100.11/24
                    }
                }
                vrrp_sync_group G1 {
                    group {
                        VI_1
                        VI_2
                    }
                    track_interface {
                        eth3 weight -10
                    }
                    track_script {
                        chk_a weight 254
                        chk_none
                    }
                    notify_master "/bin/echo g" root
                    notify_priority_changes yes
                    sync_group_tracking_weight
                }
                """);
        VrrpSyncGroup g = v.syncGroups().get(0);
        assertThat(g.members()).containsExactly("VI_1", "VI_2");
        assertThat(g.tracking().interfaces()).containsExactly(new Tracked("eth3", -10, false));
        assertThat(g.tracking().scripts()).containsExactly(new Tracked("chk_a", 253, false));
        assertThat(g.notifications().master().args()).containsExactly("/bin/echo", "g");
        assertThat(g.notifications().notifyPriorityChanges()).isTrue();
        assertThat(g.trackingWeight()).isTrue();
        // members inherit the group's notify_priority_changes
        assertThat(v.instances()).allSatisfy(i -> assertThat(i.notifications().notifyPriorityChanges()).isTrue());
    }

    @Test
    void vrrpScriptDefaultsAndOptions() throws IOException {
        VrrpConfig v = vrrp("""
                vrrp_script chk_a {
                    script "/bin/true"
                    interval 3
                    user nobody
                    init_fail
                }
                vrrp_script chk_b {
                    script "/bin/true"
                    timeout 2
                }
                """ + MINIMAL);
        VrrpScript a = v.scripts().get(0);
        assertThat(a.intervalMicros()).isEqualTo(3 * S);
        assertThat(a.timeoutMicros()).as("timeout defaults to the interval").isEqualTo(3 * S);
        assertThat(a.weight()).isZero();
        assertThat(a.rise()).isEqualTo(1);
        assertThat(a.fall()).isEqualTo(1);
        assertThat(a.user()).isEqualTo("nobody");
        assertThat(a.initFail()).isTrue();
        VrrpScript b = v.scripts().get(1);
        assertThat(b.intervalMicros()).isEqualTo(S);
        assertThat(b.timeoutMicros()).isEqualTo(2 * S);
        assertThat(b.user()).isNull();
        assertThat(b.initFail()).isFalse();
    }

    @Test
    void typedValuesAddNoDiagnostics() throws IOException {
        LoadResult plain = load(MINIMAL);
        LoadResult rich = load(MINIMAL.replace("virtual_router_id 51", """
                virtual_router_id 51
                    garp_master_delay 3
                    lower_prio_no_advert yes
                    track_interface {
                        eth1 weight 10
                    }
                    use_vmac
                    accept"""));
        assertThat(rich.diagnostics()).isEqualTo(plain.diagnostics());
        assertThat(rich.exitCode()).isEqualTo(plain.exitCode());
    }

    @Test
    void ipvlan() throws IOException {
        VrrpInstance i = vrrp(MINIMAL.replace("virtual_router_id 51",
                "virtual_router_id 51\n    use_ipvlan ipv1 198.51.100.50/24 private vepa")).instances().get(0);
        assertThat(i.vmac().useIpvlan()).isTrue();
        assertThat(i.vmac().useVmac()).isFalse();
        assertThat(i.vmac().ifName()).isEqualTo("ipv1");
        assertThat(i.vmac().ipvlanAddress()).isEqualTo("198.51.100.50/24");
        assertThat(i.vmac().ipvlanMode()).as("the first type wins").isEqualTo("private");
    }

    @Test
    void mcastDestinationOnlyForMulticast() throws IOException {
        VrrpInstance i = vrrp(MINIMAL.replace("virtual_router_id 51", """
                virtual_router_id 51
                    mcast_dst_ip 224.0.0.99
                    track_src_ip""")).instances().get(0);
        assertThat(i.addressing().mcastDstIp()).isEqualTo("224.0.0.99");
        assertThat(i.addressing().trackSrcIp()).isTrue();
        VrrpInstance notMulticast = vrrp(MINIMAL.replace("virtual_router_id 51", """
                virtual_router_id 51
                    mcast_dst_ip 198.51.100.99""")).instances().get(0);
        assertThat(notMulticast.addressing().mcastDstIp()).isNull();
    }
}
