package io.jkeepalived.netlink.raw;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocketAddressesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String nativeShort(int v) {
        return HEX.formatHex(ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array());
    }

    private static String nativeInt(int v) {
        return HEX.formatHex(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array());
    }

    @Test
    void sockaddrIn() throws Exception {
        byte[] sa = SocketAddresses.inet(InetAddress.getByName("224.0.0.18"), 0);
        assertThat(HEX.formatHex(sa)).isEqualTo(nativeShort(2) + "0000" + "e0000012" + "0000000000000000");
        assertThat(SocketAddresses.decodeInet(sa, sa.length)).isEqualTo(InetAddress.getByName("224.0.0.18"));
    }

    @Test
    void sockaddrIn6WithScope() throws Exception {
        byte[] sa = SocketAddresses.inet(InetAddress.getByName("ff02::12"), 5);
        assertThat(HEX.formatHex(sa)).isEqualTo(nativeShort(10) + "0000" + "00000000"
                + "ff020000000000000000000000000012" + nativeInt(5));
        assertThat(SocketAddresses.decodeInet(sa, sa.length)).isEqualTo(InetAddress.getByName("ff02::12"));
    }

    @Test
    void sockaddrLl() {
        byte[] sa = SocketAddresses.link(0x0806, 4, HEX.parseHex("ffffffffffff"));
        assertThat(HEX.formatHex(sa)).isEqualTo(nativeShort(17) + "0806" + nativeInt(4) + nativeShort(1) + "00" + "06"
                + "ffffffffffff0000");
        assertThat(SocketAddresses.decodeLinkIfIndex(sa, sa.length)).isEqualTo(4);
    }

    @Test
    void multicastRequests() throws Exception {
        byte[] v4 = SocketAddresses.ipMreqn((java.net.Inet4Address) InetAddress.getByName("224.0.0.18"), 9);
        assertThat(HEX.formatHex(v4)).isEqualTo("e0000012" + "00000000" + nativeInt(9));
        byte[] v6 = SocketAddresses.ipv6Mreq((java.net.Inet6Address) InetAddress.getByName("ff02::12"), 9);
        assertThat(HEX.formatHex(v6)).isEqualTo("ff020000000000000000000000000012" + nativeInt(9));
    }

    @Test
    void shortOrForeignNamesDecodeToNothing() {
        assertThat(SocketAddresses.decodeInet(new byte[32], 0)).isNull();
        byte[] packet = SocketAddresses.link(3, 1, null);
        assertThat(SocketAddresses.decodeInet(packet, packet.length)).isNull();
        assertThat(SocketAddresses.decodeLinkIfIndex(new byte[32], 4)).isEqualTo(-1);
    }

    @Test
    void htonsSwapsOnLittleEndian() {
        int expected = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0x0608 : 0x0806;
        assertThat(SocketAddresses.htons(0x0806)).isEqualTo(expected);
    }

    @Test
    void errnoNames() {
        assertThat(RawLibc.errnoName(1)).isEqualTo("EPERM");
        assertThat(RawLibc.errnoName(19)).isEqualTo("ENODEV");
        assertThat(RawLibc.errnoName(40)).isEqualTo("ELOOP");
        assertThat(RawLibc.errnoName(97)).isEqualTo("EAFNOSUPPORT");
        assertThat(RawLibc.errnoName(99)).isEqualTo("EADDRNOTAVAIL");
        assertThat(RawLibc.errnoName(115)).isEqualTo("EINPROGRESS");
        assertThat(RawLibc.errnoName(0)).isEqualTo("errno0");
        assertThat(RawLibc.failure("setsockopt(IP_ADD_MEMBERSHIP)", 19))
                .hasMessage("setsockopt(IP_ADD_MEMBERSHIP): ENODEV (errno 19)");
    }

    @Test
    void protocolsAreVrrpOrAh() {
        assertThat(IpProtocol.of(112)).isEqualTo(IpProtocol.VRRP);
        assertThat(IpProtocol.of(51)).isEqualTo(IpProtocol.AH);
        assertThatThrownBy(() -> IpProtocol.of(17)).hasMessageContaining("IP protocol 17");
    }

    @Test
    void configRejectsContradictions() throws Exception {
        InetAddress group = VrrpSocketConfig.VRRP_GROUP_V4;
        InetAddress src = InetAddress.getByName("198.51.100.1");
        assertThatThrownBy(() -> new VrrpSocketConfig(null, null, "eth0", 1, IpProtocol.VRRP, 0, false))
                .hasMessageContaining("multicast group or a unicast source");
        assertThatThrownBy(() -> new VrrpSocketConfig(group, src, "eth0", 1, IpProtocol.VRRP, 0, false))
                .hasMessageContaining("choose one mode");
        assertThatThrownBy(() -> VrrpSocketConfig.multicast(src, "eth0", 1)).hasMessageContaining("not a multicast");
        assertThatThrownBy(() -> VrrpSocketConfig.multicast(group, null, 0)).hasMessageContaining("interface");
        assertThatThrownBy(() -> VrrpSocketConfig.multicast(group, "a-very-long-ifname", 1))
                .hasMessageContaining("1 to 15");
        assertThatThrownBy(() -> VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V6, "eth0", 1)
                .withHeaderIncluded(true)).hasMessageContaining("IPv4 only");
        assertThat(VrrpSocketConfig.unicast(src, null, 0).unicastMode()).isTrue();
        assertThat(VrrpSocketConfig.multicast(VrrpSocketConfig.VRRP_GROUP_V6, "eth0", 2).ipv6()).isTrue();
        assertThat(VrrpSocketConfig.VRRP_GROUP_V6.getHostAddress()).isEqualTo("ff02:0:0:0:0:0:0:12");
    }
}
