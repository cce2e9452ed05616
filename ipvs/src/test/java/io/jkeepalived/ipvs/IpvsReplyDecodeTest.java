package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NlMsgHeader;
import io.jkeepalived.netlink.NlMsgErr;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Set;

import static io.jkeepalived.ipvs.IpvsRequestGoldenTest.FWM7;
import static io.jkeepalived.ipvs.IpvsRequestGoldenTest.TCP6_443;
import static io.jkeepalived.ipvs.IpvsRequestGoldenTest.TCP80;
import static io.jkeepalived.ipvs.IpvsRequestGoldenTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decodes kernel replies captured in the kernel lab (Debian 12, Linux 6.1), frozen under captured/. */
class IpvsReplyDecodeTest {

    @Test
    void serviceDumpPartsOfEveryKind() throws Exception {
        assertThat(ServiceMessages.decode(Golden.captured("ipvs_new_service-tcp-ipv4-80")))
                .isEqualTo(new IpvsService(TCP80, "rr", Set.of(ServiceFlag.HASHED), 0, 32, null, IpvsStats.ZERO));
        // Three 41-byte datagrams went to this one (ipvsadm -Ln --stats: 1 3 3 123 207); the rates are the
        // estimator's first figures.
        IpvsStats traffic = new IpvsStats(1, 3, 3, 123, 207, 0, 0, 0, 15, 26);
        assertThat(ServiceMessages.decode(Golden.captured("ipvs_new_service-udp-ipv4-53")))
                .isEqualTo(new IpvsService(IpvsServiceKey.of(IpvsProtocol.UDP, ip("198.51.100.10"), 53), "wlc",
                        Set.of(ServiceFlag.PERSISTENT, ServiceFlag.HASHED), 300, 24, null, traffic));
        assertThat(ServiceMessages.decode(Golden.captured("ipvs_new_service-udp-ipv4-514")).flags())
                .containsExactlyInAnyOrder(ServiceFlag.HASHED, ServiceFlag.ONE_PACKET);
        IpvsService sctp = ServiceMessages.decode(Golden.captured("ipvs_new_service-sctp-ipv4-9000"));
        assertThat(sctp.key()).isEqualTo(IpvsServiceKey.of(IpvsProtocol.SCTP, ip("198.51.100.11"), 9000));
        assertThat(sctp.scheduler()).isEqualTo("sh");
        assertThat(sctp.flags()).contains(ServiceFlag.SH_FALLBACK, ServiceFlag.SH_PORT);
        assertThat(ServiceMessages.decode(Golden.captured("ipvs_new_service-tcp-ipv6-443")))
                .isEqualTo(new IpvsService(TCP6_443, "mh", Set.of(ServiceFlag.PERSISTENT, ServiceFlag.HASHED, ServiceFlag.MH_PORT),
                        120, 64, null, IpvsStats.ZERO));
        assertThat(ServiceMessages.decode(Golden.captured("ipvs_new_service-fwm7-ipv4")))
                .isEqualTo(new IpvsService(FWM7, "wrr", Set.of(ServiceFlag.PERSISTENT, ServiceFlag.HASHED), 600, 32, null, IpvsStats.ZERO));
        IpvsService fwm8 = ServiceMessages.decode(Golden.captured("ipvs_new_service-fwm8-ipv6"));
        assertThat(fwm8.key()).isEqualTo(IpvsServiceKey.fwmark(AddressFamily.INET6, 8));
        assertThat(fwm8.key()).hasToString("FWM 8 IPv6");
        assertThat(fwm8.netmask()).isEqualTo(128);
    }

    @Test
    void the32BitStatsNestSaysTheSameAsStats64() throws Exception {
        io.jkeepalived.netlink.Attributes svc = io.jkeepalived.netlink.genl.GenlMsgHdr
                .attributes(Golden.captured("ipvs_new_service-udp-ipv4-53"), 0).nested(IpvsMessages.IPVS_CMD_ATTR_SERVICE);
        assertThat(StatsAttributes.decode32(svc.nested(ServiceMessages.IPVS_SVC_ATTR_STATS)))
                .isEqualTo(StatsAttributes.decode64(svc.nested(ServiceMessages.IPVS_SVC_ATTR_STATS64)))
                .isEqualTo(new IpvsStats(1, 3, 3, 123, 207, 0, 0, 0, 15, 26));
    }

