package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;

/**
 * A real server's health as its checkers judge it, published by the checker engine whenever it changes
 * (and once per real server at start, after {@code alpha} decides the initial state). The IPVS reconciler turns
 * these into the kernel's table: up → present with {@code weight}; down → removed, or weight 0 with
 * {@code inhibit_on_failure}.
 *
 * @param weight the configured weight, or the one a {@code misc_dynamic} MISC_CHECK asked for
 */
public record RealServerVerdict(VirtualServer virtualServer, RealServer realServer, boolean up, int weight) {
}
