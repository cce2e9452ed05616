package io.jkeepalived.netlink.raw;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Linux socket address structures as bytes: {@code sockaddr_in} (16 bytes), {@code sockaddr_in6} (28),
 * {@code sockaddr_ll} (20), {@code ip_mreqn} (12) and {@code ipv6_mreq} (20). Family, interface index and hardware
 * type are host order; port, protocol and addresses network order, which is why every buffer names its order.
 */
final class SocketAddresses {
    static final int SOCKADDR_IN_SIZE = 16;
    static final int SOCKADDR_IN6_SIZE = 28;
    static final int SOCKADDR_LL_SIZE = 20;
    /** Room for any of the above as a {@code recvmsg} name. */
    static final int NAME_CAPACITY = 32;

    private SocketAddresses() {
    }

    static byte[] inet(InetAddress address, int scopeId) {
        if (address instanceof Inet4Address) {
            ByteBuffer b = ByteBuffer.allocate(SOCKADDR_IN_SIZE).order(ByteOrder.nativeOrder());
            b.putShort((short) RawLibc.AF_INET);
            b.order(ByteOrder.BIG_ENDIAN).putShort((short) 0);
            b.put(address.getAddress());
            return b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(SOCKADDR_IN6_SIZE).order(ByteOrder.nativeOrder());
        b.putShort((short) RawLibc.AF_INET6);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) 0).putInt(0);
        b.put(address.getAddress());
        b.order(ByteOrder.nativeOrder()).putInt(scopeId);
        return b.array();
    }

    /** {@code sockaddr_ll} for sending a frame of {@code etherType} on {@code ifIndex} to {@code destinationMac}. */
    static byte[] link(int etherType, int ifIndex, byte[] destinationMac) {
        ByteBuffer b = ByteBuffer.allocate(SOCKADDR_LL_SIZE).order(ByteOrder.nativeOrder());
        b.putShort((short) RawLibc.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) etherType);
        b.order(ByteOrder.nativeOrder()).putInt(ifIndex);
        b.putShort((short) 1); // ARPHRD_ETHER
        b.put((byte) 0); // sll_pkttype, ignored on send
        int length = destinationMac == null ? 0 : Math.min(destinationMac.length, 8);
        b.put((byte) length);
        if (length > 0) {
            b.put(destinationMac, 0, length);
        }
        return b.array();
    }

    /** {@code struct ip_mreqn}: group, no local address (the kernel picks it from the interface), interface index. */
    static byte[] ipMreqn(Inet4Address group, int ifIndex) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN);
        b.put(group == null ? new byte[4] : group.getAddress());
        b.putInt(0);
        b.order(ByteOrder.nativeOrder()).putInt(ifIndex);
        return b.array();
    }

    /** {@code struct ipv6_mreq}: group and interface index. */
    static byte[] ipv6Mreq(Inet6Address group, int ifIndex) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.BIG_ENDIAN);
        b.put(group.getAddress());
        b.order(ByteOrder.nativeOrder()).putInt(ifIndex);
        return b.array();
    }

    /**
     * The address in a {@code sockaddr_in}/{@code sockaddr_in6} that {@code recvmsg} filled in, or null when the
     * name is too short or of another family.
     */
    static InetAddress decodeInet(byte[] name, int length) {
        if (length < 2 || length > name.length) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(name, 0, length).order(ByteOrder.nativeOrder());
        int family = Short.toUnsignedInt(b.getShort(0));
        try {
            if (family == RawLibc.AF_INET && length >= 8) {
                byte[] a = new byte[4];
                System.arraycopy(name, 4, a, 0, 4);
                return InetAddress.getByAddress(a);
            }
            if (family == RawLibc.AF_INET6 && length >= 24) {
                byte[] a = new byte[16];
                System.arraycopy(name, 8, a, 0, 16);
                return InetAddress.getByAddress(a);
            }
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        return null;
    }

    /** {@code sll_ifindex} of a {@code sockaddr_ll} that {@code recvmsg} filled in, or -1. */
    static int decodeLinkIfIndex(byte[] name, int length) {
        if (length < 8 || length > name.length) {
            return -1;
        }
        return ByteBuffer.wrap(name).order(ByteOrder.nativeOrder()).getInt(4);
    }

    /** {@code htons} for the protocol argument of an AF_PACKET {@code socket()}. */
    static int htons(int value) {
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
                ? value & 0xffff
                : Short.toUnsignedInt(Short.reverseBytes((short) value));
    }
}
