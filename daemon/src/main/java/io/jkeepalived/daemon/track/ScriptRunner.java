package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.script.NotifyScript;

import java.time.Duration;
import java.util.function.Consumer;

/** Runs one check script to its end (blocking the calling thread, never the VRRP one). */
@FunctionalInterface
public interface ScriptRunner {
    /**
     * @param output receives the script's combined stdout/stderr lines, or null to discard them
     */
    ScriptOutcome run(NotifyScript script, Duration timeout, Consumer<String> output);
}
