package io.jkeepalived.healthcheck;

import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Assumptions;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs single probe attempts on a real event loop (epoll or NIO) for the checkers' probe tests. */
public final class ProbeHarness implements AutoCloseable {
    public static final String RS = "[127.0.0.1]:tcp:80";
    private final MultiThreadIoEventLoopGroup group;
    private final Class<? extends SocketChannel> type;
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    private long delayLoopNanos;
    private int weight = ProbeResult.NO_WEIGHT;
    private io.jkeepalived.conf.model.GlobalDefs global;
    private List<io.jkeepalived.conf.model.vrrp.TrackFile> trackFiles = List.of();

    public ProbeHarness(boolean epoll) {
        if (epoll) {
            Assumptions.assumeTrue(Epoll.isAvailable(), "netty's epoll transport is not available here");
        }
        IoHandlerFactory f = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(1, f);
        type = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public ProbeHarness delayLoop(long nanos) {
        this.delayLoopNanos = nanos;
        return this;
    }

    public ProbeHarness global(io.jkeepalived.conf.model.GlobalDefs global) {
        this.global = global;
        return this;
    }

    public ProbeHarness weight(int weight) {
        this.weight = weight;
        return this;
    }

    public ProbeHarness trackFiles(List<io.jkeepalived.conf.model.vrrp.TrackFile> trackFiles) {
        this.trackFiles = trackFiles;
        return this;
    }

    public static ProbeTarget loopback(int port, long timeoutMillis) {
        return new ProbeTarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, null, 0,
                TimeUnit.MILLISECONDS.toNanos(timeoutMillis), RS);
    }

    /** One attempt; asserts done is called exactly once. */
    public ProbeResult run(Probe probe, ProbeTarget target) throws Exception {
        EventLoop loop = (EventLoop) group.next();
        ProbeContext ctx = new ProbeContext() {
            @Override
            public EventLoop eventLoop() {
                return loop;
            }

            @Override
            public Class<? extends SocketChannel> socketChannelType() {
                return type;
            }

            @Override
            public java.util.concurrent.Executor blocking() {
                return blocking;
            }

            @Override
            public LongSupplier nanoClock() {
                return System::nanoTime;
            }

            @Override
            public ProbeTarget target() {
                return target;
            }

            @Override
            public long delayLoopNanos() {
                return delayLoopNanos;
            }

            @Override
            public io.jkeepalived.conf.model.GlobalDefs global() {
                return global;
            }

            @Override
            public int realServerWeight() {
                return weight;
            }

            @Override
            public List<io.jkeepalived.conf.model.vrrp.TrackFile> trackFiles() {
                return trackFiles;
            }
        };
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        List<ProbeResult> calls = new ArrayList<>();
        loop.execute(() -> probe.start(ctx, r -> {
            synchronized (calls) {
                calls.add(r);
            }
            result.complete(r);
        }));
        ProbeResult r = result.get(30, TimeUnit.SECONDS);
        Thread.sleep(50);
        synchronized (calls) {
            assertThat(calls).as("done is called exactly once").hasSize(1);
        }
        return r;
    }

    @Override
    public void close() {
        blocking.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
