package io.jkeepalived.conf.model.vrrp;

import java.util.List;

/**
 * Where an instance sends and from where it accepts adverts.
 *
 * @param srcIp           {@code unicast_src_ip} / {@code mcast_src_ip}, or null (the interface's primary address)
 * @param peers           {@code unicast_peer} entries; non-empty means unicast mode
 * @param unicastConfigured a unicast keyword was given (unicast_src_ip, unicast_peer, check_unicast_src,
 *                        unicast_fault_no_peer, old_unicast_checksum), even with no peer left
 * @param ttl             {@code unicast_ttl}: the TTL/hop limit of sent unicast adverts; -1 = not set
 *                        (255 for IPv4, the kernel's default hop limit for IPv6). keepalived resets it when
 *                        there are no unicast peers
 * @param checkUnicastSrc {@code check_unicast_src} (or a peer with min_ttl/max_ttl): adverts must come from a peer
 * @param faultNoPeer     {@code unicast_fault_no_peer}: FAULT while there is no peer
 * @param mcastDstIp      {@code mcast_dst_ip}, or null for the global vrrp_mcast_group4/6 (unused in unicast mode)
 * @param trackSrcIp      {@code track_src_ip}: follow changes of the interface's primary address
 * @param oldUnicastChecksum {@code old_unicast_checksum}: null = not set, "" = compatible, "never" = never
 */
public record Addressing(String srcIp, List<UnicastPeer> peers, boolean unicastConfigured, int ttl,
                         boolean checkUnicastSrc, boolean faultNoPeer, String mcastDstIp, boolean trackSrcIp,
                         String oldUnicastChecksum) {
    public Addressing {
        peers = List.copyOf(peers);
    }

    public boolean unicast() {
        return !peers.isEmpty();
    }
}
