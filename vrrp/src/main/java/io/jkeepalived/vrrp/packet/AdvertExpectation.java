package io.jkeepalived.vrrp.packet;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a VRRP instance accepts: the parts of keepalived's {@code vrrp_t} that {@code vrrp_check_packet} reads.
 *
 * @param version            {@code vrrp_version} of the instance
 * @param vrid               {@code virtual_router_id}
 * @param authType           {@code authentication { auth_type }}; NONE for v3 and IPv6
 * @param authData           {@code auth_pass} (the PASS password or the AH key), {@link AuthData#ZERO} for NONE
 * @param adverInt           {@code advert_int}; VRRPv2 drops adverts announcing another interval
 * @param vips               {@code virtual_ipaddress} (the addresses the adverts must list)
 * @param unicast            whether the instance has {@code unicast_peer}s (then TTL is not forced to 255, a
 *                           multicast advert is refused, and the AH ICV does not cover the TTL)
 * @param checkUnicastSource {@code check_unicast_src} (instance or global): only listed peers may send
 * @param unicastPeers       the peers, for {@code checkUnicastSource}
 */
public record AdvertExpectation(VrrpVersion version, int vrid, AuthType authType, AuthData authData,
                                Duration adverInt, List<InetAddress> vips, boolean unicast,
                                boolean checkUnicastSource, List<UnicastPeer> unicastPeers) {
    public AdvertExpectation {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(authData, "authData");
        Objects.requireNonNull(adverInt, "adverInt");
        vips = List.copyOf(vips);
        unicastPeers = List.copyOf(unicastPeers);
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid must be 1..255, got " + vrid);
        }
        if (version == VrrpVersion.V3 && authType != AuthType.NONE) {
            // keepalived: "VRRP version 3 does not support authentication. Ignoring."
            throw new IllegalArgumentException("VRRP version 3 does not support authentication");
        }
    }

    /** A multicast instance without authentication. */
    public static AdvertExpectation multicast(VrrpVersion version, int vrid, Duration adverInt,
                                              List<? extends InetAddress> vips) {
        return new AdvertExpectation(version, vrid, AuthType.NONE, AuthData.ZERO, adverInt, List.copyOf(vips), false,
                false, List.of());
    }

    /** The same expectation with {@code auth_type} and {@code auth_pass}. */
    public AdvertExpectation withAuth(AuthType type, AuthData data) {
        return new AdvertExpectation(version, vrid, type, data, adverInt, vips, unicast, checkUnicastSource,
                unicastPeers);
    }

    /** The same expectation as a unicast instance with these peers. */
    public AdvertExpectation withUnicastPeers(boolean checkSource, List<UnicastPeer> peers) {
        return new AdvertExpectation(version, vrid, authType, authData, adverInt, vips, true, checkSource, peers);
    }
}
