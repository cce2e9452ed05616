/**
 * IPVS (the kernel's Linux Virtual Server) over generic netlink, family {@code "IPVS"} of
 * linux/include/uapi/linux/ip_vs.h: typed records ({@link io.jkeepalived.ipvs.IpvsService},
 * {@link io.jkeepalived.ipvs.IpvsDestination}, ...), pure codecs for every command (one class per attribute set,
 * no I/O), and {@link io.jkeepalived.ipvs.IpvsClient}, the only class here that talks to a socket.
 *
 * <p>Byte order: netlink headers and plain u16/u32 attributes are host order, as everywhere in netlink; ports and
 * addresses are network order because the kernel reads them with {@code nla_get_be16} / {@code nla_memcpy} into
 * {@code __be16} / {@code union nf_inet_addr} fields (ip_vs_ctl.c).
 */
package io.jkeepalived.ipvs;
