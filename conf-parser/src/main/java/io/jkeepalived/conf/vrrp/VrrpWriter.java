package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.model.VrrpConfig;

/** Prints a {@link VrrpConfig} as keepalived.conf text that parses back to an equal model. */
public final class VrrpWriter {
    private VrrpWriter() {
    }

    public static void write(VrrpConfig model, StringBuilder out) {
    }
}
