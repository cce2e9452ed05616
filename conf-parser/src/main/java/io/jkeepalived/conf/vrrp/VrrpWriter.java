package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.schema.SettingWriter;

/**
 * Prints the VRRP blocks as keepalived.conf text: trackers (scripts, files, processes) first, since
 * keepalived resolves a {@code track_*} name when the instance is read.
 */
public final class VrrpWriter {
    private VrrpWriter() {
    }

    public static void write(VrrpConfig model, StringBuilder out) {
        model.trackFiles().forEach(t -> SettingWriter.write(t.source(), out, 0));
        model.trackProcesses().forEach(t -> SettingWriter.write(t.source(), out, 0));
        model.staticAddresses().forEach(t -> SettingWriter.write(t.source(), out, 0));
        model.staticRoutes().forEach(t -> SettingWriter.write(t.source(), out, 0));
        model.staticRules().forEach(t -> SettingWriter.write(t.source(), out, 0));
        model.garpGroups().forEach(t -> SettingWriter.write(t.source(), out, 0));
        model.scripts().forEach(s -> SettingWriter.write(s.source(), out, 0));
        model.instances().forEach(i -> SettingWriter.write(i.source(), out, 0));
        model.syncGroups().forEach(g -> SettingWriter.write(g.source(), out, 0));
    }
}
