/**
 * The IPVS globals of keepalived's {@code global_defs} at run time: {@code lvs_timeouts} and {@code lvs_sync_daemon}
 * (set by the checker side, or following a VRRP instance's state on the VRRP side), and {@code ha_suspend}'s watch
 * of the virtual addresses. Each talks to the kernel through {@link io.jkeepalived.ipvs.IpvsClient} on a thread that
 * is neither the VRRP thread nor a checker loop.
 */
package io.jkeepalived.daemon.lvs;
