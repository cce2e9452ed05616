package io.jkeepalived.ipvs;

import io.jkeepalived.conf.net.InetText;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What identifies a virtual service to the kernel (ip_vs_ctl.c {@code ip_vs_genl_parse_service}): the address
 * family plus either protocol, address and port, or a firewall mark. The kernel files fwmark services under TCP;
 * here a fwmark key has no protocol, address or port.
 *
 * @param family   AF of the service
 * @param protocol null for a fwmark service
 * @param address  null for a fwmark service
 * @param port     0..65535; 0 for a fwmark service (and for a port-less persistent service)
 * @param fwmark   0 for an address service, else the mark (unsigned 32 bits)
 */
public record IpvsServiceKey(AddressFamily family, IpvsProtocol protocol, InetAddress address, int port, int fwmark) {
    public IpvsServiceKey {
        Objects.requireNonNull(family, "family");
        if (fwmark != 0) {
            if (protocol != null || address != null || port != 0) {
                throw new IllegalArgumentException("a fwmark service has no protocol, address or port");
            }
        } else {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            if (AddressFamily.of(address) != family) {
                throw new IllegalArgumentException(address.getHostAddress() + " is not an " + family.label() + " address");
            }
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** A service by protocol, address and port; the family follows the address. */
    public static IpvsServiceKey of(IpvsProtocol protocol, InetAddress address, int port) {
        return new IpvsServiceKey(AddressFamily.of(address), protocol, address, port, 0);
    }

    /** A firewall-mark service of {@code family}. */
    public static IpvsServiceKey fwmark(AddressFamily family, int mark) {
        if (mark == 0) {
            throw new IllegalArgumentException("fwmark 0 does not select a service");
        }
        return new IpvsServiceKey(family, null, null, 0, mark);
    }

    public boolean isFwmark() {
        return fwmark != 0;
    }

    /** As errors and ipvsadm show it: {@code TCP 198.51.100.10:80}, {@code UDP [2001:db8::1]:53}, {@code FWM 7 IPv6}. */
    @Override
    public String toString() {
        if (isFwmark()) {
            return "FWM " + Integer.toUnsignedString(fwmark) + (family == AddressFamily.INET6 ? " IPv6" : "");
        }
        return protocol + " " + hostPort(address, port);
    }

    /** {@code 198.51.100.10:80} or {@code [2001:db8::10]:443} (RFC 5952 text, as ipvsadm prints it). */
    public static String hostPort(InetAddress address, int port) {
        return (address instanceof Inet6Address ? "[" + InetText.ntop(address.getAddress()) + "]" : address.getHostAddress()) + ":" + port;
    }

}
