package io.jkeepalived.conf.global;

import io.jkeepalived.conf.model.GlobalDefs;

/** Prints a {@link GlobalDefs} as keepalived.conf text that parses back to an equal model. */
public final class GlobalWriter {
    private GlobalWriter() {
    }

    public static void write(GlobalDefs model, StringBuilder out) {
    }
}
