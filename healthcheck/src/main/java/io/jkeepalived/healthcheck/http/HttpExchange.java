package io.jkeepalived.healthcheck.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.RawUnixChannelOption;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One GET of HTTP_GET/SSL_GET on a netty event loop, with keepalived 2.2.7's phases, timeouts and words for
 * what went wrong ({@code http_connect_thread} to {@code http_read_thread}/{@code ssl_read_thread}):
 * <ul>
 *   <li>connect and TLS handshake share one {@code connect_timeout} ("Timeout connecting");</li>
 *   <li>the request gets its own ("Timeout WEB write"), then the first reply byte ("Timeout WEB read");</li>
 *   <li>plain HTTP: every read gets a fresh {@code connect_timeout} ("Timeout HTTP read"); TLS: the reads share
 *       what is left of the first-byte deadline ("Timeout SSL read");</li>
 *   <li>the response ends when the server closes the connection; a reset of a plain connection is a failure
 *       ("Read error with") even after data, a TLS error ends the response with what arrived.</li>
 * </ul>
 * The bytes go raw to a {@link ResponseScanner}: no HTTP codec, because keepalived digests the bytes after the
 * head as they are (chunk framing included) and a codec would decode them. SSL_GET never verifies the server's
 * certificate: keepalived 2.2.7 loads its {@code SSL { ca }} file but never sets SSL_VERIFY_PEER.
 */
final class HttpExchange extends ChannelInboundHandlerAdapter {
    /** keepalived's connection_to of genhash without -t: UINT_MAX, never reached. */
    static final long NO_TIMEOUT = Long.MAX_VALUE;
    // setsockopt options netty has no name for (Linux values): fwmark and bind_if of the checker
    private static final int SOL_SOCKET = 1;
    private static final int IFNAMSIZ = 16;
    private static final IntegerUnixChannelOption SO_MARK = new IntegerUnixChannelOption("JK_SO_MARK", SOL_SOCKET, 36);
    private static final RawUnixChannelOption SO_BINDTODEVICE =
            new RawUnixChannelOption("JK_SO_BINDTODEVICE", SOL_SOCKET, 25, IFNAMSIZ);

    /**
     * @param connect      where to connect
     * @param bindTo       local address to bind, or null
     * @param bindInterface SO_BINDTODEVICE for the socket (epoll transport only), or null
     * @param fwmark       SO_MARK for the socket (epoll transport only), or 0
     * @param timeoutNanos keepalived's connection_to, or {@link #NO_TIMEOUT}
     * @param ssl          SSL_GET
     * @param sni          the server name to send in the TLS handshake, or null for none
     * @param request      the request bytes ({@link GetRequest})
     * @param tls          the TLS client context ({@link SslClient}), or null for the one without an SSL block
     */
    record Spec(InetSocketAddress connect, InetSocketAddress bindTo, String bindInterface, long fwmark, long timeoutNanos, boolean ssl,
                String sni, byte[] request, SslContext tls) {
        Spec(InetSocketAddress connect, InetSocketAddress bindTo, String bindInterface, long fwmark, long timeoutNanos,
             boolean ssl, String sni, byte[] request) {
            this(connect, bindTo, bindInterface, fwmark, timeoutNanos, ssl, sni, request, null);
        }
    }

    /**
     * @param error  keepalived's words for the failure, without " server [..]." (e.g. "Connection failed"); null when
     *               the response was read to its end
     * @param result what was read, when error is null
     */
    record Outcome(String error, ResponseScanner.Result result) {
    }

    private enum Phase { CONNECTING, WRITING, AWAITING, READING, DONE }

    private final EventLoop loop;
    private final Spec spec;
    private final ResponseScanner scanner;
    private final Consumer<Outcome> done;
    private Phase phase = Phase.CONNECTING;
    private Channel channel;
    private ScheduledFuture<?> timer;
    private String timerWords;
    private boolean closeNotify;

    private HttpExchange(EventLoop loop, Spec spec, ResponseScanner scanner, Consumer<Outcome> done) {
        this.loop = loop;
        this.spec = spec;
        this.scanner = scanner;
        this.done = done;
    }

    /** Starts one GET on {@code loop}; {@code done} is called exactly once, on the loop. */
    static void start(EventLoop loop, Class<? extends SocketChannel> channelType, Spec spec, ResponseScanner scanner,
                      Consumer<Outcome> done) {
        HttpExchange x = new HttpExchange(loop, spec, scanner, done);
        if (loop.inEventLoop()) {
            x.connect(channelType);
        } else {
            loop.execute(() -> x.connect(channelType));
        }
    }

    /**
     * A handler already past connecting and writing, for driving the response side with an EmbeddedChannel
     * (tests and the fuzz target): add it to a pipeline, then write inbound bytes and close.
     */
    static HttpExchange awaitingResponse(EventLoop loop, Spec spec, ResponseScanner scanner, Consumer<Outcome> done) {
        HttpExchange x = new HttpExchange(loop, spec, scanner, done);
        x.phase = Phase.AWAITING;
        return x;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (channel == null) {
            channel = ctx.channel();
        }
    }

