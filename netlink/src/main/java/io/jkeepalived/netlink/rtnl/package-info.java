/**
 * rtnetlink (linux/rtnetlink.h, linux/if_link.h, linux/if_addr.h): link and address dumps, address add and
 * delete, and the link/address change monitor. The codecs ({@link io.jkeepalived.netlink.rtnl.IfInfoMsg},
 * {@link io.jkeepalived.netlink.rtnl.IfAddrMsg}, {@link io.jkeepalived.netlink.rtnl.RtnlEvent}) are pure;
 * {@link io.jkeepalived.netlink.rtnl.RouteNetlink} and {@link io.jkeepalived.netlink.rtnl.RtnlMonitor} are the
 * socket edge.
 */
package io.jkeepalived.netlink.rtnl;
