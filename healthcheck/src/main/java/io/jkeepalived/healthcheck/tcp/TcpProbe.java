package io.jkeepalived.healthcheck.tcp;

import io.jkeepalived.conf.model.check.TcpCheck;
import io.jkeepalived.healthcheck.Probe;
import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeSockets;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.jkeepalived.healthcheck.lean.LeanLoop;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * {@code TCP_CHECK} (keepalived's check_tcp.c): the real server is healthy when a TCP connect to it succeeds
 * within connect_timeout; the connection is closed at once.
 */
public final class TcpProbe implements Probe {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.check");
    private final ProbeTarget target;
    // built once: the same words every attempt
    private final ProbeResult failed;
    private final ProbeResult timeout;

    public TcpProbe(TcpCheck check, ProbeTarget target) {
        this.target = target;
        this.failed = ProbeResult.failed("TCP connection to " + target.realServer() + " failed.");
        this.timeout = ProbeResult.failed("TCP connection to " + target.realServer() + " timeout.");
    }

    ProbeTarget target() {
        return target;
    }

    ProbeResult failedResult() {
        return failed;
    }

    ProbeResult timeoutResult() {
        return timeout;
    }

    @Override
    public void start(ProbeContext ctx, Consumer<ProbeResult> done) {
        // on an epoll loop: a bare socket, without netty's Channel machinery (see LeanSocket)
        LeanLoop lean = LeanLoop.of(ctx.eventLoop());
        if (lean != null) {
            new LeanTcpConnect(lean, this, done).start(target);
            return;
        }
        ChannelFuture f;
        try {
            f = ProbeSockets.connect(ctx, new ChannelInboundHandlerAdapter());
        } catch (RuntimeException e) {
            done.accept(ProbeResult.failed("TCP connection to " + target.realServer() + " failed."));
            return;
        }
        f.addListener((ChannelFuture c) -> {
            if (c.isSuccess()) {
                c.channel().close();
                done.accept(ProbeResult.ok());
            } else {
                // keepalived tells a timeout from other failures (refused, unreachable, bind errors)
                boolean timeout = c.cause() instanceof ConnectTimeoutException;
                LOG.debug("TCP connection to {}: {}", target.realServer(), c.cause().toString());
                done.accept(ProbeResult.failed("TCP connection to " + target.realServer()
                        + (timeout ? " timeout." : " failed.")));
            }
        });
    }

    @Override
    public String upLine() {
        return "TCP connection to " + target.realServer() + " success.";
    }
}
