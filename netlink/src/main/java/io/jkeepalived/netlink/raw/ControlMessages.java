package io.jkeepalived.netlink.raw;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decoder of the ancillary data ({@code msg_control}) that {@code recvmsg} returns on a VRRP receive socket:
 * a sequence of {@code struct cmsghdr} (LP64: {@code size_t cmsg_len}, {@code int cmsg_level}, {@code int cmsg_type},
 * 16 bytes, data padded to 8 bytes; see cmsg(3)), all in host byte order.
 *
 * <p>Kept: {@code IP_PKTINFO} ({@code struct in_pktinfo}: ifindex, spec_dst, addr — addr is the header's destination),
 * {@code IP_TTL} (int), {@code IPV6_PKTINFO} ({@code struct in6_pktinfo}: addr, ifindex) and {@code IPV6_HOPLIMIT}
 * (int). As keepalived does, a message of a known type but the wrong data length is skipped, and unknown messages
 * are ignored. A {@code cmsg_len} shorter than the header or running past the buffer is malformed and rejected
 * (the kernel never writes one; {@code MSG_CTRUNC} shortens {@code cmsg_len} to what fits).
 */
public final class ControlMessages {
    /** {@code sizeof(struct cmsghdr)} on LP64 Linux. */
    static final int HEADER_SIZE = 16;
    private static final int ALIGN = 8;
    private static final int IN_PKTINFO_SIZE = 12;
    private static final int IN6_PKTINFO_SIZE = 20;
    private static final int INT_SIZE = 4;

    private ControlMessages() {
    }

    /**
     * What the ancillary data said about a received packet.
     *
     * @param ifIndex     receiving interface index, -1 if not reported
     * @param hopLimit    IPv4 TTL or IPv6 hop limit of the packet, -1 if not reported
     * @param destination the packet's destination address (for multicast: the group), null if not reported
     */
    public record Ancillary(int ifIndex, int hopLimit, InetAddress destination) {
        static final Ancillary NONE = new Ancillary(-1, -1, null);
    }

    /**
     * Decodes {@code length} bytes of control data from the start of {@code control}.
     *
     * @throws IllegalArgumentException on a malformed {@code cmsg_len}
     */
    public static Ancillary decode(byte[] control, int length) {
        if (length < 0 || length > control.length) {
            throw new IllegalArgumentException("control length " + length + " outside buffer of " + control.length);
        }
        ByteBuffer b = ByteBuffer.wrap(control, 0, length).order(ByteOrder.nativeOrder());
        int ifIndex = -1;
        int hopLimit = -1;
        InetAddress destination = null;
        int offset = 0;
        // Bounded: every step advances by at least HEADER_SIZE.
        while (length - offset >= HEADER_SIZE) {
            long cmsgLen = b.getLong(offset);
            if (cmsgLen < HEADER_SIZE || cmsgLen > length - offset) {
                throw new IllegalArgumentException("cmsg_len " + Long.toUnsignedString(cmsgLen) + " at offset " + offset
                        + " does not fit the " + length + "-byte control buffer");
            }
            int level = b.getInt(offset + 8);
            int type = b.getInt(offset + 12);
            int data = offset + HEADER_SIZE;
            int dataLength = (int) cmsgLen - HEADER_SIZE;
            if (level == RawLibc.IPPROTO_IP) {
                if (type == RawLibc.IP_PKTINFO && dataLength == IN_PKTINFO_SIZE) {
                    ifIndex = b.getInt(data);
                    destination = address(control, data + 8, 4);
                } else if (type == RawLibc.IP_TTL && dataLength == INT_SIZE) {
                    hopLimit = b.getInt(data);
                }
            } else if (level == RawLibc.IPPROTO_IPV6) {
                if (type == RawLibc.IPV6_PKTINFO && dataLength == IN6_PKTINFO_SIZE) {
                    destination = address(control, data, 16);
                    ifIndex = b.getInt(data + 16);
                } else if (type == RawLibc.IPV6_HOPLIMIT && dataLength == INT_SIZE) {
                    hopLimit = b.getInt(data);
                }
            }
            long next = offset + ((cmsgLen + ALIGN - 1) & -ALIGN);
            if (next >= length) {
                break;
            }
            offset = (int) next;
        }
        return new Ancillary(ifIndex, hopLimit, destination);
    }

    /** Encodes one control message (used to send {@code IPV6_PKTINFO}, and by tests); data is padded to 8 bytes. */
    static byte[] encode(int level, int type, byte[] data) {
        int total = HEADER_SIZE + ((data.length + ALIGN - 1) & -ALIGN);
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.nativeOrder());
        b.putLong(HEADER_SIZE + data.length).putInt(level).putInt(type).put(data);
        return b.array();
    }

    private static InetAddress address(byte[] bytes, int offset, int size) {
        byte[] a = new byte[size];
        System.arraycopy(bytes, offset, a, 0, size);
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
