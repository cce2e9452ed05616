package io.jkeepalived.healthcheck.tcp;

import io.jkeepalived.conf.model.check.CheckerTiming;
import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.TcpCheck;
import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** TCP_CHECK against listeners on loopback, on both transports. */
class TcpProbeTest {
    private static final String RS = "[127.0.0.1]:tcp:80";
    private MultiThreadIoEventLoopGroup group;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private Class<? extends SocketChannel> loop(boolean epoll) {
        if (epoll) {
            Assumptions.assumeTrue(Epoll.isAvailable(), "netty's epoll transport is not available here");
        }
        IoHandlerFactory f = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(1, f);
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    private ProbeResult probe(Class<? extends SocketChannel> type, ProbeTarget target) throws Exception {
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
            public Executor blocking() {
                return Runnable::run;
            }

            @Override
            public LongSupplier nanoClock() {
                return System::nanoTime;
            }

            @Override
            public ProbeTarget target() {
                return target;
            }
        };
        TcpProbe probe = new TcpProbe(new TcpCheck(CheckerTiming.UNSET, ConnectionOptions.UNSET), target);
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        List<ProbeResult> calls = new ArrayList<>();
        loop.execute(() -> probe.start(ctx, r -> {
            synchronized (calls) {
                calls.add(r);
            }
            result.complete(r);
        }));
        ProbeResult r = result.get(20, TimeUnit.SECONDS);
        Thread.sleep(50);
        synchronized (calls) {
            assertThat(calls).as("done is called exactly once").hasSize(1);
        }
        return r;
    }

    private ServerSocket listener() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        toClose.add(s);
        return s;
    }

    private static ProbeTarget target(int port, InetSocketAddress bind, String bindIf, long mark, long timeoutMillis) {
        return new ProbeTarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), bind, bindIf, mark,
                TimeUnit.MILLISECONDS.toNanos(timeoutMillis), RS);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aListeningServerIsHealthy(boolean epoll) throws Exception {
        Class<? extends SocketChannel> type = loop(epoll);
        ServerSocket s = listener();
        assertThat(probe(type, target(s.getLocalPort(), null, null, 0, 2000))).isEqualTo(ProbeResult.ok());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aClosedPortFails(boolean epoll) throws Exception {
        Class<? extends SocketChannel> type = loop(epoll);
        ServerSocket s = listener();
        int port = s.getLocalPort();
        s.close();
        assertThat(probe(type, target(port, null, null, 0, 2000)))
                .isEqualTo(ProbeResult.failed("TCP connection to " + RS + " failed."));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        Class<? extends SocketChannel> type = loop(Epoll.isAvailable());
        // backlog 1 and nobody accepting: once the queue is full the kernel drops further SYNs
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        toClose.add(s);
        for (int i = 0; i < 4; i++) {
            java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open();
            toClose.add(c);
            c.configureBlocking(false);
            c.connect(s.getLocalSocketAddress());
        }
        Thread.sleep(200);
        ProbeResult r = probe(type, target(s.getLocalPort(), null, null, 0, 300));
        Assumptions.assumeTrue(!r.success(), "this kernel accepted past the backlog");
        assertThat(r).isEqualTo(ProbeResult.failed("TCP connection to " + RS + " timeout."));
    }

    @Test
    void bindtoBindPortBindIfAndFwmarkApplyOnEpoll() throws Exception {
        Class<? extends SocketChannel> type = loop(true);
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "SO_BINDTODEVICE/SO_MARK need root");
        ServerSocket s = listener();
        int localPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            localPort = free.getLocalPort();
        }
        CompletableFuture<InetSocketAddress> peer = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Socket c = s.accept()) {
                peer.complete((InetSocketAddress) c.getRemoteSocketAddress());
            } catch (IOException e) {
                peer.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        ProbeTarget target = target(s.getLocalPort(), new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort),
                "lo", 7, 2000);
        assertThat(probe(type, target)).isEqualTo(ProbeResult.ok());
        assertThat(peer.get(5, TimeUnit.SECONDS).getPort()).isEqualTo(localPort);
    }

    @Test
    void bindIfToAnotherDeviceFails() throws Exception {
        Class<? extends SocketChannel> type = loop(true);
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "SO_BINDTODEVICE needs root");
        ServerSocket s = listener();
        // no such interface: the socket option is refused, which is a failed attempt
        ProbeResult r = probe(type, target(s.getLocalPort(), null, "jk-hce-none", 0, 2000));
        assertThat(r.success()).isFalse();
        assertThat(r.failure()).isEqualTo("TCP connection to " + RS + " failed.");
    }
}