    @Test
    void destinationDumpParts() throws Exception {
        // The kernel lists destinations newest first.
        assertThat(DestinationMessages.decode(Golden.captured("ipvs_new_dest-masq-thresholds-0"), AddressFamily.INET))
                .isEqualTo(new IpvsDestination(ip("203.0.113.3"), 8080, ForwardingMethod.MASQ, 5, 100, 10,
                        TunnelType.IPIP, 0, TunnelChecksum.NOCSUM, 0, 0, 0, IpvsStats.ZERO));
        assertThat(DestinationMessages.decode(Golden.captured("ipvs_new_dest-masq-thresholds-1"), AddressFamily.INET))
                .isEqualTo(IpvsDestination.of(ip("203.0.113.2"), 80, ForwardingMethod.MASQ).withStats(IpvsStats.ZERO));
        assertThat(DestinationMessages.decode(Golden.captured("ipvs_new_dest-ipv6-tunnels-0"), AddressFamily.INET6))
                .isEqualTo(IpvsDestination.of(ip("2001:db8::22"), 443, ForwardingMethod.DIRECT_ROUTE).withWeight(7).withStats(IpvsStats.ZERO));
        assertThat(DestinationMessages.decode(Golden.captured("ipvs_new_dest-ipv6-tunnels-1"), AddressFamily.INET6))
                .isEqualTo(IpvsDestination.of(ip("2001:db8::21"), 443, ForwardingMethod.TUNNEL)
                        .withTunnel(TunnelType.GRE, 0, TunnelChecksum.CSUM).withStats(IpvsStats.ZERO));
        assertThat(DestinationMessages.decode(Golden.captured("ipvs_new_dest-ipv6-tunnels-2"), AddressFamily.INET6))
                .isEqualTo(IpvsDestination.of(ip("2001:db8::20"), 443, ForwardingMethod.TUNNEL)
                        .withTunnel(TunnelType.GUE, 6080, TunnelChecksum.CSUM).withStats(IpvsStats.ZERO));
    }

    @Test
    void aMixedFamilyDestinationTakesItsFamilyFromAddrFamilyNotFromTheService() throws Exception {
        IpvsDestination v6 = DestinationMessages.decode(Golden.captured("ipvs_new_dest-mixed-family-0"), AddressFamily.INET);
        assertThat(v6.address()).isEqualTo(ip("2001:db8::23"));
        assertThat(v6.forwarding()).isEqualTo(ForwardingMethod.TUNNEL);
        assertThat(DestinationMessages.decode(Golden.captured("ipvs_new_dest-mixed-family-1"), AddressFamily.INET).address())
                .isEqualTo(ip("203.0.113.6"));
    }

    @Test
    void syncDaemonTimeoutsAndInfo() throws Exception {
        assertThat(DaemonMessages.decode(Golden.captured("ipvs_new_daemon-master")))
                .isEqualTo(new IpvsSyncDaemon(SyncState.MASTER, "jk-sync", 51, 1400, ip("239.255.0.81"), 8850, 2));
        assertThat(ConfigMessages.decode(Golden.captured("ipvs_set_config"))).isEqualTo(new IpvsTimeouts(900, 120, 300));
        IpvsInfo info = InfoMessages.decode(Golden.captured("ipvs_set_info"));
        assertThat(info.version()).isEqualTo("1.2.1");
        assertThat(info.connectionTableSize()).isEqualTo(4096);
    }

    @Test
    void theKernelsEexistForAnExistingServiceEchoesTheRequest() throws Exception {
        NetlinkMessage m = Golden.captured("nlmsg_error-eexist-service");
        assertThat(m.type()).isEqualTo(NlMsgHeader.NLMSG_ERROR);
        NlMsgErr err = NlMsgErr.decode(m);
        assertThat(err.error()).isEqualTo(-17);
        assertThat(err.requestType()).isEqualTo(Golden.FAMILY);
    }

    @Test
    void decodersRejectTheWrongCommandAndUnknownValues() throws Exception {
        NetlinkMessage service = Golden.captured("ipvs_new_service-tcp-ipv4-80");
        assertThatThrownBy(() -> DestinationMessages.decode(service, AddressFamily.INET))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("expected IPVS_CMD_NEW_DEST, got IPVS_CMD_NEW_SERVICE");
        // Protocol 6 (TCP) at its value offset: 16 nlmsghdr + 4 genl + 4 SERVICE nest + 8 AF + 4 header = 36.
        byte[] raw = Golden.capturedBytes("ipvs_new_service-tcp-ipv4-80");
        raw[36] = 47;
        assertThatThrownBy(() -> ServiceMessages.decode(Golden.message(ByteBuffer.wrap(raw))))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("unknown IPVS service protocol 47");
        byte[] dest = Golden.capturedBytes("ipvs_new_dest-ipv6-tunnels-1");
        // TUN_TYPE value: 16 + 4 + 4 DEST nest + 20 ADDR + 8 PORT + 8 FWD + 8 WEIGHT + 4 header = 72.
        assertThat(dest[72]).isEqualTo((byte) 2);
        dest[72] = 9;
        assertThatThrownBy(() -> DestinationMessages.decode(Golden.message(ByteBuffer.wrap(dest)), AddressFamily.INET6))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("unknown IPVS tunnel type 9");
    }
}
