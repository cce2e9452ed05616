package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.model.VrrpConfig;

/**
 * Mutable VRRP configuration while reading. vrrp_instance state belongs to {@link VrrpKeywords}; the
 * other blocks' state to {@link VrrpSupportKeywords}; add fields in your own section only.
 */
public final class VrrpConfigBuilder {
    // --- vrrp_instance (VrrpKeywords) ---

    // --- vrrp_script, track_file, vrrp_sync_group, garp_group, static_* (VrrpSupportKeywords) ---

    public VrrpConfig build() {
        return VrrpConfig.empty();
    }
}
