package io.jkeepalived.ipvs.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jkeepalived.ipvs.AddressFamily;
import io.jkeepalived.ipvs.ConfigMessages;
import io.jkeepalived.ipvs.DaemonMessages;
import io.jkeepalived.ipvs.DestinationMessages;
import io.jkeepalived.ipvs.InfoMessages;
import io.jkeepalived.ipvs.ServiceMessages;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Jazzer target for every IPVS reply decoder. Under plain {@code mvn test} it replays the inputs in
 * {@code IpvsFuzzTestInputs/decoders/} (kernel replies captured in the kernel lab); with {@code JAZZER_FUZZ=1} it
 * fuzzes. The property: any datagram decodes or fails with {@link NetlinkFormatException}, nothing else escapes
 * (a malformed or unexpected reply must never take the daemon down).
 */
class IpvsFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void decoders(byte[] data) {
        List<NetlinkMessage> messages;
        try {
            messages = NetlinkMessage.split(ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()));
        } catch (NetlinkFormatException e) {
            return;
        }
        for (NetlinkMessage m : messages) {
            tryDecode(() -> ServiceMessages.decode(m));
            tryDecode(() -> DestinationMessages.decode(m, AddressFamily.INET));
            tryDecode(() -> DestinationMessages.decode(m, AddressFamily.INET6));
            tryDecode(() -> DaemonMessages.decode(m));
            tryDecode(() -> ConfigMessages.decode(m));
            tryDecode(() -> InfoMessages.decode(m));
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
