package io.jkeepalived.netlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NlMsgErr;
import io.jkeepalived.netlink.genl.CtrlMessages;
import io.jkeepalived.netlink.genl.GenlMsgHdr;
import io.jkeepalived.netlink.rtnl.IfAddrMsg;
import io.jkeepalived.netlink.rtnl.FibRuleHdr;
import io.jkeepalived.netlink.rtnl.IfInfoMsg;
import io.jkeepalived.netlink.rtnl.LinkRequests;
import io.jkeepalived.netlink.rtnl.RtMsg;
import io.jkeepalived.netlink.rtnl.RtnlEvent;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Jazzer target for every netlink decoder. Under plain {@code mvn test} it replays the inputs in
 * {@code NetlinkFuzzTestInputs/} (the captured kernel replies); with {@code JAZZER_FUZZ=1} it fuzzes.
 * The property: any datagram either decodes or fails with {@link NetlinkFormatException}; nothing else is thrown
 * and nothing hangs (a monitor must survive whatever arrives on its socket).
 */
class NetlinkFuzzTest {
    /** Nested attributes are walked this deep at most; the kernel nests far less. */
    private static final int MAX_DEPTH = 8;

    @FuzzTest(maxDuration = "60s")
    void decoders(byte[] data) {
        List<NetlinkMessage> messages;
        try {
            messages = NetlinkMessage.split(ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()));
        } catch (NetlinkFormatException e) {
            return;
        }
        for (NetlinkMessage m : messages) {
            tryDecode(() -> IfInfoMsg.decode(m));
            tryDecode(() -> IfAddrMsg.decode(m));
            tryDecode(() -> RtnlEvent.decode(m));
            tryDecode(() -> LinkRequests.decodeMacvlan(m));
            tryDecode(() -> RtMsg.decode(m));
            tryDecode(() -> FibRuleHdr.decode(m));
            tryDecode(() -> NlMsgErr.decode(m));
            tryDecode(() -> CtrlMessages.decodeFamily(m));
            tryDecode(() -> GenlMsgHdr.attributes(m, 0));
            tryDecode(() -> {
                walk(Attributes.parse(m.payload()), 0);
                return null;
            });
        }
    }

    private static void walk(Attributes attrs, int depth) throws NetlinkFormatException {
        if (depth >= MAX_DEPTH) {
            return;
        }
        for (Attributes.Attribute a : attrs.list()) {
            attrs.string(a.type());
            attrs.bytes(a.type());
            try {
                walk(Attributes.parse(a.value()), depth + 1);
            } catch (NetlinkFormatException notNested) {
                // Most values are not attribute runs; failing to parse one as such is expected.
            }
        }
    }

    private interface Decode {
        Object run() throws NetlinkFormatException;
    }

    private static void tryDecode(Decode d) {
        try {
            d.run();
        } catch (NetlinkFormatException expected) {
            // Malformed input is reported, never a crash.
        }
    }
}
