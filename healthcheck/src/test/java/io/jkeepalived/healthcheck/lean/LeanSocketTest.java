package io.jkeepalived.healthcheck.lean;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The bare-socket layer against loopback listeners the test controls, on a real epoll event loop. */
class LeanSocketTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static EventLoopGroup group;
    private final List<Closeable> toClose = new ArrayList<>();

    @BeforeAll
    static void loop() {
        Assumptions.assumeTrue(Epoll.isAvailable(), "netty's epoll transport is not available here");
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @AfterEach
    void close() throws IOException {
        for (Closeable c : toClose) {
            c.close();
        }
    }

    /** Records what happens to one connection; reads to the end when {@code read}, else closes once connected. */
    private static final class Recorder extends LeanSocket {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<List<String>> over = new CompletableFuture<>();
        final boolean read;
        final long readTimeout;
        int reads;

        Recorder(LeanLoop lean, boolean read, long readTimeout) {
            super(lean);
            this.read = read;
            this.readTimeout = readTimeout;
        }

        private void end(String event) {
            events.add(event);
            close();
            over.complete(List.copyOf(events));
        }

        @Override
        protected void connected() {
            events.add("connected");
            if (!read) {
                end("closed");
                return;
            }
            arm(readTimeout);
            interest(true, false);
        }

        @Override
        protected void connectFailed(Throwable cause, boolean timeout) {
            end(timeout ? "connect timeout" : "failed: " + cause.getMessage());
        }

        @Override
        protected void readable() {
            for (int k = 0; k < 8; k++) {
                int n;
                try {
                    n = recv();
                } catch (IOException e) {
                    end("read error");
                    return;
                }
                if (n == 0) {
                    return;
                }
                if (n < 0) {
                    end("eof");
                    return;
                }
                reads++;
                bytes.write(received(), 0, n);
                arm(readTimeout);
            }
        }

        @Override
        protected void timedOut() {
            if (isConnecting()) {
                super.timedOut();
            } else {
                end("read timeout");
            }
        }
    }

    private Recorder run(InetSocketAddress to, InetSocketAddress bind, long connectTimeout, boolean read,
                         long readTimeout) throws Exception {
        EventLoop loop = (EventLoop) group.next();
        CompletableFuture<Recorder> made = new CompletableFuture<>();
        loop.execute(() -> {
            LeanLoop lean = LeanLoop.of(loop);
            Recorder r = new Recorder(lean, read, readTimeout);
            made.complete(r);
            r.arm(connectTimeout);
            r.connect(to, bind, null, 0);
        });
        Recorder r = made.get(5, TimeUnit.SECONDS);
        r.over.get(20, TimeUnit.SECONDS);
        return r;
    }

    private ServerSocket listener(int backlog) throws IOException {
        ServerSocket s = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        toClose.add(s);
        return s;
    }

    private static InetSocketAddress at(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Accepts one connection on a daemon thread and hands it to {@code then}. */
    private static void serveOne(ServerSocket s, IoAction then) {
        Thread t = new Thread(() -> {
            try (Socket c = s.accept()) {
                then.run(c);
            } catch (IOException | InterruptedException ignored) {
                // the test's assertion says what went wrong
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private interface IoAction {
        void run(Socket c) throws IOException, InterruptedException;
    }

    @Test
    void connectsToAListener() throws Exception {
        ServerSocket s = listener(50);
        assertThat(run(at(s.getLocalPort()), null, 2000 * MS, false, 0).events).containsExactly("connected", "closed");
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        ServerSocket s = listener(50);
        int port = s.getLocalPort();
        s.close();
        List<String> e = run(at(port), null, 2000 * MS, false, 0).events;
        assertThat(e).hasSize(1);
        assertThat(e.get(0)).startsWith("failed: ").contains("Connection refused");
    }

    @Test
    void aConnectThatHangsTimesOut() throws Exception {
        // backlog 1 and nobody accepting: once the queue is full the kernel drops further SYNs
        ServerSocket s = listener(1);
        for (int i = 0; i < 4; i++) {
            java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open();
            toClose.add(c);
            c.configureBlocking(false);
            c.connect(s.getLocalSocketAddress());
        }
        Thread.sleep(200);
        List<String> e = run(at(s.getLocalPort()), null, 300 * MS, false, 0).events;
        Assumptions.assumeTrue(!e.contains("connected"), "this kernel accepted past the backlog");
        assertThat(e).containsExactly("connect timeout");
    }

    @Test
    void aLocalAddressInUseFailsTheBind() throws Exception {
        ServerSocket s = listener(50);
        ServerSocket taken = listener(50);
        List<String> e = run(at(s.getLocalPort()), at(taken.getLocalPort()), 2000 * MS, false, 0).events;
        assertThat(e).hasSize(1);
        assertThat(e.get(0)).startsWith("failed: bind(").contains("Address already in use");
    }

    @Test
    void bindsToTheGivenLocalPort() throws Exception {
        ServerSocket s = listener(50);
        int local;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            local = free.getLocalPort();
        }
        CompletableFuture<Integer> peerPort = new CompletableFuture<>();
        serveOne(s, c -> peerPort.complete(c.getPort()));
        assertThat(run(at(s.getLocalPort()), at(local), 2000 * MS, false, 0).events).containsExactly("connected", "closed");
        assertThat(peerPort.get(5, TimeUnit.SECONDS)).isEqualTo(local);
    }

    @Test
    void aPeerThatClosesAtOnceIsTheEndOfTheStream() throws Exception {
        ServerSocket s = listener(50);
        serveOne(s, c -> { });
        Recorder r = run(at(s.getLocalPort()), null, 2000 * MS, true, 2000 * MS);
        assertThat(r.events).containsExactly("connected", "eof");
        assertThat(r.bytes.size()).isZero();
    }

    @Test
    void aResetIsAReadError() throws Exception {
        ServerSocket s = listener(50);
        serveOne(s, c -> c.setSoLinger(true, 0));
        assertThat(run(at(s.getLocalPort()), null, 2000 * MS, true, 2000 * MS).events)
                .containsExactly("connected", "read error");
    }

    @Test
    void partialReadsAreReassembledInOrder() throws Exception {
        ServerSocket s = listener(50);
        byte[] data = new byte[100_000]; // several times the loop's 16 KiB read buffer
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        serveOne(s, c -> {
            OutputStream out = c.getOutputStream();
            for (int off = 0; off < data.length; off += 7_000) {
                out.write(data, off, Math.min(7_000, data.length - off));
                out.flush();
                Thread.sleep(2);
            }
        });
        Recorder r = run(at(s.getLocalPort()), null, 2000 * MS, true, 2000 * MS);
        assertThat(r.events).containsExactly("connected", "eof");
        assertThat(r.bytes.toByteArray()).isEqualTo(data);
        assertThat(r.reads).isGreaterThan(1);
    }

    @Test
    void aSilentPeerTimesOutTheRead() throws Exception {
        ServerSocket s = listener(50);
        CompletableFuture<Void> release = new CompletableFuture<>();
        toClose.add(() -> release.complete(null));
        serveOne(s, c -> {
            try {
                release.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ignored) {
                // the test is over either way
            }
        });
        assertThat(run(at(s.getLocalPort()), null, 2000 * MS, true, 200 * MS).events)
                .containsExactly("connected", "read timeout");
    }

    @Test
    void manyConcurrentConnectsWithTimersAllEndOnce() throws Exception {
        ServerSocket s = listener(200);
        EventLoop loop = (EventLoop) group.next();
        List<CompletableFuture<List<String>>> all = new ArrayList<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        loop.execute(() -> {
            LeanLoop lean = LeanLoop.of(loop);
            for (int i = 0; i < 100; i++) {
                Recorder r = new Recorder(lean, false, 0);
                all.add(r.over);
                // different timeouts, so several FIFOs are in use
                r.arm((1000 + (i % 3) * 500) * MS);
                r.connect(at(s.getLocalPort()), null, null, 0);
            }
            started.complete(null);
        });
        started.get(5, TimeUnit.SECONDS);
        for (CompletableFuture<List<String>> f : all) {
            assertThat(f.get(10, TimeUnit.SECONDS)).containsExactly("connected", "closed");
        }
    }

    @Test
    void onlyOnItsOwnEpollLoop() throws Exception {
        EventLoop loop = (EventLoop) group.next();
        assertThat(LeanLoop.of(loop)).as("off the loop's thread").isNull();
        assertThat(loop.submit(() -> LeanLoop.of(loop)).get(5, TimeUnit.SECONDS)).isNotNull();
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            EventLoop n = (EventLoop) nio.next();
            assertThat(n.submit(() -> LeanLoop.of(n) == null).get(5, TimeUnit.SECONDS)).as("NIO loop").isTrue();
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
