package io.jkeepalived.healthcheck.http;

import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.HttpCheck;
import io.jkeepalived.conf.model.check.HttpProtocol;
import io.jkeepalived.conf.model.check.HttpUrl;
import io.jkeepalived.conf.model.check.ForwardingMethod;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.conf.model.check.RegexOption;
import io.jkeepalived.healthcheck.Probe;
import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.jkeepalived.healthcheck.Probes;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static io.jkeepalived.healthcheck.http.TestWebServer.bytes;
import static io.jkeepalived.healthcheck.http.TestWebServer.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** HTTP_GET and SSL_GET against a web server the test controls, on loopback. */
class HttpProbeTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    static EventLoopGroup group;
    /** The transport's channel type: NIO here, epoll in {@link HttpProbeLeanTest} (plain HTTP on bare sockets). */
    static Class<? extends SocketChannel> channelType = NioSocketChannel.class;

    @BeforeAll
    static void loop() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        channelType = NioSocketChannel.class;
    }

    @AfterAll
    static void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static HttpUrl url(String path) {
        return new HttpUrl(path, null, List.of(), null, null, false, List.of(), 0, null, List.of());
    }

    static HttpUrl url(String path, String digest, List<List<Integer>> status) {
        return new HttpUrl(path, digest, status, null, null, false, List.of(), 0, null, List.of());
    }

    static HttpUrl regexUrl(String path, String regex, boolean noMatch, long min, Long max, RegexOption... opts) {
        return new HttpUrl(path, null, List.of(), null, regex, noMatch, List.of(opts), min, max, List.of());
    }

    static HttpCheck check(boolean ssl, String vhost, HttpProtocol proto, boolean sni, HttpUrl... urls) {
        return new HttpCheck(ssl, null, ConnectionOptions.UNSET, vhost, proto, sni, false, List.of(urls));
    }

    static HttpCheck get(HttpUrl... urls) {
        return check(false, null, HttpProtocol.HTTP_1_0, false, urls);
    }

    static ProbeTarget target(InetSocketAddress a, long timeoutNanos) {
        return new ProbeTarget(a, null, null, 0, timeoutNanos, "[" + a.getAddress().getHostAddress() + "]:tcp:" + a.getPort());
    }

    static ProbeResult run(HttpCheck c, InetSocketAddress a) throws Exception {
        return run(c, target(a, 5 * SECOND));
    }

    static ProbeResult run(HttpCheck c, ProbeTarget t) throws Exception {
        return run(c, t, group.next(), channelType);
    }

    static ProbeResult run(HttpCheck c, ProbeTarget t, EventLoop loop, Class<? extends SocketChannel> type) throws Exception {
        return run(Probes.create(c, t), t, loop, type);
    }

    /** A virtual server and a real server with only their virtualhost set (null for none). */
    static ProbeResult run(HttpCheck c, InetSocketAddress a, String vsVhost, String rsVhost) throws Exception {
        RealServer rs = new RealServer("127.0.0.1", Integer.toString(a.getPort()), 1, ForwardingMethod.NAT, false, null,
                null, List.of(c), null, null, rsVhost);
        VirtualServer vs = new VirtualServer(List.of("198.51.100.1", "80"), "TCP", "wlc", ForwardingMethod.NAT,
                1_000_000, 0, 1, 0, false, false, false, List.of(rs), null, null, vsVhost);
        ProbeTarget t = target(a, 5 * SECOND);
        return run(Probes.create(c, t, vs, rs), t, group.next(), channelType);
    }

    static ProbeResult run(Probe p, ProbeTarget t, EventLoop loop, Class<? extends SocketChannel> type) throws Exception {
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
                return t;
            }
        };
        CompletableFuture<ProbeResult> f = new CompletableFuture<>();
        loop.execute(() -> p.start(ctx, f::complete));
        try {
            return f.get(60, TimeUnit.SECONDS);
        } finally {
            p.close();
        }
    }

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes(s)));
    }

    private static String rs(TestWebServer s) {
        return "[127.0.0.1]:tcp:" + s.port();
    }

    @Test
    void okWithDefaultStatusRange() throws Exception {
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(response(204, "")))) {
            assertThat(run(get(url("/")), s.address())).isEqualTo(ProbeResult.ok());
        }
    }

    @Test
    void statusOutsideTheRangesFailsWithKeepalivedsWords() throws Exception {
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(response(503, "busy")))) {
            ProbeResult r = run(get(url("/")), s.address());
            assertThat(r.success()).isFalse();
            assertThat(r.failure()).isEqualTo("HTTP status code error to server " + rs(s) + ".");
            // 503 listed: passes
            assertThat(run(get(url("/", null, List.of(List.of(200, 200), List.of(500, 503)))), s.address()).success()).isTrue();
        }
    }

    @Test
    void statusLineWithoutReasonPhraseHasNoStatusForKeepalived() throws Exception {
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(bytes("HTTP/1.0 200\r\n\r\nbody")))) {
            assertThat(run(get(url("/")), s.address()).failure()).startsWith("HTTP status code error to server");
        }
    }

    @Test
    void digestOfTheBodyCutAtContentLength() throws Exception {
        String body = "<html>hello</html>\n";
        // bytes past Content-Length are not digested
        byte[] reply = bytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body + "TRAILING");
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(reply, 7, false))) {
            assertThat(run(get(url("/", md5(body), List.of())), s.address()).success()).isTrue();
            ProbeResult bad = run(get(url("/", md5("other"), List.of())), s.address());
            assertThat(bad.failure()).isEqualTo("MD5 digest error to server " + rs(s) + ".");
        }
    }

    @Test
    void chunkedBodyIsDigestedWithItsFraming() throws Exception {
        String raw = "5\r\nhello\r\n0\r\n\r\n";
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(
                bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + raw)))) {
            assertThat(run(get(url("/", md5(raw), List.of())), s.address()).success()).isTrue();
            assertThat(run(get(url("/", md5("hello"), List.of())), s.address()).success()).isFalse();
        }
    }

    @Test
    void everyUrlInTurnAndTheFirstFailureEndsTheAttempt() throws Exception {
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(
                r != null && r.startsWith("GET /bad") ? response(404, "no") : response(200, "yes")))) {
            ProbeResult r = run(get(url("/a"), url("/bad"), url("/c")), s.address());
            assertThat(r.failure()).isEqualTo("HTTP status code error to server " + rs(s) + ".");
            assertThat(s.requests).extracting(q -> q.substring(0, q.indexOf(' ', 4))).containsExactly("GET /a", "GET /bad");
            s.requests.clear();
            assertThat(run(get(url("/a"), url("/b")), s.address()).success()).isTrue();
            assertThat(s.requests).hasSize(2);
        }
    }

    @Test
    void requestsAreKeepalivedsByteForByte() throws Exception {
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(response(200, "")))) {
            int p = s.port();
            run(get(url("/x?y=1")), s.address());
            run(check(false, null, HttpProtocol.HTTP_1_0C, false, url("/")), s.address());
            run(check(false, "www.example.com", HttpProtocol.HTTP_1_1, false, url("/")), s.address());
            HttpUrl withVhost = new HttpUrl("/v", null, List.of(), "url.example.com", null, false, List.of(), 0, null, List.of());
            run(check(false, "www.example.com", HttpProtocol.HTTP_1_0, false, withVhost), s.address());
            assertThat(s.requests).containsExactly(
                    "GET /x?y=1 HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + p + "\r\n\r\n",
                    "GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: 127.0.0.1:" + p + "\r\n\r\n",
                    "GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example.com\r\n\r\n",
                    "GET /v HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: url.example.com\r\n\r\n");
        }
    }

    /** keepalived's http_request_thread: url, checker, real server, virtual server, then the address. */
    @Test
    void hostHeaderFallsBackToTheRealServersThenTheVirtualServersVirtualhost() throws Exception {
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(response(200, "")))) {
            int p = s.port();
            HttpUrl withVhost = new HttpUrl("/u", null, List.of(), "url.example", null, false, List.of(), 0, null, List.of());
            run(get(withVhost), s.address(), "vs.example", "rs.example");
            run(check(false, "chk.example", HttpProtocol.HTTP_1_0, false, url("/c")), s.address(), "vs.example", "rs.example");
            run(get(url("/r")), s.address(), "vs.example", "rs.example");
            run(get(url("/v")), s.address(), "vs.example", null);
            run(get(url("/a")), s.address(), null, null);
            assertThat(s.requests).containsExactly(
                    "GET /u HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: url.example\r\n\r\n",
                    "GET /c HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: chk.example\r\n\r\n",
                    "GET /r HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: rs.example\r\n\r\n",
                    "GET /v HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: vs.example\r\n\r\n",
                    "GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + p + "\r\n\r\n");
        }
    }

    /** keepalived's ssl_connect: SNI from the url, the checker, then the virtual server, never the real server. */
    @Test
    void sniFallsBackToTheVirtualServerButNotTheRealServer(@TempDir Path dir) throws Exception {
        SSLContext tls = TestWebServer.selfSigned(dir);
        assumeTrue(tls != null, "the JDK's keytool is needed to make a test certificate");
        try (TestWebServer s = TestWebServer.tls(tls, r -> new TestWebServer.Send(response(200, "")))) {
            assertThat(run(check(true, null, HttpProtocol.HTTP_1_0, true, url("/")), s.address(), "vs.example", "rs.example")
                    .success()).isTrue();
            assertThat(run(check(true, null, HttpProtocol.HTTP_1_0, true, url("/")), s.address(), null, "rs.example")
                    .success()).isTrue();
            // the Host header still takes the real server's name first
            assertThat(s.serverNames).containsExactly("vs.example");
            assertThat(s.requests).containsExactly(
                    "GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: rs.example\r\n\r\n",
                    "GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: rs.example\r\n\r\n");
        }
    }

    @Test
    void regexOverTheWholeResponseWithOffsets() throws Exception {
        String body = "0123456789 status=GREEN end";
        byte[] reply = response(200, body);
        int bodyAt = reply.length - body.length();
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(reply, 5, false))) {
            assertThat(run(get(regexUrl("/", "status=GREEN", false, 0, null)), s.address()).success()).isTrue();
            assertThat(run(get(regexUrl("/", "status=RED", false, 0, null)), s.address()).failure())
                    .isEqualTo("Regex match failed server " + rs(s) + ".");
            assertThat(run(get(regexUrl("/", "status=RED", true, 0, null)), s.address()).success()).isTrue();
            assertThat(run(get(regexUrl("/", "status=green", false, 0, null, RegexOption.CASELESS)), s.address()).success()).isTrue();
            // keepalived matches the head too: offsets count from the response's first byte
            assertThat(run(get(regexUrl("/", "^Server: test", false, 0, null, RegexOption.MULTILINE)), s.address()).success()).isTrue();
            int at = bodyAt + body.indexOf("status");
            assertThat(run(get(regexUrl("/", "status", false, at, (long) at)), s.address()).success()).isTrue();
            assertThat(run(get(regexUrl("/", "status", false, at + 1, null)), s.address()).success()).isFalse();
            assertThat(run(get(regexUrl("/", "status", false, 0, (long) at - 1)), s.address()).success()).isFalse();
        }
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        InetSocketAddress a = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port);
        assertThat(run(get(url("/")), a).failure()).isEqualTo("Connection failed server [127.0.0.1]:tcp:" + port + ".");
    }

    @Test
    void noReplyIsAWebReadTimeoutAndAStalledBodyAnHttpReadTimeout() throws Exception {
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Hang())) {
            ProbeResult r = run(get(url("/")), target(s.address(), SECOND / 5));
            assertThat(r.failure()).isEqualTo("Timeout WEB read server " + rs(s) + ".");
            s.replies(q -> new TestWebServer.Send(bytes("HTTP/1.0 200 OK\r\n"), 100, true));
            assertThat(run(get(url("/")), target(s.address(), SECOND / 5)).failure())
                    .isEqualTo("Timeout HTTP read server " + rs(s) + ".");
        }
    }

    @Test
    void emptyReplyAndReset() throws Exception {
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(new byte[0]))) {
            assertThat(run(get(url("/")), s.address()).failure()).isEqualTo("Read, no data received from server " + rs(s) + ".");
            s.replies(q -> new TestWebServer.Reset(response(200, "ok")));
            assertThat(run(get(url("/")), s.address()).failure()).isEqualTo("Read error with server " + rs(s) + ".");
        }
    }

    @Test
    void headLongerThanKeepalivedsBufferIsNoData() throws Exception {
        String head = "HTTP/1.0 200 OK\r\nX: " + "a".repeat(5000) + "\r\n\r\n";
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(bytes(head + "body")))) {
            assertThat(run(get(url("/")), s.address()).failure()).isEqualTo("Read, no data received from server " + rs(s) + ".");
        }
    }

    @Test
    void sslGetDoesNotVerifyAndSendsSniOnlyWhenAsked(@TempDir Path dir) throws Exception {
        SSLContext tls = TestWebServer.selfSigned(dir);
        assumeTrue(tls != null, "the JDK's keytool is needed to make a test certificate");
        String body = "secure page\n";
        try (TestWebServer s = TestWebServer.tls(tls, r -> new TestWebServer.Send(response(200, body)))) {
            assertThat(run(check(true, "www.example.com", HttpProtocol.HTTP_1_0, false, url("/", md5(body), List.of())),
                    s.address())).isEqualTo(ProbeResult.ok());
            assertThat(s.serverNames).isEmpty();
            assertThat(run(check(true, "www.example.com", HttpProtocol.HTTP_1_1, true, url("/")), s.address()).success()).isTrue();
            assertThat(s.serverNames).containsExactly("www.example.com");
            assertThat(s.requests.get(1)).isEqualTo(
                    "GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example.com\r\n\r\n");
            ProbeResult bad = run(check(true, null, HttpProtocol.HTTP_1_0, false, url("/", md5("x"), List.of())), s.address());
            assertThat(bad.failure()).isEqualTo("MD5 digest error to server " + rs(s) + ".");
        }
    }

    @Test
    void sslGetAgainstAPlainServer() throws Exception {
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.CloseNow())) {
            assertThat(run(check(true, null, HttpProtocol.HTTP_1_0, false, url("/")), s.address()).failure())
                    .isEqualTo("SSL handshake/communication error connecting to server " + rs(s) + ".");
            // a server waiting for a request head never answers the ClientHello: the handshake times out
            s.replies(r -> new TestWebServer.Send(response(200, "plain")));
            assertThat(run(check(true, null, HttpProtocol.HTTP_1_0, false, url("/")), target(s.address(), SECOND / 5))
                    .failure()).isEqualTo("Timeout connecting server " + rs(s) + ".");
        }
    }

    @Test
    void onEpollWithBindtoBindIfAndFwmark() throws Exception {
        assumeTrue(io.netty.channel.epoll.Epoll.isAvailable(), "netty's epoll transport is not available here");
        assumeTrue("root".equals(System.getProperty("user.name")), "SO_BINDTODEVICE and SO_MARK need root");
        EventLoopGroup epoll = new MultiThreadIoEventLoopGroup(1, io.netty.channel.epoll.EpollIoHandler.newFactory());
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(response(200, "e")))) {
            InetSocketAddress a = s.address();
            ProbeTarget t = new ProbeTarget(a, new InetSocketAddress(a.getAddress(), 0), "lo", 7, 5 * SECOND, rs(s));
            assertThat(run(get(url("/", md5("e"), List.of())), t, epoll.next(),
                    io.netty.channel.epoll.EpollSocketChannel.class)).isEqualTo(ProbeResult.ok());
        } finally {
            epoll.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
