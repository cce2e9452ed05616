/**
 * keepalived's ipwrapper.c as a pure reconciler: {@link io.jkeepalived.ipvs.reconcile.LvsPlanner} turns the
 * {@code virtual_server} model into plans, {@link io.jkeepalived.ipvs.reconcile.LvsReconciler} keeps keepalived's
 * state (alive real servers, quorum with hysteresis, sorry server, inhibit_on_failure) and says which table it
 * wants, {@link io.jkeepalived.ipvs.reconcile.IpvsDiff} finds the smallest set of {@link
 * io.jkeepalived.ipvs.reconcile.IpvsChange}s from the kernel's table to that one, touching only the services the
 * configuration owns. {@link io.jkeepalived.ipvs.reconcile.IpvsApplier} is the edge that sends them.
 */
package io.jkeepalived.ipvs.reconcile;
