/**
 * The raw-socket half of the native boundary: VRRP adverts over raw IPv4/IPv6 sockets for protocol 112 (or AH),
 * gratuitous ARP and unsolicited neighbour advertisements over {@code AF_PACKET}, set up as keepalived 2.2.7 sets up
 * its sockets ({@code vrrp.c}, {@code vrrp_if.c}, {@code vrrp_arp.c}, {@code vrrp_ndisc.c}).
 *
 * <p>Only {@code RawLibc} (package-private) calls libc, through jnr-ffi; everything it returns goes through pure
 * decoders ({@link io.jkeepalived.netlink.raw.ControlMessages}, {@code SocketAddresses}) and every failure becomes an
 * {@link java.io.IOException} naming the syscall and errno. Frames are built by pure classes
 * ({@link io.jkeepalived.netlink.raw.GratuitousArpFrame}, {@link io.jkeepalived.netlink.raw.UnsolicitedNeighbourAdvert})
 * that do no I/O. Sockets are non-blocking with their fd exposed, for an event loop; {@code receive(Duration)} is a
 * bounded blocking receive for simple callers and tests.
 */
package io.jkeepalived.netlink.raw;
