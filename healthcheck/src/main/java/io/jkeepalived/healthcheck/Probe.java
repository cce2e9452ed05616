package io.jkeepalived.healthcheck;

import java.util.function.Consumer;

/**
 * One attempt of one checker against one real server: connect, ask, judge (keepalived's {@code tcp_connect_thread},
 * {@code http_connect_thread}, ...). The checker engine owns the schedule ({@code delay_loop}, {@code retry},
 * {@code delay_before_retry}, {@code warmup}) and the real server's up/down state; a probe only answers
 * "did this attempt succeed". Implementations are created per real server by {@link Probes} and are reused
 * for every attempt.
 */
public interface Probe {
    /**
     * Starts one attempt. Must not block the calling thread (it is a netty event loop): I/O goes through
     * {@link ProbeContext#eventLoop()}, blocking work (scripts, files) through {@link ProbeContext#blocking()}.
     * {@code done} is called exactly once, from any thread, also when the attempt times out or throws.
     */
    void start(ProbeContext ctx, Consumer<ProbeResult> done);

    /** Releases what the probe holds across attempts (an SSL context, a raw socket). Default: nothing. */
    default void close() {
    }
}
