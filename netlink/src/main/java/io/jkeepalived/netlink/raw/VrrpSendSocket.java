package io.jkeepalived.netlink.raw;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The raw socket VRRP adverts are sent on, set up as keepalived's {@code open_vrrp_send_socket} does:
 * no receive buffer and a drop-everything filter (nothing is read from it), {@code IP_MULTICAST_ALL}/
 * {@code IPV6_MULTICAST_ALL} off, bound to the interface, {@code IP_MULTICAST_IF}/{@code IPV6_MULTICAST_IF} and
 * multicast loop off in multicast mode, TOS/traffic class 0xc0 (network control). IPv4 optionally with
 * {@code IP_HDRINCL} (keepalived builds the header itself); either way TTL and multicast TTL are 255
 * (RFC 5798 §5.1.1.3). IPv6: hop limits 255 (§5.1.2.3) and {@code IPV6_CHECKSUM} at offset 6, so the kernel
 * writes the VRRP checksum with its pseudo-header.
 */
public final class VrrpSendSocket extends NativeSocket {
    private static final int TTL = 255;
    private static final int TOS_NETWORK_CONTROL = 0xc0;
    private static final int VRRP_CHECKSUM_OFFSET = 6;

    private final VrrpSocketConfig config;

    private VrrpSendSocket(RawLibc libc, int fd, VrrpSocketConfig config) {
        super(libc, fd, (config.ipv6() ? "VRRP6" : "VRRP4") + " send", 0);
        this.config = config;
    }

    public static VrrpSendSocket open(VrrpSocketConfig config) throws IOException {
        RawLibc libc = RawLibc.get();
        return configured(new VrrpSendSocket(libc, openVrrp(libc, config), config), VrrpSendSocket::configure);
    }

    private void configure() throws IOException {
        setInt(RawLibc.SOL_SOCKET, RawLibc.SO_RCVBUF, 0, "SO_RCVBUF");
        boolean multicast = !config.unicastMode();
        if (config.ipv6()) {
            multicastAllOff(this, true);
            setInt(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_CHECKSUM, VRRP_CHECKSUM_OFFSET, "IPV6_CHECKSUM");
            setInt(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_MULTICAST_HOPS, TTL, "IPV6_MULTICAST_HOPS");
            setInt(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_UNICAST_HOPS, TTL, "IPV6_UNICAST_HOPS");
            setInt(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_TCLASS, TOS_NETWORK_CONTROL, "IPV6_TCLASS");
        } else {
            multicastAllOff(this, false);
            if (config.headerIncluded()) {
                setInt(RawLibc.IPPROTO_IP, RawLibc.IP_HDRINCL, 1, "IP_HDRINCL");
            }
            setInt(RawLibc.IPPROTO_IP, RawLibc.IP_TTL, TTL, "IP_TTL");
            setInt(RawLibc.IPPROTO_IP, RawLibc.IP_MULTICAST_TTL, TTL, "IP_MULTICAST_TTL");
            setInt(RawLibc.IPPROTO_IP, RawLibc.IP_TOS, TOS_NETWORK_CONTROL, "IP_TOS");
        }
        if (config.interfaceName() != null) {
            bindToDevice(config.interfaceName());
            if (multicast) {
                if (config.ipv6()) {
                    setInt(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_MULTICAST_IF, config.interfaceIndex(),
                            "IPV6_MULTICAST_IF");
                    setInt(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
                } else {
                    set(RawLibc.IPPROTO_IP, RawLibc.IP_MULTICAST_IF,
                            SocketAddresses.ipMreqn(null, config.interfaceIndex()), "IP_MULTICAST_IF");
                    setInt(RawLibc.IPPROTO_IP, RawLibc.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
                }
            }
        }
        dropEverything();
    }

    /** {@code IP(V6)_MULTICAST_ALL} off: only groups this socket joined are delivered (keepalived does the same). */
    static void multicastAllOff(NativeSocket s, boolean v6) throws IOException {
        if (v6) {
            try {
                s.setInt(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_MULTICAST_ALL, 0, "IPV6_MULTICAST_ALL");
            } catch (IOException olderKernel) {
                // IPV6_MULTICAST_ALL exists since Linux 4.20; keepalived skips it where it is missing too.
            }
        } else {
            s.setInt(RawLibc.IPPROTO_IP, RawLibc.IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
        }
    }

    /**
     * Sends one packet to the configured group, or to {@code destination} (a {@code unicast_peer}) when given.
     * IPv4: {@code packet} starts with the IPv4 header when the socket is {@code IP_HDRINCL}, else it is the VRRP
     * packet; without {@code IP_HDRINCL} a given {@code source} goes in an {@code IP_PKTINFO} control message.
     * IPv6: the VRRP packet; its source is {@code source} when given (an {@code IPV6_PKTINFO} control message,
     * as keepalived sends), otherwise the kernel's choice (the interface's link-local address for ff02::12).
     *
     * @return bytes sent
     */
    public int send(byte[] packet, InetAddress destination, InetAddress source) throws IOException {
        InetAddress to = destination != null ? destination : config.multicastGroup();
        if (to == null) {
            throw new IllegalArgumentException("unicast VRRP socket needs a destination (unicast_peer)");
        }
        if (config.ipv6() != (to instanceof Inet6Address)) {
            throw new IllegalArgumentException(to.getHostAddress() + " is not of the socket's family");
        }
        int scope = to.isLinkLocalAddress() || to.isMulticastAddress() ? Math.max(config.interfaceIndex(), 0) : 0;
        byte[] name = SocketAddresses.inet(to, scope);
        byte[] control = null;
        if (config.ipv6() && (source != null || config.interfaceIndex() > 0)) {
            // struct in6_pktinfo: source address (:: lets the kernel choose) and the outgoing interface.
            ByteBuffer info = ByteBuffer.allocate(20).order(ByteOrder.BIG_ENDIAN);
            info.put(source instanceof Inet6Address ? source.getAddress() : new byte[16]);
            info.order(ByteOrder.nativeOrder()).putInt(Math.max(config.interfaceIndex(), 0));
            control = ControlMessages.encode(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_PKTINFO, info.array());
        } else if (!config.ipv6() && source != null) {
            if (!(source instanceof Inet4Address)) {
                throw new IllegalArgumentException(source.getHostAddress() + " is not IPv4");
            }
            if (!config.headerIncluded()) {
                // struct in_pktinfo: interface, ipi_spec_dst = the source address to use, ipi_addr unused on send.
                // With IP_HDRINCL the source is in the caller's header instead.
                ByteBuffer info = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
                info.putInt(Math.max(config.interfaceIndex(), 0));
                info.order(ByteOrder.BIG_ENDIAN).put(source.getAddress()).putInt(0);
                control = ControlMessages.encode(RawLibc.IPPROTO_IP, RawLibc.IP_PKTINFO, info.array());
            }
        }
        // Multicast adverts never need a route: MSG_DONTROUTE as keepalived sends them.
        int flags = to.isMulticastAddress() ? RawLibc.MSG_DONTROUTE : 0;
        return sendRaw(packet, name, control, flags);
    }

    public VrrpSocketConfig config() {
        return config;
    }
}
