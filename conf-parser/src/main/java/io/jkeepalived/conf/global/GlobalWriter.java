package io.jkeepalived.conf.global;

import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.schema.SettingWriter;

/** Prints the global settings as keepalived.conf text. */
public final class GlobalWriter {
    private GlobalWriter() {
    }

    public static void write(GlobalDefs model, StringBuilder out) {
        SettingWriter.writeAll(model.settings(), out);
    }
}
