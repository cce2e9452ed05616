/**
 * The netlink half of jkeepalived's one native boundary.
 *
 * <p>Only this module imports jnr-ffi, and within it each concern has a small package-private class of libc
 * bindings that turns errno into a {@link io.jkeepalived.netlink.SyscallException} naming the call and the errno
 * ({@code "sendto(NETLINK_ROUTE): EPERM (Operation not permitted)"}): {@code SocketCalls} (socket, bind,
 * getsockname, setsockopt, getsockopt, fcntl, close), {@code MessageCalls} (sendto, recvfrom, poll),
 * {@code InterfaceCalls} (if_nametoindex) and {@code NamespaceCalls} (open, setns). No jnr type appears in a public
 * signature.
 *
 * <p>On top: {@link io.jkeepalived.netlink.NetlinkSocket} (requests, acknowledgements, dumps, groups) and the
 * pure framing codecs ({@link io.jkeepalived.netlink.NlMsgHeader}, {@link io.jkeepalived.netlink.Attributes},
 * {@link io.jkeepalived.netlink.MessageBuilder}, {@link io.jkeepalived.netlink.NlMsgErr}), all in host byte order
 * ({@code ByteOrder.nativeOrder()}, set explicitly on every buffer). The message families live in
 * {@code .rtnl} (links, addresses, monitor) and {@code .genl} (generic netlink, family lookup).
 */
package io.jkeepalived.netlink;
