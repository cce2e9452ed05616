package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Golden bytes. Netlink headers and plain attributes are host order; the frozen bytes are little-endian (x86_64,
 * aarch64), so a big-endian host skips these tests rather than fail them. The captured/*.hex files are kernel
 * replies from Debian 12's 6.1 kernel in the kernel lab (printed by the e2e IpvsGuestDriver, "hex name ..." lines).
 */
final class Golden {
    /** The family id the lab kernel gave "IPVS" (any id works; the codecs take it as a parameter). */
    static final int FAMILY = 0x1f;

    private Golden() {
    }

    static String clean(String hex) {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden netlink bytes are little-endian");
        return hex.replaceAll("[\\s|_]", "").toLowerCase();
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(clean(hex));
    }

    static String of(ByteBuffer buf) {
        ByteBuffer d = buf.duplicate();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return HexFormat.of().formatHex(b);
    }

    static NetlinkMessage message(ByteBuffer whole) throws NetlinkFormatException {
        List<NetlinkMessage> messages = NetlinkMessage.split(whole.duplicate().order(ByteOrder.nativeOrder()));
        if (messages.size() != 1) {
            throw new AssertionError("expected one message, got " + messages.size());
        }
        return messages.get(0);
    }

    static byte[] capturedBytes(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("captured/" + name + ".hex")) {
            if (in == null) {
                throw new AssertionError("no captured/" + name + ".hex");
            }
            return bytes(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NetlinkMessage captured(String name) throws NetlinkFormatException {
        return message(ByteBuffer.wrap(capturedBytes(name)).order(ByteOrder.nativeOrder()));
    }
}
