package io.jkeepalived.healthcheck.smtp;

import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.SmtpCheck;
import io.jkeepalived.healthcheck.Inet;
import io.jkeepalived.healthcheck.Probe;
import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeSockets;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code SMTP_CHECK} (keepalived's check_smtp.c): a {@link SmtpDialogue} with the real server, then with each
 * deprecated {@code host} block in turn; every host must pass. keepalived 2.2.7 makes each host block a checker
 * of its own; the real server's state is the same (up only while all answer), only the retry counting is shared.
 * Each read waits at most connect_timeout.
 */
public final class SmtpProbe implements Probe {
    private final SmtpCheck check;
    private final ProbeTarget target;
    private final List<ProbeTarget> hosts = new ArrayList<>();

    public SmtpProbe(SmtpCheck check, ProbeTarget target) {
        this.check = check;
        this.target = target;
        hosts.add(target);
        for (ConnectionOptions co : check.hosts()) {
            hosts.add(host(target, co));
        }
    }

    /** A host block's target: its connect_ip/port/bindto/timeout, else the real server's. */
    static ProbeTarget host(ProbeTarget rs, ConnectionOptions co) {
        InetAddress ip = co.connectIp() != null ? Inet.literal(co.connectIp()) : rs.connect().getAddress();
        int port = co.connectPort() != null ? co.connectPort() : rs.connect().getPort();
        InetSocketAddress bind = rs.bindTo();
        if (co.bindTo() != null || co.bindPort() != null) {
            int p = co.bindPort() == null ? 0 : co.bindPort();
            bind = co.bindTo() != null ? new InetSocketAddress(Inet.literal(co.bindTo()), p) : new InetSocketAddress(p);
        }
        return new ProbeTarget(new InetSocketAddress(ip, port), bind,
                co.bindIf() != null ? co.bindIf() : rs.bindInterface(),
                co.fwmark() != null ? co.fwmark() : rs.fwmark(),
                co.connectTimeout() != null ? TimeUnit.MICROSECONDS.toNanos(co.connectTimeout())
                        : rs.connectTimeoutNanos(), rs.realServer());
    }

    /** keepalived's FMT_SMTP_RS (inet_sockaddrtopair): {@code [address]:port}. */
    static String pair(InetSocketAddress a) {
        return "[" + io.jkeepalived.conf.net.InetText.ntop(a.getAddress().getAddress()) + "]:" + a.getPort();
    }

    @Override
    public void start(ProbeContext ctx, Consumer<ProbeResult> done) {
        next(ctx, 0, done);
    }

    private void next(ProbeContext ctx, int i, Consumer<ProbeResult> done) {
        if (i >= hosts.size()) {
            done.accept(ProbeResult.ok());
            return;
        }
        ProbeTarget t = hosts.get(i);
        talk(withTarget(ctx, t), t, r -> {
            if (r.success()) {
                if (ctx.eventLoop().inEventLoop()) {
                    next(ctx, i + 1, done);
                } else {
                    ctx.eventLoop().execute(() -> next(ctx, i + 1, done));
                }
            } else {
                done.accept(r);
            }
        });
    }

    private void talk(ProbeContext ctx, ProbeTarget t, Consumer<ProbeResult> done) {
        String server = pair(t.connect());
        SmtpDialogue dialogue = new SmtpDialogue(check.heloName(), server);
        Exchange ex = new Exchange(ctx.eventLoop(), t.connectTimeoutNanos(), dialogue, server, done);
        ChannelFuture f;
        try {
            f = ProbeSockets.connect(ctx, ex);
        } catch (RuntimeException e) {
            done.accept(ProbeResult.failed("SMTP_CHECK Could not connect to server " + server));
            return;
        }
        f.addListener((ChannelFuture c) -> {
            if (!c.isSuccess()) {
                ex.finish(ProbeResult.failed("SMTP_CHECK " + (c.cause() instanceof ConnectTimeoutException
                        ? "Connection timeout to server " : "Error connecting to server ") + server));
            } else {
                ex.armReadTimer(c.channel());
            }
        });
    }

    /** The channel handler of one host's conversation; finishes exactly once. */
    private static final class Exchange extends ChannelInboundHandlerAdapter {
        private final EventLoop loop;
        private final long readTimeoutNanos;
        private final SmtpDialogue dialogue;
        private final String server;
        private final Consumer<ProbeResult> done;
        private ScheduledFuture<?> timer;
        private Channel channel;
        private boolean finished;

        Exchange(EventLoop loop, long readTimeoutNanos, SmtpDialogue dialogue, String server,
                 Consumer<ProbeResult> done) {
            this.loop = loop;
            this.readTimeoutNanos = Math.max(1, readTimeoutNanos);
            this.dialogue = dialogue;
            this.server = server;
            this.done = done;
        }

        void armReadTimer(Channel ch) {
            channel = ch;
            if (timer != null) {
                timer.cancel(false);
            }
            if (!finished) {
                timer = loop.schedule(() -> finish(ProbeResult.failed("SMTP_CHECK Read timeout from server " + server)),
                        readTimeoutNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (finished || !(msg instanceof ByteBuf b)) {
                    return;
                }
                SmtpDialogue.Step s = dialogue.onBytes(ByteBufUtil.getBytes(b));
                switch (s.kind()) {
                    case READ -> {
                    }
                    case SEND -> {
                        armReadTimer(ctx.channel());
                        ctx.writeAndFlush(Unpooled.copiedBuffer(s.send(), StandardCharsets.US_ASCII))
                                .addListener((ChannelFuture w) -> {
                                    if (!w.isSuccess()) {
                                        finish(ProbeResult.failed("SMTP_CHECK Write failure to server " + server));
                                    }
                                });
                    }
                    case DONE -> finish(ProbeResult.ok());
                    case FAIL -> finish(ProbeResult.failed(s.failure()));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish(ProbeResult.failed("SMTP_CHECK Read failure from server " + server));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(ProbeResult.failed("SMTP_CHECK Read failure from server " + server));
        }

        void finish(ProbeResult r) {
            if (!loop.inEventLoop()) {
                loop.execute(() -> finish(r));
                return;
            }
            if (finished) {
                return;
            }
            finished = true;
            if (timer != null) {
                timer.cancel(false);
            }
            if (channel != null) {
                channel.close();
            }
            done.accept(r);
        }
    }

    private static ProbeContext withTarget(ProbeContext ctx, ProbeTarget t) {
        return new ProbeContext() {
            @Override
            public EventLoop eventLoop() {
                return ctx.eventLoop();
            }

            @Override
            public Class<? extends SocketChannel> socketChannelType() {
                return ctx.socketChannelType();
            }

            @Override
            public Executor blocking() {
                return ctx.blocking();
            }

            @Override
            public LongSupplier nanoClock() {
                return ctx.nanoClock();
            }

            @Override
            public ProbeTarget target() {
                return t;
            }
        };
    }

    @Override
    public String upLine() {
        return "Remote SMTP server " + target.realServer() + " succeed on service.";
    }

    /**
     * keepalived's smtp_start_check_thread starts every round with {@code retry_it} 0, the first one too, so the first
     * check retries before the checker turns down; with log_all_failures each retried failure is logged as it is.
     */
    public static final io.jkeepalived.healthcheck.CheckerRules RULES = new io.jkeepalived.healthcheck.CheckerRules(
            true, true, (failure, retryIt, retry) -> retryIt == 0 ? null : failure);

    @Override
    public io.jkeepalived.healthcheck.CheckerRules rules() {
        return RULES;
    }

    /** keepalived's smtp_final logs the last failure itself ("SMTP_CHECK ..."), and no "on service ... failed" line. */
    @Override
    public String downLine(String failure, long retry, boolean hasRun) {
        return failure;
    }
}
