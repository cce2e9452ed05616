package io.jkeepalived.healthcheck.tcp;

import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.jkeepalived.healthcheck.lean.LeanLoop;
import io.jkeepalived.healthcheck.lean.LeanSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * One TCP_CHECK attempt on a bare socket (check_tcp.c's tcp_connect_thread → tcp_check_thread): connect within
 * connect_timeout, close at once. Same verdicts and words as the Channel path of {@link TcpProbe}.
 */
final class LeanTcpConnect extends LeanSocket {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.check");
    private final TcpProbe probe;
    private final Consumer<ProbeResult> done;

    LeanTcpConnect(LeanLoop lean, TcpProbe probe, Consumer<ProbeResult> done) {
        super(lean);
        this.probe = probe;
        this.done = done;
    }

    void start(ProbeTarget t) {
        arm(t.connectTimeoutNanos());
        connect(t.connect(), t.bindTo(), t.bindInterface(), t.fwmark());
    }

    @Override
    protected void connected() {
        close();
        done.accept(ProbeResult.ok());
    }

    @Override
    protected void connectFailed(Throwable cause, boolean timeout) {
        close();
        if (LOG.isDebugEnabled()) {
            LOG.debug("TCP connection to {}: {}", probe.target().realServer(), timeout ? "timeout" : String.valueOf(cause));
        }
        done.accept(timeout ? probe.timeoutResult() : probe.failedResult());
    }
}
