package io.jkeepalived.netlink.genl;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;

import java.nio.ByteBuffer;

/**
 * Generic netlink framing: {@code struct genlmsghdr} of linux/genetlink.h (4 bytes) after the nlmsghdr, whose
 * nlmsg_type is the family id; then the family's own header (usually none) and its attributes.
 *
 * <pre>
 *  0 u8  cmd
 *  1 u8  version
 *  2 u16 reserved
 * </pre>
 */
public final class GenlMsgHdr {
    public static final int CMD = 0;
    public static final int VERSION = 1;
    public static final int RESERVED = 2;
    public static final int SIZE = 4;

    private GenlMsgHdr() {
    }

    /** Starts a generic netlink message for {@code familyId}; add attributes, then build. */
    public static MessageBuilder builder(int familyId, int flags, int seq, int cmd, int version) {
        MessageBuilder b = new MessageBuilder(familyId, flags, seq);
        ByteBuffer h = b.putStruct(SIZE);
        h.put(CMD, (byte) cmd);
        h.put(VERSION, (byte) version);
        return b;
    }

    /** The command of a generic netlink message. */
    public static int cmd(NetlinkMessage message) throws NetlinkFormatException {
        requireHeader(message);
        return Byte.toUnsignedInt(message.payload().get(CMD));
    }

    /** The attributes after the genlmsghdr and the family's fixed header of {@code familyHeaderSize} bytes. */
    public static Attributes attributes(NetlinkMessage message, int familyHeaderSize) throws NetlinkFormatException {
        requireHeader(message);
        ByteBuffer p = message.payload();
        int start = SIZE + familyHeaderSize;
        if (familyHeaderSize < 0 || start > p.limit()) {
            throw new NetlinkFormatException("generic netlink message of " + p.limit() + " payload bytes has no room for a "
                    + familyHeaderSize + "-byte family header");
        }
        return Attributes.parse(p.slice(start, p.limit() - start));
    }

    private static void requireHeader(NetlinkMessage message) throws NetlinkFormatException {
        if (message.payload().remaining() < SIZE) {
            throw new NetlinkFormatException("generic netlink message needs a " + SIZE + "-byte genlmsghdr, has "
                    + message.payload().remaining() + " bytes");
        }
    }
}
