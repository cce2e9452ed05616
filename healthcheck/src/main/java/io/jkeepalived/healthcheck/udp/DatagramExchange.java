package io.jkeepalived.healthcheck.udp;

import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One request/reply over a connected UDP socket, as keepalived's UDP_CHECK and DNS_CHECK do it: connect (so an
 * ICMP port unreachable comes back as an error on the socket), send one datagram, then wait up to
 * {@code connect_timeout} for replies. Each reply goes to {@code onReply}, which returns the verdict or null to
 * keep waiting (DNS ignores replies with another id). Runs on the context's event loop and datagram channel type.
 */
public final class DatagramExchange {
    private DatagramExchange() {
    }

    /**
     * @param onReply   a reply's octets → the verdict, or null to keep waiting
     * @param onTimeout the verdict when nothing decisive came back in time
     * @param onError   the verdict on a socket error (ICMP unreachable, send failure), given the cause
     */
    public static void run(ProbeContext ctx, byte[] request, Function<byte[], ProbeResult> onReply,
                           ProbeResult onTimeout, Function<Throwable, ProbeResult> onError,
                           Consumer<ProbeResult> done) {
        ProbeTarget t = ctx.target();
        AtomicBoolean finished = new AtomicBoolean();
        Channel[] channel = new Channel[1];
        ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
        Consumer<ProbeResult> finish = r -> {
            if (finished.compareAndSet(false, true)) {
                if (timer[0] != null) {
                    timer[0].cancel(false);
                }
                if (channel[0] != null) {
                    channel[0].close();
                }
                done.accept(r);
            }
        };
        Bootstrap b = new Bootstrap().group(ctx.eventLoop()).channel(ctx.datagramChannelType())
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext c, DatagramPacket p) {
                        ByteBuf content = p.content();
                        ProbeResult r = onReply.apply(ByteBufUtil.getBytes(content));
                        if (r != null) {
                            finish.accept(r);
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                        finish.accept(onError.apply(cause));
                    }
                });
        ChannelFuture f;
        try {
            f = t.bindTo() == null ? b.connect(t.connect()) : b.connect(t.connect(), t.bindTo());
        } catch (RuntimeException e) {
            finish.accept(onError.apply(e));
            return;
        }
        channel[0] = f.channel();
        timer[0] = ctx.eventLoop().schedule(() -> finish.accept(onTimeout), Math.max(1, t.connectTimeoutNanos()),
                TimeUnit.NANOSECONDS);
        f.addListener((ChannelFuture c) -> {
            if (!c.isSuccess()) {
                finish.accept(onError.apply(c.cause()));
                return;
            }
            c.channel().writeAndFlush(Unpooled.wrappedBuffer(request)).addListener((ChannelFuture w) -> {
                if (!w.isSuccess()) {
                    finish.accept(onError.apply(w.cause()));
                }
            });
        });
    }
}