    private void connect(Class<? extends SocketChannel> channelType) {
        SslContext tls;
        try {
            tls = !spec.ssl() ? null : spec.tls() != null ? spec.tls() : SslClient.insecure();
        } catch (java.io.IOException | RuntimeException e) {
            finish(new Outcome("SSL handshake/communication error connecting to", null));
            return;
        }
        Bootstrap b = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0) // our own timer, with keepalived's words
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(sslHandler(tls, ch));
                        }
                        ch.pipeline().addLast(HttpExchange.this);
                    }
                });
        if (EpollSocketChannel.class.isAssignableFrom(channelType)) {
            if (spec.fwmark() != 0) {
                b.option(SO_MARK, (int) spec.fwmark());
            }
            if (spec.bindInterface() != null) {
                byte[] name = spec.bindInterface().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                java.nio.ByteBuffer v = java.nio.ByteBuffer.allocateDirect(IFNAMSIZ).order(java.nio.ByteOrder.nativeOrder());
                v.put(name, 0, Math.min(name.length, IFNAMSIZ - 1)).clear();
                b.option(SO_BINDTODEVICE, v);
            }
        }
        arm("Timeout connecting");
        ChannelFuture f;
        try {
            f = spec.bindTo() == null ? b.connect(spec.connect()) : b.connect(spec.connect(), spec.bindTo());
        } catch (RuntimeException e) {
            finish(new Outcome(connectWords(e), null));
            return;
        }
        channel = f.channel();
        f.addListener(cf -> {
            if (!cf.isSuccess()) {
                finish(new Outcome(connectWords(cf.cause()), null));
            } else if (tls == null) {
                send();
            } else {
                channel.pipeline().get(SslHandler.class).handshakeFuture().addListener(hf -> {
                    if (hf.isSuccess()) {
                        send();
                    } else {
                        finish(new Outcome("SSL handshake/communication error connecting to", null));
                    }
                });
            }
        });
    }

    private SslHandler sslHandler(SslContext tls, SocketChannel ch) {
        SslHandler h;
        if (spec.sni() == null) {
            h = tls.newHandler(ch.alloc());
        } else {
            h = tls.newHandler(ch.alloc(), spec.sni(), spec.connect().getPort());
            SSLEngine engine = h.engine();
            SSLParameters p = engine.getSSLParameters();
            try {
                // explicitly: the JDK sends a peer host as SNI only when it looks like a domain name with a dot
                p.setServerNames(List.of(new SNIHostName(spec.sni())));
            } catch (IllegalArgumentException notAHostName) {
                p.setServerNames(List.of()); // OpenSSL would send it anyway; the JDK cannot
            }
            engine.setSSLParameters(p);
        }
        h.setHandshakeTimeoutMillis(0); // the connect deadline covers the handshake, as in keepalived
        return h;
    }

    static String connectWords(Throwable cause) {
        String m = String.valueOf(cause.getMessage());
        if (cause instanceof BindException || m.contains("bind(")) {
            return "WEB socket bind failed. Rescheduling";
        }
        if (m.contains("Network is unreachable")) {
            // connect() itself failed: keepalived's connect_fail branch of http_connect_thread
            return "HTTP_CHECK - network unreachable";
        }
        return "Connection failed";
    }

    private void send() {
        if (phase != Phase.CONNECTING) {
            return;
        }
        phase = Phase.WRITING;
        arm("Timeout WEB write");
        channel.writeAndFlush(Unpooled.wrappedBuffer(spec.request())).addListener(wf -> {
            if (!wf.isSuccess()) {
                finish(new Outcome("Cannot send get request to", null));
            } else if (phase == Phase.WRITING) {
                phase = Phase.AWAITING;
                arm("Timeout WEB read");
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (phase == Phase.DONE || !(msg instanceof ByteBuf buf)) {
                return;
            }
            if (phase != Phase.READING) {
                phase = Phase.READING;
                if (spec.ssl()) {
                    timerWords = "Timeout SSL read"; // same deadline, keepalived's words for it
                }
            }
            if (!spec.ssl()) {
                arm("Timeout HTTP read");
            }
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            if (!scanner.feed(bytes, 0, bytes.length)) {
                endOfStream();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslCloseCompletionEvent) {
            closeNotify = true;
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (phase == Phase.WRITING || phase == Phase.AWAITING || phase == Phase.READING) {
            endOfStream();
        }
        // while connecting, the connect or handshake future says what happened
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (phase == Phase.AWAITING || phase == Phase.READING) {
            if (spec.ssl()) {
                endOfStream(); // SSL_read's error: keepalived judges what it has
            } else {
                finish(new Outcome("Read error with", null));
            }
        }
        // while connecting or writing, the connect, handshake or write future says what happened
    }

    private void endOfStream() {
        if (phase == Phase.DONE) {
            return;
        }
        ResponseScanner.Result r = scanner.finish();
        if (spec.ssl() && closeNotify && !r.extracted()) {
            finish(new Outcome("SSL read error from", null));
        } else {
            finish(new Outcome(null, r));
        }
    }

    private void arm(String words) {
        timerWords = words;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (spec.timeoutNanos() != NO_TIMEOUT && spec.timeoutNanos() > 0) {
            timer = loop.schedule(() -> finish(new Outcome(timerWords, null)), spec.timeoutNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void finish(Outcome o) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        if (timer != null) {
            timer.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
        done.accept(o);
    }
}
