package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.script.NotifyScript;

/**
 * A {@code vrrp_script} with keepalived's defaults (interval 1 s, timeout = interval, weight 0, rise 1, fall 1).
 *
 * @param script        the command, or null when none was given (keepalived then drops the script)
 * @param timeoutMicros {@code timeout}, or the interval when not given (keepalived's scheduler does the same)
 * @param user          the {@code user} name given, or null for the default script user
 * @param initFail      {@code init_fail}: the script starts in the failed state
 */
public record VrrpScript(String name, NotifyScript script, long intervalMicros, long timeoutMicros, int weight,
                         boolean weightReverse, int rise, int fall, String user, boolean initFail, Setting source) {
}
