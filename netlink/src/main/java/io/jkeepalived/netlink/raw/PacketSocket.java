package io.jkeepalived.netlink.raw;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * An {@code AF_PACKET, SOCK_RAW} socket: whole Ethernet frames, for gratuitous ARP ({@link GratuitousArpFrame}) and
 * unsolicited neighbour advertisements ({@link UnsolicitedNeighbourAdvert}), which keepalived also writes at the
 * link layer ({@code vrrp_arp.c}, {@code vrrp_ndisc.c}) so that they leave even before the address is usable.
 *
 * <p>A {@link #sender(int) sender} drops everything it would receive, as keepalived's does. A
 * {@link #receiver(int, int) receiver} is bound to one ether type on one interface (used by tests to capture what a
 * peer sent).
 */
public final class PacketSocket extends NativeSocket {
    /** Ether types (IEEE 802 numbers). */
    public static final int ETHERTYPE_ARP = RawLibc.ETH_P_ARP;
    public static final int ETHERTYPE_IPV6 = RawLibc.ETH_P_IPV6;
    public static final int ETHERTYPE_ALL = RawLibc.ETH_P_ALL;

    private static final int MAX_FRAME = 65_535;

    private PacketSocket(RawLibc libc, int fd, String what) {
        super(libc, fd, what, MAX_FRAME);
    }

    /** A send-only socket for frames of {@code etherType} (ARP or IPv6), any interface. */
    public static PacketSocket sender(int etherType) throws IOException {
        RawLibc libc = RawLibc.get();
        int fd = open(libc, RawLibc.AF_PACKET, SocketAddresses.htons(etherType), "AF_PACKET, SOCK_RAW");
        PacketSocket s = new PacketSocket(libc, fd, "AF_PACKET send 0x" + Integer.toHexString(etherType));
        try {
            s.dropEverything();
        } catch (IOException e) {
            closeQuietly(s, e);
            throw e;
        }
        return s;
    }

    /** A socket receiving frames of {@code etherType} arriving on {@code ifIndex}. */
    public static PacketSocket receiver(int etherType, int ifIndex) throws IOException {
        RawLibc libc = RawLibc.get();
        int fd = open(libc, RawLibc.AF_PACKET, SocketAddresses.htons(etherType), "AF_PACKET, SOCK_RAW");
        PacketSocket s = new PacketSocket(libc, fd, "AF_PACKET receive 0x" + Integer.toHexString(etherType));
        try {
            s.bindTo(SocketAddresses.link(etherType, ifIndex, null), "sockaddr_ll ifindex " + ifIndex);
        } catch (IOException e) {
            closeQuietly(s, e);
            throw e;
        }
        return s;
    }

    /**
     * Sends one complete Ethernet frame (destination, source, ether type, payload) out of {@code ifIndex}.
     *
     * @return bytes sent
     */
    public int send(byte[] frame, int ifIndex) throws IOException {
        if (frame.length < 14) {
            throw new IllegalArgumentException("an Ethernet frame has at least 14 bytes, got " + frame.length);
        }
        int etherType = Short.toUnsignedInt(ByteBuffer.wrap(frame).order(ByteOrder.BIG_ENDIAN).getShort(12));
        byte[] destination = new byte[6];
        System.arraycopy(frame, 0, destination, 0, 6);
        return sendRaw(frame, SocketAddresses.link(etherType, ifIndex, destination), null, 0);
    }

    /** One received frame and the interface it came in on. */
    public record Frame(byte[] bytes, int ifIndex, boolean truncated) {
    }

    /** Waits up to {@code timeout} for a frame; null if none arrived. */
    public Frame receive(Duration timeout) throws IOException {
        RawMessage m = receiveRaw(timeout);
        return m == null ? null
                : new Frame(m.data(), SocketAddresses.decodeLinkIfIndex(m.name(), m.nameLength()), m.truncated());
    }

    private static void closeQuietly(NativeSocket s, Exception cause) {
        try {
            s.close();
        } catch (IOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }
}
