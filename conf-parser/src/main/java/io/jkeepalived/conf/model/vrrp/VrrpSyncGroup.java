package io.jkeepalived.conf.model.vrrp;

/** Placeholder: filled in by the keyword work for this block. */
public record VrrpSyncGroup() {
}
