package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.CheckConfig;
import io.jkeepalived.conf.schema.SettingWriter;

/** Prints virtual server groups and virtual servers as keepalived.conf text. */
public final class CheckWriter {
    private CheckWriter() {
    }

    public static void write(CheckConfig model, StringBuilder out) {
        model.virtualServerGroups().forEach(g -> SettingWriter.write(g.source(), out, 0));
        model.virtualServers().forEach(v -> SettingWriter.write(v.source(), out, 0));
    }
}
