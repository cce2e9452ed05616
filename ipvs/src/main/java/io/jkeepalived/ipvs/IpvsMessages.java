package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.MessageBuilder;
import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NlMsgHeader;
import io.jkeepalived.netlink.genl.GenlMsgHdr;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The IPVS generic netlink family of linux/include/uapi/linux/ip_vs.h: family name and version, the
 * {@code IPVS_CMD_*} commands and the first-level {@code IPVS_CMD_ATTR_*} attributes, plus the framing every
 * request shares. A request is
 *
 * <pre>
 *  0  nlmsghdr (16)   type = the family id the controller assigned, host order
 * 16  genlmsghdr (4)  cmd = IPVS_CMD_*, version = IPVS_GENL_VERSION (1); the family has no own header
 * 20  attributes      IPVS_CMD_ATTR_SERVICE / _DEST / _DAEMON nested, or the TIMEOUT_* u32s
 * </pre>
 *
 * The command-specific codecs ({@link ServiceMessages}, {@link DestinationMessages}, {@link DaemonMessages},
 * {@link ConfigMessages}, {@link InfoMessages}) build on this. FLUSH and ZERO carry nothing else and live here.
 */
public final class IpvsMessages {
    public static final String IPVS_GENL_NAME = "IPVS";
    public static final int IPVS_GENL_VERSION = 1;

    public static final int IPVS_CMD_NEW_SERVICE = 1;
    public static final int IPVS_CMD_SET_SERVICE = 2;
    public static final int IPVS_CMD_DEL_SERVICE = 3;
    public static final int IPVS_CMD_GET_SERVICE = 4;
    public static final int IPVS_CMD_NEW_DEST = 5;
    public static final int IPVS_CMD_SET_DEST = 6;
    public static final int IPVS_CMD_DEL_DEST = 7;
    public static final int IPVS_CMD_GET_DEST = 8;
    public static final int IPVS_CMD_NEW_DAEMON = 9;
    public static final int IPVS_CMD_DEL_DAEMON = 10;
    public static final int IPVS_CMD_GET_DAEMON = 11;
    public static final int IPVS_CMD_SET_CONFIG = 12;
    public static final int IPVS_CMD_GET_CONFIG = 13;
    public static final int IPVS_CMD_SET_INFO = 14;
    public static final int IPVS_CMD_GET_INFO = 15;
    public static final int IPVS_CMD_ZERO = 16;
    public static final int IPVS_CMD_FLUSH = 17;

    public static final int IPVS_CMD_ATTR_SERVICE = 1;
    public static final int IPVS_CMD_ATTR_DEST = 2;
    public static final int IPVS_CMD_ATTR_DAEMON = 3;
    public static final int IPVS_CMD_ATTR_TIMEOUT_TCP = 4;
    public static final int IPVS_CMD_ATTR_TIMEOUT_TCP_FIN = 5;
    public static final int IPVS_CMD_ATTR_TIMEOUT_UDP = 6;

    /** Flags of a change request: the kernel acknowledges it (or answers with the error). */
    public static final int CHANGE = NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK;
    /** Flags of a dump request. */
    public static final int DUMP = NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK | NlMsgHeader.NLM_F_DUMP;

    private static final String[] NAMES = {"IPVS_CMD_UNSPEC", "IPVS_CMD_NEW_SERVICE", "IPVS_CMD_SET_SERVICE",
        "IPVS_CMD_DEL_SERVICE", "IPVS_CMD_GET_SERVICE", "IPVS_CMD_NEW_DEST", "IPVS_CMD_SET_DEST", "IPVS_CMD_DEL_DEST",
        "IPVS_CMD_GET_DEST", "IPVS_CMD_NEW_DAEMON", "IPVS_CMD_DEL_DAEMON", "IPVS_CMD_GET_DAEMON", "IPVS_CMD_SET_CONFIG",
        "IPVS_CMD_GET_CONFIG", "IPVS_CMD_SET_INFO", "IPVS_CMD_GET_INFO", "IPVS_CMD_ZERO", "IPVS_CMD_FLUSH"};

    private IpvsMessages() {
    }

    /** "IPVS_CMD_NEW_SERVICE" for 1, for error messages. */
    public static String commandName(int cmd) {
        return cmd >= 0 && cmd < NAMES.length ? NAMES[cmd] : "IPVS_CMD_" + cmd;
    }

    /** Starts an IPVS request: nlmsghdr for {@code familyId}, genlmsghdr with {@code cmd}, version 1. */
    public static MessageBuilder request(int familyId, int flags, int seq, int cmd) {
        return GenlMsgHdr.builder(familyId, flags, seq, cmd, IPVS_GENL_VERSION);
    }

    /** IPVS_CMD_FLUSH: deletes every service (and so every destination) of the socket's network namespace. */
    public static ByteBuffer flush(int familyId, int seq) {
        return request(familyId, CHANGE, seq, IPVS_CMD_FLUSH).build();
    }

    /** IPVS_CMD_ZERO without a service: zeroes all counters. */
    public static ByteBuffer zeroAll(int familyId, int seq) {
        return request(familyId, CHANGE, seq, IPVS_CMD_ZERO).build();
    }

    /** The first-level attributes of a reply, after checking that it is the expected command. */
    static Attributes replyAttributes(NetlinkMessage message, int expectedCmd) throws NetlinkFormatException {
        int cmd = GenlMsgHdr.cmd(message);
        if (cmd != expectedCmd) {
            throw new NetlinkFormatException("expected " + commandName(expectedCmd) + ", got " + commandName(cmd));
        }
        return GenlMsgHdr.attributes(message, 0);
    }

    // ---- value helpers shared by the attribute codecs

    /** A u16 in network order, as {@code nla_put_be16} writes ports. */
    static byte[] be16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    static int be16(Attributes attrs, int type, String what) throws NetlinkFormatException {
        byte[] b = attrs.bytes(type);
        if (b == null) {
            return 0;
        }
        if (b.length < 2) {
            throw new NetlinkFormatException(what + " has " + b.length + " bytes, needs 2");
        }
        return ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    }

    static byte[] be32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(value).array();
    }

    /** A u64 value in host order ({@code nla_put_u64_64bit}), or 0 when absent. */
    static long u64(Attributes attrs, int type, String what) throws NetlinkFormatException {
        byte[] b = attrs.bytes(type);
        if (b == null) {
            return 0;
        }
        if (b.length < 8) {
            throw new NetlinkFormatException(what + " has " + b.length + " bytes, needs 8");
        }
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getLong(0);
    }

    /**
     * An address attribute: the kernel sends the whole {@code union nf_inet_addr} (16 bytes, IPv4 in the first 4);
     * requests may carry just the address's own length, which the kernel copies into a zeroed union.
     */
    static InetAddress address(Attributes attrs, int type, AddressFamily family, String what) throws NetlinkFormatException {
        byte[] b = attrs.bytes(type);
        if (b == null) {
            throw new NetlinkFormatException(what + " missing");
        }
        if (b.length < family.addressLength()) {
            throw new NetlinkFormatException(what + " has " + b.length + " bytes, an " + family.label() + " address needs "
                    + family.addressLength());
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOf(b, family.addressLength()));
        } catch (UnknownHostException e) {
            throw new NetlinkFormatException(what + ": " + e.getMessage());
        }
    }
}
