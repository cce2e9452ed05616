/**
 * The VRRP packet codec: VRRPv2 (RFC 3768) and VRRPv3 (RFC 5798) adverts over IPv4 and IPv6, with keepalived's
 * authentication (PASS, and IPsec AH with HMAC-MD5-96), as keepalived 2.2.7 puts them on the wire and checks them
 * on receipt. Pure: no sockets, no clock. {@link io.jkeepalived.vrrp.packet.AdvertEncoder} builds packets,
 * {@link io.jkeepalived.vrrp.packet.AdvertDecoder} (one per instance) turns received bytes into a
 * {@link io.jkeepalived.vrrp.packet.ReceivedAdvert} or a {@link io.jkeepalived.vrrp.packet.Rejection} carrying
 * keepalived's log line, and counts both.
 *
 * <p>One class per wire header, each with its offsets and RFC section: {@link io.jkeepalived.vrrp.packet.Ipv4Header},
 * {@link io.jkeepalived.vrrp.packet.IpsecAhHeader}, {@link io.jkeepalived.vrrp.packet.VrrpMessage} and the checksum
 * pseudo-headers ({@code PseudoHeader}). All multi-octet fields are big-endian.
 */
package io.jkeepalived.vrrp.packet;
