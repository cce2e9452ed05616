package io.jkeepalived.conf.global;

import io.jkeepalived.conf.model.BfdConfig;
import io.jkeepalived.conf.schema.SettingWriter;

/** Prints the bfd_instance blocks as keepalived.conf text. */
public final class BfdWriter {
    private BfdWriter() {
    }

    public static void write(BfdConfig model, StringBuilder out) {
        model.instances().forEach(i -> SettingWriter.write(i.source(), out, 0));
    }
}
