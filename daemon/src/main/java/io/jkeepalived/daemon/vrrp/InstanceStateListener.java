package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.vrrp.fsm.VrrpState;

/**
 * Told of every state change of every VRRP instance, on the VRRP thread, in order: what keepalived's VRRP process does
 * beside the instance itself on a transition (the IPVS sync daemon following {@code lvs_sync_daemon}'s instance) hangs
 * here instead of in {@link VrrpService}. Implementations must not block: they hand the work to a thread of their own.
 */
@FunctionalInterface
public interface InstanceStateListener {
    void changed(String instance, VrrpState from, VrrpState to);

    /** A reload (SIGHUP) applied {@code next} to the VRRP side; from the reload thread, after its instances moved. */
    default void reloaded(io.jkeepalived.conf.KeepalivedConfig next) {
    }
}
