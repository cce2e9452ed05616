package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.script.NotifyScript;

/** {@code MISC_CHECK}: a script whose exit status decides (and with misc_dynamic, sets the weight). */
public record MiscCheck(CheckOptions options, NotifyScript path, long timeoutMicros, boolean dynamic, String user,
                        Setting source) implements Checker {
    @Override
    public String keyword() {
        return "MISC_CHECK";
    }
}
