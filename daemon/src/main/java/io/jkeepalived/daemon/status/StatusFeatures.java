package io.jkeepalived.daemon.status;

import io.jkeepalived.conf.KeepalivedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;

/**
 * Wires the dumps and the endpoint into the daemon: SIGUSR1 writes the data file, SIGUSR2 the stats file (as
 * keepalived's VRRP child does), and {@code --metrics-address} starts {@link StatusHttpServer}.
 *
 * <p>keepalived's JSON signal, SIGRTMIN+2, is not known to {@code sun.misc.Signal}; {@link RealtimeSignal} installs
 * it through the JDK's internal class when {@code java.base/jdk.internal.misc} is opened (the jar's manifest does
 * it for {@code java -jar}). The JSON dump is also served at {@code /json} by the endpoint.
 */
public final class StatusFeatures implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived");

    private final DumpWriter dumps;
    private final StatusHttpServer http;
    /** Set by {@link #close()}: a late signal then does nothing (the handlers stay installed, so it cannot kill). */
    private volatile boolean closed;

    private StatusFeatures(DumpWriter dumps, StatusHttpServer http) {
        this.dumps = dumps;
        this.http = http;
    }

    /**
     * @param metricsAddress {@code --metrics-address}, or null for no endpoint
     * @throws IOException if the endpoint cannot listen
     */
    public static StatusFeatures start(KeepalivedConfig config, StatusSource source, String metricsAddress)
            throws IOException {
        DumpFacts facts = DumpFacts.of(config, DumpFacts::realPath);
        DumpWriter dumps = new DumpWriter(source, facts, DumpPaths.of(config.global()));
        StatusHttpServer http = metricsAddress == null || metricsAddress.isBlank() ? null
                : StatusHttpServer.start(metricsAddress, source, facts);
        StatusFeatures f = new StatusFeatures(dumps, http);
        Signal.handle(new Signal("USR1"), s -> f.unlessClosed(dumps::writeData));
        Signal.handle(new Signal("USR2"), s -> f.unlessClosed(dumps::writeStats));
        String why = RealtimeSignal.handle(RealtimeSignal.SIGRTMIN + 2, "RTMIN+2", () -> f.unlessClosed(dumps::writeJson));
        if (why != null) {
            LOG.info("SIGRTMIN+2 (JSON dump) cannot be handled, it would stop the daemon: {}", why);
        }
        return f;
    }

    private void unlessClosed(java.util.function.BooleanSupplier dump) {
        if (!closed) {
            dump.getAsBoolean();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (http != null) {
            http.close();
        }
    }
}
