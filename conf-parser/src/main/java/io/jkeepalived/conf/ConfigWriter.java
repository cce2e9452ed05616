package io.jkeepalived.conf;

import io.jkeepalived.conf.check.CheckWriter;
import io.jkeepalived.conf.global.BfdWriter;
import io.jkeepalived.conf.global.GlobalWriter;
import io.jkeepalived.conf.vrrp.VrrpWriter;

/**
 * Prints a parsed configuration back as keepalived.conf text ({@code -d} and the round-trip property):
 * reading the output again gives an equal {@link KeepalivedConfig}.
 */
public final class ConfigWriter {
    private ConfigWriter() {
    }

    public static String write(KeepalivedConfig config) {
        StringBuilder out = new StringBuilder();
        GlobalWriter.write(config.global(), out);
        // bfd_instance before the VRRP blocks: keepalived resolves a track_bfd name when the instance is read
        BfdWriter.write(config.bfd(), out);
        VrrpWriter.write(config.vrrp(), out);
        CheckWriter.write(config.check(), out);
        return out.toString();
    }
}
