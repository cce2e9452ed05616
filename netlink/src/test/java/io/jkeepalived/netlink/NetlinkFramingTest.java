package io.jkeepalived.netlink;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** nlmsghdr splitting, nlattr parsing/writing, nlmsgerr decoding and errno messages, against linux/netlink.h layouts. */
class NetlinkFramingTest {
    private static ByteBuffer le(String hex) {
        return ByteBuffer.wrap(Hex.bytes(hex)).order(ByteOrder.nativeOrder());
    }

    @Test
    void buildsHeaderAttributesAndNestedWithPadding() {
        MessageBuilder b = new MessageBuilder(0x1234, NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK, 0x01020304);
        b.put(new byte[] {9});
        b.attrU8(1, 0xab);
        b.attrU16(2, 0xbeef);
        b.attrU32(3, 0xcafef00d);
        b.attrString(4, "abc");
        int nest = b.beginNested(5);
        b.attrString(1, "xyzw");
        b.endNested(nest);
        assertThat(Hex.of(b.build())).isEqualTo(Hex.clean("""
                44000000 3412 0500 04030201 00000000
                09000000
                0500 0100 ab000000
                0600 0200 efbe0000
                0800 0300 0df0feca
                0800 0400 61626300
                1000 0580 | 0900 0100 78797a77 00000000
                """));
    }

    @Test
    void splitsDatagramIntoAlignedMessages() throws Exception {
        // Two messages: a 17-byte one (padded to 20) and an NLMSG_DONE with its int status.
        ByteBuffer datagram = le("""
                11000000 1400 0200 07000000 00000000 | ff000000
                14000000 0300 0200 07000000 00000000 | 00000000
                """);
        List<NetlinkMessage> messages = NetlinkMessage.split(datagram);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).header()).isEqualTo(new NlMsgHeader(17, 20, NlMsgHeader.NLM_F_MULTI, 7, 0));
        assertThat(messages.get(0).payload().remaining()).isEqualTo(1);
        assertThat(messages.get(0).payload().get(0)).isEqualTo((byte) 0xff);
        assertThat(messages.get(1).type()).isEqualTo(NlMsgHeader.NLMSG_DONE);
        assertThat(messages.get(1).payload().getInt(0)).isZero();
    }

    @Test
    void rejectsMessageLengthsOutsideTheDatagram() throws Exception {
        assertThatThrownBy(() -> NetlinkMessage.split(le("20000000 1400 0000 00000000 00000000")))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("netlink message at offset 0 has length 32, but 16 bytes remain (minimum 16)");
        assertThatThrownBy(() -> NetlinkMessage.split(le("08000000 1400 0000 00000000 00000000")))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessageContaining("has length 8");
        assertThat(NetlinkMessage.split(le("0000"))).isEmpty();
    }

    @Test
    void parsesAttributesNestedAndUnpaddedLast() throws Exception {
        Attributes a = Attributes.parse(le("""
                0800 0100 2a000000
                0c00 0280 | 0500 0100 41000000
                0500 0300 07
                """));
        assertThat(a.u32(1, -1)).isEqualTo(42);
        assertThat(a.list().get(1).typeFlags()).isEqualTo(Attributes.NLA_F_NESTED);
        assertThat(a.nested(2).string(1)).isEqualTo("A");
        assertThat(a.u8(3, -1)).isEqualTo(7);
        assertThat(a.u32(9, -1)).isEqualTo(-1);
        assertThat(a.string(9)).isNull();
        assertThat(a.nested(9).list()).isEmpty();
    }

    @Test
    void rejectsBadAttributeLengthsAndShortValues() throws Exception {
        assertThatThrownBy(() -> Attributes.parse(le("0900 0100 2a000000")))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("netlink attribute type 1 at offset 0 has length 9, but 8 bytes remain");
        assertThatThrownBy(() -> Attributes.parse(le("0200 0100")))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessageContaining("has length 2");
        Attributes shortValue = Attributes.parse(le("0600 0100 2a00 0000"));
        assertThatThrownBy(() -> shortValue.u32(1, 0))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("netlink attribute type 1 has 2 value bytes, needs 4");
    }

    @Test
    void decodesCapturedErrorWithExtendedAck() throws Exception {
        // RTM_NEWADDR of an existing address; NETLINK_CAP_ACK and NETLINK_EXT_ACK were on (flags CAPPED|ACK_TLVS).
        NetlinkMessage m = Hex.captured("nlmsg_error-eexist");
        assertThat(m.type()).isEqualTo(NlMsgHeader.NLMSG_ERROR);
        assertThat(m.flags()).isEqualTo(NlMsgHeader.NLM_F_CAPPED | NlMsgHeader.NLM_F_ACK_TLVS);
        NlMsgErr err = NlMsgErr.decode(m);
        assertThat(err).isEqualTo(new NlMsgErr(-17, 20, 3, "ipv4: Address already assigned"));
        assertThat(err.isAck()).isFalse();
    }

    @Test
    void decodesCapturedAcknowledgement() throws Exception {
        NlMsgErr ack = NlMsgErr.decode(Hex.captured("nlmsg_error-ack"));
        assertThat(ack).isEqualTo(new NlMsgErr(0, 20, 4, null));
        assertThat(ack.isAck()).isTrue();
    }

    @Test
    void decodesUncappedErrorSkippingTheEchoedRequest() throws Exception {
        // error -1, echoed request of 20 bytes (header + 4 payload bytes), then NLMSGERR_ATTR_MSG "no".
        NetlinkMessage m = Hex.message(le("""
                30000000 0200 0002 05000000 00000000
                ffffffff | 14000000 1400 0500 05000000 00000000 | aabbccdd
                0700 0100 6e6f0000
                """));
        assertThat(NlMsgErr.decode(m)).isEqualTo(new NlMsgErr(-1, 20, 5, "no"));
    }

    @Test
    void rejectsTruncatedError() throws Exception {
        NetlinkMessage m = Hex.message(le("14000000 0200 0000 05000000 00000000 | ffffffff"));
        assertThatThrownBy(() -> NlMsgErr.decode(m))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("NLMSG_ERROR payload has 4 bytes, needs 20");
    }

    @Test
    void errnoExceptionsNameTheCallAndTheError() {
        SyscallException e = Errno.exception("sendto(NETLINK_ROUTE)", 1);
        assertThat(e).hasMessage("sendto(NETLINK_ROUTE): EPERM (Operation not permitted)");
        assertThat(e.errno()).isEqualTo(1);
        assertThat(e.errnoName()).isEqualTo("EPERM");
        assertThat(e.call()).isEqualTo("sendto(NETLINK_ROUTE)");
        assertThat(Errno.name(17)).isEqualTo("EEXIST");
        assertThat(Errno.name(99)).isEqualTo("EADDRNOTAVAIL");
        assertThat(Errno.name(105)).isEqualTo("ENOBUFS");
        assertThat(Errno.name(11)).isEqualTo("EAGAIN");
        assertThat(Errno.name(4000)).isEqualTo("errno 4000");
        assertThat(Errno.message(-3)).isEqualTo("Unknown error -3");
    }
}
