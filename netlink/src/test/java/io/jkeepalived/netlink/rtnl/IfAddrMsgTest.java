package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.Hex;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR against struct ifaddrmsg (linux/if_addr.h) and captured kernel replies. */
class IfAddrMsgTest {
    private static final InetAddress V4 = ip("198.51.100.7");
    private static final InetAddress V4_BRD = ip("198.51.100.255");
    private static final InetAddress V6 = ip("2001:db8::7");

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void dumpRequestCarriesTheFamily() {
        assertThat(Hex.of(IfAddrMsg.dumpRequest(1, Rtnetlink.AF_INET6))).isEqualTo(Hex.clean("""
                18000000 1600 0103 01000000 00000000
                0a 00 00 00 00000000
                """));
    }

    @Test
    void newIpv4AddressWithBroadcastAndLabel() {
        Address a = Address.of(5, V4, 24).withBroadcast(V4_BRD).withLabel("jk-va:vip");
        assertThat(Hex.of(IfAddrMsg.newAddress(7, a))).isEqualTo(Hex.clean("""
                40000000 1400 0506 07000000 00000000
                02 18 00 00 05000000
                0800 0200 c6336407
                0800 0100 c6336407
                0800 0400 c63364ff
                0e00 0300 6a6b2d76613a76697000 0000
                """));
    }

    @Test
    void newIpv6AddressSendsNodadInIfaFlags() {
        Address a = Address.of(5, V6, 64).withFlags(Address.IFA_F_NODAD);
        assertThat(Hex.of(IfAddrMsg.newAddress(8, a))).isEqualTo(Hex.clean("""
                48000000 1400 0506 08000000 00000000
                0a 40 02 00 05000000
                1400 0200 20010db8000000000000000000000007
                1400 0100 20010db8000000000000000000000007
                0800 0800 02000000
                """));
    }

    @Test
    void deleteAddressIsAcknowledgedWithoutCreateFlags() {
        Address a = Address.of(5, V4, 24).withScope(Rtnetlink.RT_SCOPE_HOST);
        assertThat(Hex.of(IfAddrMsg.deleteAddress(9, a))).isEqualTo(Hex.clean("""
                28000000 1500 0500 09000000 00000000
                02 18 00 fe 05000000
                0800 0200 c6336407
                0800 0100 c6336407
                """));
    }

    @Test
    void decodesCapturedIpv4Reply() throws Exception {
        Address a = IfAddrMsg.decode(Hex.captured("rtm_newaddr-ipv4"));
        assertThat(a).isEqualTo(new Address(3, Rtnetlink.AF_INET, 24, Rtnetlink.RT_SCOPE_UNIVERSE, Address.IFA_F_PERMANENT,
                V4, V4, V4_BRD, "jk-va:vip"));
    }

    @Test
    void decodesCapturedIpv6ReplyWithFlagsFromIfaFlags() throws Exception {
        Address a = IfAddrMsg.decode(Hex.captured("rtm_newaddr-ipv6"));
        assertThat(a).isEqualTo(new Address(3, Rtnetlink.AF_INET6, 64, Rtnetlink.RT_SCOPE_UNIVERSE,
                Address.IFA_F_PERMANENT | Address.IFA_F_NODAD, V6, null, null, null));
        assertThat(a.ip()).isEqualTo(V6);
    }

    @Test
    void rejectsUnknownFamilyAndWrongAddressLength() throws Exception {
        NetlinkMessage family = message("""
                18000000 1400 0000 00000000 00000000
                07 18 00 00 05000000
                """);
        assertThatThrownBy(() -> IfAddrMsg.decode(family)).isInstanceOf(NetlinkFormatException.class)
                .hasMessage("address family 7 is neither AF_INET nor AF_INET6");
        NetlinkMessage length = message("""
                20000000 1400 0000 00000000 00000000
                0a 40 00 00 05000000
                0800 0100 c6336407
                """);
        assertThatThrownBy(() -> IfAddrMsg.decode(length)).isInstanceOf(NetlinkFormatException.class)
                .hasMessage("IFA attribute 1 has 4 bytes, family 10 needs 16");
        NetlinkMessage prefix = message("""
                18000000 1400 0000 00000000 00000000
                02 21 00 00 05000000
                """);
        assertThatThrownBy(() -> IfAddrMsg.decode(prefix)).isInstanceOf(NetlinkFormatException.class)
                .hasMessage("bad address message: prefix length 33 outside 0..32");
    }

    @Test
    void addressRejectsMixedFamiliesAndLongLabels() {
        assertThatThrownBy(() -> new Address(1, Rtnetlink.AF_INET, 24, 0, 0, V6, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("address 2001:db8:0:0:0:0:0:7 is not of family 2");
        assertThatThrownBy(() -> Address.of(1, V4, 24).withLabel("sixteen-bytes-xx"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..15 bytes");
    }

    @Test
    void monitorEventsFromCapturedReplies() throws Exception {
        RtnlEvent e = RtnlEvent.decode(Hex.captured("rtm_newaddr-ipv4"));
        assertThat(e).isInstanceOf(RtnlEvent.AddressChange.class);
        assertThat(((RtnlEvent.AddressChange) e).removed()).isFalse();
        // The same body as RTM_DELADDR is a removal.
        byte[] raw = Hex.capturedBytes("rtm_newaddr-ipv4");
        raw[4] = (byte) Rtnetlink.RTM_DELADDR;
        RtnlEvent removed = RtnlEvent.decode(Hex.message(ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder())));
        // nlmsg_pid 0x0c10: the port id of the `ip addr` that made the change
        assertThat(removed).isEqualTo(new RtnlEvent.AddressChange(true, IfAddrMsg.decode(Hex.captured("rtm_newaddr-ipv4")), 0x0c10));
        RtnlEvent link = RtnlEvent.decode(Hex.captured("rtm_newlink-veth"));
        assertThat(link).isInstanceOf(RtnlEvent.LinkChange.class);
        assertThat(RtnlEvent.decode(Hex.captured("nlmsg_error-ack"))).isNull();
    }

    @Test
    void bridgePortNotificationsAreNotLinkChanges() throws Exception {
        byte[] raw = Hex.capturedBytes("rtm_newlink-veth");
        raw[16 + IfInfoMsg.FAMILY] = (byte) Rtnetlink.AF_BRIDGE;
        raw[4] = (byte) Rtnetlink.RTM_DELLINK;
        assertThat(RtnlEvent.decode(Hex.message(ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder())))).isNull();
    }

    private static NetlinkMessage message(String hex) throws NetlinkFormatException {
        return Hex.message(ByteBuffer.wrap(Hex.bytes(hex)).order(ByteOrder.nativeOrder()));
    }
}
