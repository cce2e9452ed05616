package io.jkeepalived.netlink.genl;

import io.jkeepalived.netlink.Hex;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CTRL_CMD_GETFAMILY / CTRL_CMD_NEWFAMILY against linux/genetlink.h and a captured kernel reply. */
class CtrlMessagesTest {
    @Test
    void getFamilyRequestForIpvs() {
        assertThat(Hex.of(CtrlMessages.getFamily(3, "IPVS"))).isEqualTo(Hex.clean("""
                20000000 1000 0500 03000000 00000000
                03 01 0000
                0900 0200 4950565300 000000
                """));
    }

    @Test
    void decodesCapturedNlctrlFamily() throws Exception {
        GenlFamily f = CtrlMessages.decodeFamily(Hex.captured("ctrl_newfamily-nlctrl"));
        assertThat(f).isEqualTo(new GenlFamily(0x10, "nlctrl", 2, 0, 0, Map.of("notify", 0x10)));
    }

    @Test
    void encodesFamilyReplyWithGroups() throws Exception {
        GenlFamily f = new GenlFamily(0x1f, "IPVS", 1, 0, 3, Map.of("x", 5));
        assertThat(Hex.of(CtrlMessages.encodeFamily(2, f))).isEqualTo(Hex.clean("""
                58000000 1000 0000 02000000 00000000
                01 02 0000
                0900 0200 4950565300 000000
                0600 0100 1f00 0000
                0800 0300 01000000
                0800 0400 00000000
                0800 0500 03000000
                1800 0780 | 1400 0180 | 0800 0200 05000000 | 0600 0100 7800 0000
                """));
        assertThat(CtrlMessages.decodeFamily(Hex.message(CtrlMessages.encodeFamily(2, f)))).isEqualTo(f);
    }

    @Test
    void rejectsOtherCommandsAndMissingId() throws Exception {
        NetlinkMessage get = Hex.message(CtrlMessages.getFamily(3, "IPVS"));
        assertThatThrownBy(() -> CtrlMessages.decodeFamily(get)).isInstanceOf(NetlinkFormatException.class)
                .hasMessage("expected CTRL_CMD_NEWFAMILY, got command 3");
        NetlinkMessage noId = Hex.message(ByteBuffer.wrap(Hex.bytes("""
                20000000 1000 0000 02000000 00000000
                01 02 0000
                0900 0200 4950565300 000000
                """)).order(ByteOrder.nativeOrder()));
        assertThatThrownBy(() -> CtrlMessages.decodeFamily(noId))
                .hasMessage("CTRL_CMD_NEWFAMILY without CTRL_ATTR_FAMILY_ID or CTRL_ATTR_FAMILY_NAME");
        NetlinkMessage tiny = Hex.message(ByteBuffer.wrap(Hex.bytes("12000000 1000 0000 02000000 00000000 0100"))
                .order(ByteOrder.nativeOrder()));
        assertThatThrownBy(() -> CtrlMessages.decodeFamily(tiny))
                .hasMessage("generic netlink message needs a 4-byte genlmsghdr, has 2 bytes");
        assertThatThrownBy(() -> CtrlMessages.getFamily(1, "a-family-name-too-long"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
