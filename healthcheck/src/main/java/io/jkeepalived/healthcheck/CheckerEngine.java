package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.KeepalivedConfig;

import java.util.function.LongSupplier;

/**
 * keepalived's checker process in this JVM: runs every real server's checkers on their schedule on a couple
 * of netty event loops (never on the VRRP thread), keeps each real server's up/down state as keepalived does
 * ({@code retry}, {@code delay_before_retry}, {@code warmup}, {@code alpha}), runs {@code notify_up}/
 * {@code notify_down}, and publishes every change as a {@link RealServerVerdict}.
 *
 * <p>API agreed between the engine and the IPVS reconciler; the implementation lands with TCP_CHECK.
 */
public final class CheckerEngine implements AutoCloseable {
    private CheckerEngine() {
    }

    /**
     * Starts checking every real server of {@code config.check()}; the first verdict of each real server is
     * published once its initial state is known.
     */
    public static CheckerEngine start(KeepalivedConfig config, LongSupplier nanoClock, VerdictListener listener) {
        throw new UnsupportedOperationException("the checker engine is not built yet");
    }

    /** Stops every check and waits (bounded) for the event loops to finish; no verdict is published after. */
    @Override
    public void close() {
    }
}
