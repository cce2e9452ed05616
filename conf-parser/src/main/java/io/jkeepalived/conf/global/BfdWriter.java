package io.jkeepalived.conf.global;

import io.jkeepalived.conf.model.BfdConfig;

/** Prints a {@link BfdConfig} as keepalived.conf text that parses back to an equal model. */
public final class BfdWriter {
    private BfdWriter() {
    }

    public static void write(BfdConfig model, StringBuilder out) {
    }
}
