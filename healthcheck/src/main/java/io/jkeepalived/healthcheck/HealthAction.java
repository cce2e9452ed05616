package io.jkeepalived.healthcheck;

/** What {@link RealServerHealth} asks its edge to do; the state machine itself does no I/O. */
public sealed interface HealthAction {
    /** Start checker {@code checker}'s next attempt at {@code atNanos} (on the injected clock). */
    record Schedule(int checker, long atNanos) implements HealthAction {
    }

    /** Log one of keepalived's lines. */
    record Log(String line) implements HealthAction {
    }

    /** The real server's verdict changed (up/down or weight): publish it. */
    record Verdict(boolean up, int weight) implements HealthAction {
    }

    /** Run the real server's notify_up ({@code up}) or notify_down script (keepalived's do_rs_notifies). */
    record Notify(boolean up) implements HealthAction {
    }
}
