package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.ipvs.ForwardingMethod;
import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.ServiceFlag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class LvsReconcilerTest {
    /** The table as "service: dest weight, ..." lines, sorted, for readable assertions. */
    static Map<String, String> view(IpvsTable t) {
        Map<String, String> out = new TreeMap<>();
        t.services().forEach((k, e) -> out.put(IpvsChange.describe(e.service()), e.destinations().values().stream()
                .map(IpvsChange::describe).sorted().collect(Collectors.joining(", "))));
        return out;
    }

    private static final String TWO = """
            virtual_server 198.51.100.10 80 {
                lvs_sched rr
                lvs_method NAT
                protocol TCP
                real_server 203.0.113.2 8080 {
                    weight 3
                    uthreshold 100
                    lthreshold 10
                    TCP_CHECK {
                    }
                }
                real_server 203.0.113.3 {
                    lvs_method DR
                    inhibit_on_failure
                    TCP_CHECK {
                    }
                }
            }
            """;

    @Test
    void startAddsTheServiceAndEveryRealServerWithKeepalivedsPortsWeightsAndThresholds() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan(TWO));
        assertThat(view(r.desired())).containsExactly(Map.entry("TCP 198.51.100.10:80 rr",
                "203.0.113.2:8080 Masq weight 3 thresholds 100/10, 203.0.113.3:80 Route weight 1"));
        assertThat(r.drainNotices()).extracting(LvsReconciler.Notice::logLine)
                .containsExactly("Gained quorum 1+0=1 <= 4 for VS [198.51.100.10]:tcp:80");
    }

    @Test
    void aFailedServerIsRemovedOrWithInhibitOnFailureWeightedZeroAndComesBack() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan(TWO));
        r.drainNotices();
        r.verdict(0, 0, false, 3);
        r.verdict(0, 1, false, 1);
        assertThat(view(r.desired())).containsExactly(Map.entry("TCP 198.51.100.10:80 rr", "203.0.113.3:80 Route weight 0"));
        assertThat(r.drainNotices()).extracting(LvsReconciler.Notice::logLine).containsExactly(
                "Removing service [203.0.113.2]:tcp:8080 from VS [198.51.100.10]:tcp:80",
                "Disabling service [203.0.113.3]:tcp:80 of VS [198.51.100.10]:tcp:80",
                "Lost quorum 1-0=1 > 0 for VS [198.51.100.10]:tcp:80");
        r.verdict(0, 1, true, 1);
        r.verdict(0, 0, true, 3);
        assertThat(view(r.desired())).containsExactly(Map.entry("TCP 198.51.100.10:80 rr",
                "203.0.113.2:8080 Masq weight 3 thresholds 100/10, 203.0.113.3:80 Route weight 1"));
    }

    @Test
    void theSorryServerStandsInWhileQuorumIsLostWithHysteresisAndTheScriptsRun() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan("""
                virtual_server 198.51.100.10 443 {
                    protocol TCP
                    lvs_sched wlc
                    lvs_method DR
                    quorum 4
                    hysteresis 1
                    quorum_up "/bin/true up"
                    quorum_down "/bin/true down"
                    sorry_server 203.0.113.9 443
                    real_server 203.0.113.2 443 {
                        weight 2
                    }
                    real_server 203.0.113.3 443 {
                        weight 2
                    }
                    real_server 203.0.113.4 443 {
                        weight 1
                    }
                }
                """));
        assertThat(view(r.desired()).values()).containsExactly(
                "203.0.113.2:443 Route weight 2, 203.0.113.3:443 Route weight 2, 203.0.113.4:443 Route weight 1");
        assertThat(r.drainNotices()).extracting(n -> n.script() == null ? null : n.script().commandLine()).contains("/bin/true up");
        r.verdict(0, 2, false, 1);   // 4 left: not below quorum - hysteresis = 3
        assertThat(r.quorumUp(0)).isTrue();
        r.verdict(0, 1, false, 2);   // 2 < 3: lost, the sorry server alone
        assertThat(view(r.desired()).values()).containsExactly("203.0.113.9:443 Route weight 1");
        assertThat(r.drainNotices()).extracting(n -> n.script() == null ? null : n.script().commandLine()).contains("/bin/true down");
        r.verdict(0, 1, true, 2);    // 4 < quorum + hysteresis = 5: still lost, nothing added
        assertThat(view(r.desired()).values()).containsExactly("203.0.113.9:443 Route weight 1");
        r.verdict(0, 2, true, 1);    // 5: gained, the sorry server goes, the alive servers come back
        assertThat(view(r.desired()).values()).containsExactly(
                "203.0.113.2:443 Route weight 2, 203.0.113.3:443 Route weight 2, 203.0.113.4:443 Route weight 1");
    }

    @Test
    void alphaStartsCheckedServersDownAndTheSorryServerIn() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan("""
                virtual_server fwmark 7 {
                    lvs_sched sh
                    sh-port
                    lvs_method DR
                    alpha
                    persistence_timeout 600
                    sorry_server 203.0.113.9 80
                    sorry_server_inhibit
                    real_server 203.0.113.2 80 {
                        TCP_CHECK {
                            connect_port 80
                        }
                    }
                    real_server 203.0.113.3 80 {
                    }
                }
                """));
        IpvsServiceKey fwm7 = IpvsServiceKey.fwmark(io.jkeepalived.ipvs.AddressFamily.INET, 7);
        IpvsService s = r.desired().get(fwm7).service();
        assertThat(s.flags()).containsExactlyInAnyOrder(ServiceFlag.SCHED2, ServiceFlag.PERSISTENT);
        assertThat(s.timeout()).isEqualTo(600);
        // 203.0.113.3 has no checker: alive; quorum 1 met, the inhibited sorry server in at weight 0
        assertThat(view(r.desired()).values()).containsExactly("203.0.113.3:0 Route weight 1, 203.0.113.9:0 Route weight 0");
        r.verdict(0, 1, false, 1);
        assertThat(view(r.desired()).values()).containsExactly("203.0.113.9:0 Route weight 1");
        r.verdict(0, 0, true, 1);
        assertThat(view(r.desired()).values()).containsExactly("203.0.113.2:0 Route weight 1, 203.0.113.9:0 Route weight 0");
    }

    @Test
    void aGroupIsOneServicePerAddressPortAndMarkWithoutGranularity() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan("""
                virtual_server_group web {
                    198.51.100.10-12 80
                    198.51.100.20 8080
                    fwmark 9
                }
                virtual_server group web {
                    protocol TCP
                    lvs_sched rr
                    lvs_method DR
                    persistence_timeout 60
                    persistence_granularity 255.255.255.0
                    real_server 203.0.113.2 {
                    }
                }
                """));
        assertThat(view(r.desired())).containsOnlyKeys("TCP 198.51.100.10:80 rr persistent 60 mask /32",
                "TCP 198.51.100.11:80 rr persistent 60 mask /32", "TCP 198.51.100.12:80 rr persistent 60 mask /32",
                "TCP 198.51.100.20:8080 rr persistent 60 mask /32", "FWM 9 rr persistent 60 mask /32");
        assertThat(view(r.desired())).containsEntry("TCP 198.51.100.20:8080 rr persistent 60 mask /32", "203.0.113.2:8080 Route weight 1")
                .containsEntry("FWM 9 rr persistent 60 mask /32", "203.0.113.2:0 Route weight 1");
    }

    @Test
    void granularityTunnelsAndOnePacketScheduling() throws Exception {
        List<VirtualServerPlan> plans = Configs.plan("""
                virtual_server 198.51.100.10 53 {
                    protocol UDP
                    lvs_sched wrr
                    ops
                    persistence_timeout 300
                    persistence_granularity 255.255.255.0
                    persistence_engine sip
                    lvs_method TUN type gue port 6080 csum
                    real_server 203.0.113.2 53 {
                    }
                    real_server 203.0.113.3 53 {
                        lvs_method TUN type gre
                    }
                }
                """);
        IpvsService s = plans.get(0).services().get(0);
        assertThat(s.flags()).containsExactlyInAnyOrder(ServiceFlag.ONE_PACKET, ServiceFlag.PERSISTENT);
        assertThat(s.netmask()).isEqualTo(24);
        assertThat(s.peName()).isEqualTo("sip");
        assertThat(view(LvsReconciler.start(plans).desired()).values()).containsExactly(
                "203.0.113.2:53 Tunnel weight 1 gue port 6080 csum, 203.0.113.3:53 Tunnel weight 1 gre nocsum");
    }

    @Test
    void stopRemovesEverythingAndOmegaRunsTheDownScripts() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan("""
                virtual_server 198.51.100.10 80 {
                    protocol TCP
                    omega
                    quorum_down "/bin/true qdown"
                    real_server 203.0.113.2 80 {
                        notify_down "/bin/true rsdown"
                    }
                }
                """));
        r.drainNotices();
        r.stop();
        assertThat(r.desired().isEmpty()).isTrue();
        assertThat(r.drainNotices()).extracting(n -> n.script() == null ? null : n.script().commandLine())
                .containsExactly("/bin/true rsdown", "/bin/true qdown");
    }

    @Test
    void reconfigureKeepsStateOfServersStillConfiguredAndDropsTheRest() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan(TWO));
        r.verdict(0, 0, false, 3);
        r.reconfigure(Configs.plan("""
                virtual_server 198.51.100.10 80 {
                    lvs_sched wlc
                    protocol TCP
                    real_server 203.0.113.2 8080 {
                        weight 3
                        TCP_CHECK {
                        }
                    }
                    real_server 203.0.113.4 8080 {
                        TCP_CHECK {
                        }
                    }
                }
                virtual_server 198.51.100.11 80 {
                    protocol TCP
                    real_server 203.0.113.5 80 {
                    }
                }
                """));
        assertThat(view(r.desired())).containsExactly(
                Map.entry("TCP 198.51.100.10:80 wlc", "203.0.113.4:8080 Masq weight 1"),
                Map.entry("TCP 198.51.100.11:80 wlc", "203.0.113.5:80 Masq weight 1"));
    }

    @Test
    void diffFromTheKernelIsTheSmallestAndLeavesForeignServicesAlone() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan(TWO));
        IpvsTable kernel = new IpvsTable();
        IpvsServiceKey foreign = IpvsServiceKey.of(io.jkeepalived.ipvs.IpvsProtocol.TCP, LvsPlanner.address("198.51.100.99"), 80);
        kernel.put(IpvsService.of(foreign, "rr"));
        List<IpvsChange> start = IpvsDiff.diff(kernel, r.desired(), r.keys());
        assertThat(start).extracting(Object::toString).containsExactly(
                "add service TCP 198.51.100.10:80 rr",
                "add destination 203.0.113.2:8080 Masq weight 3 thresholds 100/10 to service TCP 198.51.100.10:80",
                "add destination 203.0.113.3:80 Route weight 1 to service TCP 198.51.100.10:80");
        kernel = IpvsDiff.applied(kernel, start);
        r.verdict(0, 1, false, 1);
        List<IpvsChange> down = IpvsDiff.diff(kernel, r.desired(), r.keys());
        assertThat(down).extracting(Object::toString).containsExactly(
                "edit destination 203.0.113.3:80 Route weight 0 of service TCP 198.51.100.10:80");
        kernel = IpvsDiff.applied(kernel, down);
        assertThat(IpvsDiff.diff(kernel, r.desired(), r.keys())).isEmpty();
        r.stop();
        List<IpvsChange> stop = IpvsDiff.diff(kernel, r.desired(), Set.copyOf(r.keys()));
        assertThat(stop).extracting(Object::toString).containsExactly("delete service TCP 198.51.100.10:80");
        assertThat(IpvsDiff.applied(kernel, stop).keys()).containsExactly(foreign);
    }

    @Test
    void aLocalDestinationReportedAsLocalNodeIsNotEditedAgain() {
        IpvsServiceKey k = IpvsServiceKey.of(io.jkeepalived.ipvs.IpvsProtocol.TCP, LvsPlanner.address("198.51.100.10"), 80);
        IpvsTable want = new IpvsTable();
        want.put(IpvsService.of(k, "rr"));
        want.put(k, IpvsDestination.of(LvsPlanner.address("198.51.100.10"), 80, ForwardingMethod.MASQ));
        IpvsTable have = new IpvsTable();
        have.put(IpvsService.of(k, "rr"));
        have.put(k, IpvsDestination.of(LvsPlanner.address("198.51.100.10"), 80, ForwardingMethod.LOCAL_NODE));
        assertThat(IpvsDiff.diff(have, want, Set.of(k))).isEmpty();
    }
}
