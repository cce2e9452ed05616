package io.jkeepalived.netlink.raw;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;

/**
 * The raw socket VRRP adverts are read from, set up as keepalived's {@code open_vrrp_read_socket} does:
 * {@code SO_RCVBUF} as configured, {@code IP(V6)_MULTICAST_ALL} off, in multicast mode the group joined on the
 * interface index and the socket bound to the group address (so unicast VRRP to this host is not mixed in), in
 * unicast mode bound to {@code unicast_src_ip}; bound to the interface; IPv6: {@code IPV6_RECVHOPLIMIT} and
 * {@code IPV6_RECVPKTINFO}, and {@code IPV6_CHECKSUM} at 6 so the kernel drops adverts with a bad checksum.
 * IPv4 also asks for {@code IP_PKTINFO} and {@code IP_RECVTTL}, so both families report interface, destination
 * and TTL/hop limit the same way ({@link ControlMessages}).
 */
public final class VrrpReceiveSocket extends NativeSocket {
    /** Room for the largest VRRP packet: IPv4 header with options, AH, 255 IPv6 addresses. */
    private static final int MAX_PACKET = 65_535;

    private final VrrpSocketConfig config;

    private VrrpReceiveSocket(RawLibc libc, int fd, VrrpSocketConfig config) {
        super(libc, fd, (config.ipv6() ? "VRRP6" : "VRRP4") + " receive", MAX_PACKET);
        this.config = config;
    }

    public static VrrpReceiveSocket open(VrrpSocketConfig config) throws IOException {
        RawLibc libc = RawLibc.get();
        return configured(new VrrpReceiveSocket(libc, openVrrp(libc, config), config), VrrpReceiveSocket::configure);
    }

    private void configure() throws IOException {
        boolean v6 = config.ipv6();
        if (config.receiveBufferSize() > 0) {
            setInt(RawLibc.SOL_SOCKET, RawLibc.SO_RCVBUF, config.receiveBufferSize(), "SO_RCVBUF");
            if (receiveBufferSize() < config.receiveBufferSize()) {
                // SO_RCVBUF is silently capped at net.core.rmem_max; a burst of adverts from many instances would
                // then be dropped. With CAP_NET_ADMIN, SO_RCVBUFFORCE grants the size asked for.
                try {
                    setInt(RawLibc.SOL_SOCKET, RawLibc.SO_RCVBUFFORCE, config.receiveBufferSize(), "SO_RCVBUFFORCE");
                } catch (IOException notPermitted) {
                    // Keep the capped size, as keepalived does (it only ever uses SO_RCVBUF).
                }
            }
        }
        VrrpSendSocket.multicastAllOff(this, v6);
        if (!config.unicastMode()) {
            if (v6) {
                set(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_JOIN_GROUP,
                        SocketAddresses.ipv6Mreq((Inet6Address) config.multicastGroup(), config.interfaceIndex()),
                        "IPV6_JOIN_GROUP " + config.multicastGroup().getHostAddress());
            } else {
                set(RawLibc.IPPROTO_IP, RawLibc.IP_ADD_MEMBERSHIP,
                        SocketAddresses.ipMreqn((Inet4Address) config.multicastGroup(), config.interfaceIndex()),
                        "IP_ADD_MEMBERSHIP " + config.multicastGroup().getHostAddress());
            }
            bindTo(SocketAddresses.inet(config.multicastGroup(), v6 ? config.interfaceIndex() : 0),
                    config.multicastGroup().getHostAddress());
        } else {
            if (config.interfaceName() != null) {
                // Binding to a link-local or otherwise interface-owned address needs the device first (keepalived
                // does the same for VRF masters).
                bindToDevice(config.interfaceName());
            }
            int scope = config.unicastSource().isLinkLocalAddress() ? Math.max(config.interfaceIndex(), 0) : 0;
            bindTo(SocketAddresses.inet(config.unicastSource(), scope),
                    "unicast_src_ip " + config.unicastSource().getHostAddress());
        }
        if (v6) {
            setInt(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
            setInt(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
        } else {
            setInt(RawLibc.IPPROTO_IP, RawLibc.IP_PKTINFO, 1, "IP_PKTINFO");
            setInt(RawLibc.IPPROTO_IP, RawLibc.IP_RECVTTL, 1, "IP_RECVTTL");
        }
        if (config.interfaceName() != null && !config.unicastMode()) {
            bindToDevice(config.interfaceName());
        }
        if (v6) {
            setInt(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_CHECKSUM, 6, "IPV6_CHECKSUM");
        }
    }

    /** The receive buffer the kernel granted (it doubles the requested size for bookkeeping). */
    public int receiveBufferSize() throws IOException {
        return getInt(RawLibc.SOL_SOCKET, RawLibc.SO_RCVBUF, "SO_RCVBUF");
    }

    /** Waits up to {@code timeout} for one packet; null if none arrived. */
    public ReceivedPacket receive(Duration timeout) throws IOException {
        return toPacket(receiveRaw(timeout));
    }

    /** One queued packet without waiting (for an event loop that saw the fd readable); null if none. */
    public ReceivedPacket tryReceive() throws IOException {
        return toPacket(tryReceiveRaw());
    }

    private static ReceivedPacket toPacket(RawMessage m) {
        if (m == null) {
            return null;
        }
        ControlMessages.Ancillary a = ControlMessages.decode(m.control(), m.controlLength());
        return new ReceivedPacket(m.data(), m.truncated(), a.ifIndex(), a.hopLimit(),
                SocketAddresses.decodeInet(m.name(), m.nameLength()), a.destination());
    }

    public VrrpSocketConfig config() {
        return config;
    }
}
