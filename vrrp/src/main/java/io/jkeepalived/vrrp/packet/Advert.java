package io.jkeepalived.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * A VRRP advertisement's content: what the VRRP message says, without its checksum and IP framing.
 *
 * @param version   VRRPv2 (RFC 3768) or VRRPv3 (RFC 5798)
 * @param vrid      virtual router ID, 1..255
 * @param priority  0..255 (0: the master stops, 255: address owner)
 * @param adverInt  the wire value: whole seconds 0..255 for v2, centiseconds 0..4095 for v3 (the 12-bit
 *                  "Max Adver Int"; the 4 reserved bits before it are sent as zero and ignored on receive)
 * @param authType  v2 "Auth Type"; always {@link AuthType#NONE} for v3
 * @param authData  the 8 octets of v2 "Authentication Data" as sent (the password for PASS, zeros otherwise);
 *                  {@link AuthData#ZERO} for v3 and for IPv6, which carry no such field
 * @param addresses the virtual addresses, at most 255, all IPv4 or all IPv6 (by the advert's family)
 */
public record Advert(VrrpVersion version, int vrid, int priority, int adverInt, AuthType authType, AuthData authData,
                     List<InetAddress> addresses) {
    public static final int MAX_ADDRESSES = 255;

    public Advert {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(authData, "authData");
        addresses = List.copyOf(addresses);
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid must be 1..255, got " + vrid);
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority must be 0..255, got " + priority);
        }
        int maxInt = version == VrrpVersion.V2 ? 0xff : VrrpMessage.V3_MAX_ADVER_INT;
        if (adverInt < 0 || adverInt > maxInt) {
            throw new IllegalArgumentException("adverInt must be 0.." + maxInt + " for " + version + ", got " + adverInt);
        }
        if (version == VrrpVersion.V3 && (authType != AuthType.NONE || !authData.equals(AuthData.ZERO))) {
            throw new IllegalArgumentException("VRRP version 3 has no authentication");
        }
        if (addresses.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("at most " + MAX_ADDRESSES + " addresses, got " + addresses.size());
        }
        if (!addresses.isEmpty()) {
            boolean v4 = addresses.get(0) instanceof Inet4Address;
            for (InetAddress a : addresses) {
                if ((a instanceof Inet4Address) != v4) {
                    throw new IllegalArgumentException("addresses mix IPv4 and IPv6: " + addresses);
                }
            }
        }
    }

    /** A VRRPv2 advert. */
    public static Advert v2(int vrid, int priority, int adverIntSeconds, AuthType authType, AuthData authData,
                            List<? extends InetAddress> addresses) {
        return new Advert(VrrpVersion.V2, vrid, priority, adverIntSeconds, authType, authData, List.copyOf(addresses));
    }

    /** A VRRPv3 advert. */
    public static Advert v3(int vrid, int priority, int adverIntCentis, List<? extends InetAddress> addresses) {
        return new Advert(VrrpVersion.V3, vrid, priority, adverIntCentis, AuthType.NONE, AuthData.ZERO,
                List.copyOf(addresses));
    }

    /** The advertisement interval in centiseconds whatever the version (v2 carries whole seconds). */
    public int adverIntCentis() {
        return version == VrrpVersion.V2 ? adverInt * 100 : adverInt;
    }

    /** The same advert with another priority (keepalived sends priority 0 on shutdown, the effective one else). */
    public Advert withPriority(int newPriority) {
        return new Advert(version, vrid, newPriority, adverInt, authType, authData, addresses);
    }
}
