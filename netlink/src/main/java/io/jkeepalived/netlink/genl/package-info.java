/**
 * Generic netlink (linux/genetlink.h): genlmsghdr framing and the controller's family lookup by name
 * ({@link io.jkeepalived.netlink.genl.GenericNetlink#resolveFamily}), which the IPVS family ("IPVS") builds on.
 */
package io.jkeepalived.netlink.genl;
