/**
 * Gratuitous ARP / unsolicited NA pacing as keepalived 2.2.7 does it ({@code garp_group}, {@code vrrp_garp_interval},
 * {@code vrrp_gna_interval}). Pure, on an injected clock: {@link io.jkeepalived.vrrp.garp.GarpPacer} decides what
 * goes out when; the daemon's edge sends it.
 */
package io.jkeepalived.vrrp.garp;
