package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.daemon.TestConfigs;
import io.jkeepalived.vrrp.fsm.VrrpState;
import io.jkeepalived.vrrp.packet.AuthType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VrrpPlannerTest {
    @TempDir
    Path dir;

    private List<InstancePlan> plans(String config) throws Exception {
        return VrrpPlanner.plan(TestConfigs.load(dir, config), (ifname, v6) -> VrrpPlanner.literal(v6 ? "fe80::1" : "198.51.100.1"));
    }

    @Test
    void v2PassInstanceWithKeepalivedDefaults() throws Exception {
        InstancePlan p = plans("""
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass longerthan8
                    }
                    virtual_ipaddress {
                        198.51.100.100/24 dev eth1 label eth1:vip scope link brd 198.51.100.255
                        198.51.100.101
                    }
                }
                """).get(0);
        assertThat(p.name()).isEqualTo("VI_1");
        assertThat(p.fsm().virtualRouterId()).isEqualTo(51);
        assertThat(p.fsm().priority()).isEqualTo(150);
        assertThat(p.fsm().initialState()).isEqualTo(VrrpState.MASTER);
        assertThat(p.fsm().advertIntervalCentis()).isEqualTo(100);
        assertThat(p.advertInterval()).as("v2 sends seconds").isEqualTo(1);
        assertThat(p.fsm().garpMasterRepeat()).isEqualTo(5);
        assertThat(p.fsm().garpMasterDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.fsm().primaryAddress()).isEqualTo(InetAddress.getByName("198.51.100.1"));
        assertThat(p.authType()).isEqualTo(AuthType.PASS);
        assertThat(p.multicastGroup()).isEqualTo(VrrpPlanner.GROUP_V4);
        assertThat(p.unicast()).isFalse();
        assertThat(p.vips()).containsExactly(
                new Vip(InetAddress.getByName("198.51.100.100"), 24, "eth1", 253,
                        InetAddress.getByName("198.51.100.255"), "eth1:vip"),
                new Vip(InetAddress.getByName("198.51.100.101"), 32, "eth0", 0, null, null));
        assertThat(p.expectation().vips()).hasSize(2);
        assertThat(p.excludedVips()).isEmpty();
    }

    @Test
    void excludedAddressesAreMovedButNotAdvertisedAndTheGlobalGroupApplies() throws Exception {
        InstancePlan p = plans("""
                global_defs {
                    vrrp_mcast_group4 224.0.0.19
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        198.51.100.100/24
                    }
                    virtual_ipaddress_excluded {
                        203.0.113.7/32
                    }
                }
                """).get(0);
        assertThat(p.multicastGroup()).isEqualTo(InetAddress.getByName("224.0.0.19"));
        assertThat(p.expectation().vips()).containsExactly(InetAddress.getByName("198.51.100.100"));
        assertThat(p.allVips()).extracting(Vip::text).containsExactly("198.51.100.100", "203.0.113.7");
    }

    @Test
    void v3UnicastInstanceWithGarpAndMulticastSettings() throws Exception {
        InstancePlan p = plans("""
                global_defs {
                    vrrp_version 3
                    vrrp_garp_master_delay 2
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 7
                    priority 100
                    advert_int 0.1
                    unicast_src_ip 198.51.100.2
                    unicast_peer {
                        198.51.100.3 min_ttl 250 max_ttl 255
                    }
                    garp_master_repeat 3
                    virtual_ipaddress {
                        203.0.113.10/32
                    }
                }
                """).get(0);
        assertThat(p.version()).isEqualTo(3);
        assertThat(p.advertInterval()).as("v3 sends centiseconds").isEqualTo(10);
        assertThat(p.fsm().initialState()).isEqualTo(VrrpState.BACKUP);
        assertThat(p.fsm().garpMasterRepeat()).isEqualTo(3);
        assertThat(p.fsm().garpMasterDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.unicast()).isTrue();
        assertThat(p.multicastGroup()).isNull();
        assertThat(p.unicastSource()).isEqualTo(InetAddress.getByName("198.51.100.2"));
        assertThat(p.fsm().primaryAddress()).as("the advert source decides ties").isEqualTo(p.unicastSource());
        assertThat(p.unicastPeers()).containsExactly(InetAddress.getByName("198.51.100.3"));
        assertThat(p.expectation().unicastPeers().get(0).minTtl()).isEqualTo(250);
        assertThat(p.authType()).isEqualTo(AuthType.NONE);
    }

    @Test
    void ipv6InstanceUsesTheLinkLocalSourceAndFf02_12() throws Exception {
        InstancePlan p = plans("""
                vrrp_instance VI_6 {
                    interface eth0
                    virtual_router_id 9
                    priority 100
                    virtual_ipaddress {
                        2001:db8::100/64
                    }
                }
                """).get(0);
        assertThat(p.ipv6()).isTrue();
        assertThat(p.version()).as("IPv6 is VRRPv3").isEqualTo(3);
        assertThat(p.multicastGroup()).isEqualTo(VrrpPlanner.GROUP_V6);
        assertThat(p.fsm().primaryAddress()).isEqualTo(InetAddress.getByName("fe80::1"));
        assertThat(p.vips().get(0).prefix()).isEqualTo(64);
    }

    @Test
    void scopeNamesAsIproute2() {
        assertThat(VrrpPlanner.scope(null)).isZero();
        assertThat(VrrpPlanner.scope("host")).isEqualTo(254);
        assertThat(VrrpPlanner.scope("link")).isEqualTo(253);
        assertThat(VrrpPlanner.scope("site")).isEqualTo(200);
        assertThat(VrrpPlanner.scope("17")).isEqualTo(17);
    }
}
