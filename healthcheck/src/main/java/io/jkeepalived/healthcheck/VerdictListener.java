package io.jkeepalived.healthcheck;

/** Receives {@link RealServerVerdict}s from the checker engine, on one engine thread at a time, in order. */
@FunctionalInterface
public interface VerdictListener {
    void onVerdict(RealServerVerdict verdict);
}
