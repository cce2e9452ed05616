package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.Hex;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NlMsgHeader;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RTM_GETLINK / RTM_NEWLINK against struct ifinfomsg (linux/rtnetlink.h) and a captured kernel reply. */
class IfInfoMsgTest {
    @Test
    void dumpRequestIsHeaderAndZeroIfinfomsg() {
        assertThat(Hex.of(IfInfoMsg.dumpRequest(0x0a0b0c0d))).isEqualTo(Hex.clean("""
                20000000 1200 0103 0d0c0b0a 00000000
                00 00 0000 00000000 00000000 00000000
                """));
    }

    @Test
    void decodesCapturedVethReply() throws Exception {
        NetlinkMessage m = Hex.captured("rtm_newlink-veth");
        assertThat(m.flags()).isEqualTo(NlMsgHeader.NLM_F_MULTI);
        Link link = IfInfoMsg.decode(m);
        assertThat(link.index()).isEqualTo(3);
        assertThat(link.name()).isEqualTo("jk-va");
        assertThat(link.flags()).isEqualTo(Link.IFF_UP | Link.IFF_BROADCAST | Link.IFF_MULTICAST);
        assertThat(link.isUp()).isTrue();
        assertThat(link.isRunning()).isFalse();
        assertThat(link.mtu()).isEqualTo(1500);
        assertThat(link.hardwareAddress()).containsExactly(0x02, 0x00, 0x5e, 0x00, 0x01, 0x07);
        assertThat(link.kind()).isEqualTo("veth");
    }

    @Test
    void encodesLinkAsTheKernelLaysItOut() {
        Link link = new Link(7, "jk-va", Link.IFF_UP | Link.IFF_RUNNING, 1500, new byte[] {2, 0, 0x5e, 0, 1, 7}, "veth");
        assertThat(Hex.of(IfInfoMsg.encode(Rtnetlink.RTM_NEWLINK, 0, 9, link))).isEqualTo(Hex.clean("""
                50000000 1000 0000 09000000 00000000
                00 00 0100 07000000 41000000 00000000
                0a00 0100 02005e000107 0000
                0a00 0300 6a6b2d766100 0000
                0800 0400 dc050000
                1000 1280 | 0900 0100 7665746800 000000
                """));
    }

    @Test
    void decodesLinkWithoutOptionalAttributes() throws Exception {
        NetlinkMessage m = Hex.message(ByteBuffer.wrap(Hex.bytes("""
                28000000 1100 0000 00000000 00000000
                00 00 0000 05000000 00000000 00000000
                0800 0300 746e3000
                """)).order(ByteOrder.nativeOrder()));
        assertThat(IfInfoMsg.decode(m)).isEqualTo(new Link(5, "tn0", 0, 0, null, null));
    }

    @Test
    void rejectsShortOrNamelessOrForeignMessages() throws Exception {
        NetlinkMessage shortOne = Hex.message(ByteBuffer.wrap(Hex.bytes("14000000 1000 0000 00000000 00000000 00000000"))
                .order(ByteOrder.nativeOrder()));
        assertThatThrownBy(() -> IfInfoMsg.decode(shortOne)).isInstanceOf(NetlinkFormatException.class)
                .hasMessage("ifinfomsg needs 16 bytes, message has 4");
        NetlinkMessage nameless = Hex.message(ByteBuffer.wrap(Hex.bytes("""
                20000000 1000 0000 00000000 00000000
                00 00 0000 05000000 00000000 00000000
                """)).order(ByteOrder.nativeOrder()));
        assertThatThrownBy(() -> IfInfoMsg.decode(nameless)).hasMessage("link 5 has no IFLA_IFNAME");
        assertThatThrownBy(() -> IfInfoMsg.decode(Hex.captured("rtm_newaddr-ipv4")))
                .hasMessage("expected RTM_NEWLINK or RTM_DELLINK, got RTM_NEWADDR");
    }
}
