package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.CheckConfig;

/** Prints a {@link CheckConfig} as keepalived.conf text that parses back to an equal model. */
public final class CheckWriter {
    private CheckWriter() {
    }

    public static void write(CheckConfig model, StringBuilder out) {
    }
}
