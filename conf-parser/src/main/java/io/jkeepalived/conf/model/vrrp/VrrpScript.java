package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.script.NotifyScript;

/**
 * A {@code vrrp_script} with keepalived's defaults (interval 1 s, weight 0, rise 1, fall 1).
 *
 * @param script the command, or null when none was given (keepalived then drops the script)
 */
public record VrrpScript(String name, NotifyScript script, long intervalMicros, long timeoutMicros, int weight,
                         boolean weightReverse, int rise, int fall, Setting source) {
}
