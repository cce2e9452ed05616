package io.jkeepalived.conf.model.vrrp;

/**
 * An instance's protocol options, with keepalived's defaults (globals, then strict mode) applied.
 *
 * @param strictMode           {@code strict_mode}, default global {@code vrrp_strict}
 * @param accept               {@code accept}/{@code no_accept}: accept packets for the VIPs when master; default
 *                             true unless strict (then only the address owner, priority 255)
 * @param skipCheckAdvAddr     {@code skip_check_adv_addr}, default global
 * @param lowerPrioNoAdvert    {@code lower_prio_no_advert}, default global (true in strict mode)
 * @param higherPrioSendAdvert {@code higher_prio_send_advert}, default global (false in strict mode)
 * @param downTimerAdverts     {@code down_timer_adverts} 1..100, default global (3)
 * @param promoteSecondaries   {@code promote_secondaries}
 * @param nativeIpv6           {@code native_ipv6} (deprecated): IPv6 and version 3 without a VIP
 * @param debug                {@code debug} 0..4 (keepalived ignores it)
 * @param kernelRxBufSize      {@code kernel_rx_buf_size}, 0 = not set
 * @param linkbeatUsePolling   {@code linkbeat_use_polling} (deprecated here; needs an interface)
 */
public record InstanceOptions(boolean strictMode, boolean accept, boolean skipCheckAdvAddr, boolean lowerPrioNoAdvert,
                              boolean higherPrioSendAdvert, int downTimerAdverts, boolean promoteSecondaries,
                              boolean nativeIpv6, int debug, long kernelRxBufSize, boolean linkbeatUsePolling) {
}
