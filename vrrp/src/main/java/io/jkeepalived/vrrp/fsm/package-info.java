/**
 * The VRRP state machine of one instance, as keepalived 2.2.7 runs it ({@code vrrp.c}, {@code vrrp_scheduler.c})
 * and RFC 3768 / RFC 5798 describe it. Pure: {@link io.jkeepalived.vrrp.fsm.VrrpStateMachine} takes
 * {@link io.jkeepalived.vrrp.fsm.VrrpEvent}s, reads time from an injected clock, and returns
 * {@link io.jkeepalived.vrrp.fsm.VrrpAction}s and the next wake-up deadline. Sockets, netlink and timers live
 * at the edge.
 */
package io.jkeepalived.vrrp.fsm;
