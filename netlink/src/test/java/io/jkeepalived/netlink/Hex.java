package io.jkeepalived.netlink;

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
 * Golden bytes for the codec tests. Netlink is host byte order; the frozen bytes are little-endian (x86_64 and
 * aarch64, where this project runs), so the helpers skip a test on a big-endian host rather than fail it.
 */
public final class Hex {
    private Hex() {
    }

    /** Bytes from hex with any whitespace, '|' or '_' as readability separators. */
    public static byte[] bytes(String hex) {
        assumeLittleEndian();
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|_]", ""));
    }

    public static String of(ByteBuffer buf) {
        ByteBuffer d = buf.duplicate();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return HexFormat.of().formatHex(b);
    }

    /** Normalises hex written with separators, for comparison with {@link #of(ByteBuffer)}. */
    public static String clean(String hex) {
        assumeLittleEndian();
        return hex.replaceAll("[\\s|_]", "").toLowerCase();
    }

    /** The single message in a frozen kernel reply under captured/ (see {@link CaptureReplies}). */
    public static NetlinkMessage captured(String name) {
        byte[] raw = capturedBytes(name);
        try {
            List<NetlinkMessage> messages = NetlinkMessage.split(ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder()));
            if (messages.size() != 1) {
                throw new AssertionError(name + " holds " + messages.size() + " messages");
            }
            return messages.get(0);
        } catch (NetlinkFormatException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }

    public static byte[] capturedBytes(String name) {
        try (InputStream in = Hex.class.getResourceAsStream("captured/" + name + ".hex")) {
            if (in == null) {
                throw new AssertionError("no captured/" + name + ".hex");
            }
            return bytes(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole message buffer as a parsed message. */
    public static NetlinkMessage message(ByteBuffer whole) throws NetlinkFormatException {
        List<NetlinkMessage> messages = NetlinkMessage.split(whole);
        if (messages.size() != 1) {
            throw new AssertionError("expected one message, got " + messages.size());
        }
        return messages.get(0);
    }

    static void assumeLittleEndian() {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
                "golden netlink bytes are little-endian; this host is big-endian");
    }
}
