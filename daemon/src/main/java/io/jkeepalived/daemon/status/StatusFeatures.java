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
 * <p>keepalived's JSON signal, SIGRTMIN+2, cannot reach Java code: {@code sun.misc.Signal} knows no real-time
 * signals, and a native handler cannot call into the JVM safely. The JSON dump is served at {@code /json} by the
 * endpoint and written to {@code json_dump_file} by {@link #writeJson()}.
 */
public final class StatusFeatures implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived");

    private final DumpWriter dumps;
    private final StatusHttpServer http;

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
        Signal.handle(new Signal("USR1"), s -> dumps.writeData());
        Signal.handle(new Signal("USR2"), s -> dumps.writeStats());
        StatusHttpServer http = metricsAddress == null || metricsAddress.isBlank() ? null
                : StatusHttpServer.start(metricsAddress, source, facts);
        return new StatusFeatures(dumps, http);
    }

    public boolean writeJson() {
        return dumps.writeJson();
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        // a late SIGUSR1 after the subsystems stopped must not kill the JVM (the default action): ignore them
        try {
            Signal.handle(new Signal("USR1"), s -> LOG.debug("SIGUSR1 while stopping - ignored"));
            Signal.handle(new Signal("USR2"), s -> LOG.debug("SIGUSR2 while stopping - ignored"));
        } catch (IllegalArgumentException e) {
            // nothing to restore
        }
    }
}
