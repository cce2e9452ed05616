package io.jkeepalived.vrrp.fsm;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one event produced: actions to carry out in order, and when to deliver the next
 * {@link VrrpEvent.Tick} (on the injected clock's nanosecond scale; empty = no timer, e.g. INIT, FAULT, STOP).
 */
public record VrrpStep(List<VrrpAction> actions, OptionalLong wakeupAtNanos) {
    public VrrpStep {
        actions = List.copyOf(actions);
        Objects.requireNonNull(wakeupAtNanos, "wakeupAtNanos");
    }
}
