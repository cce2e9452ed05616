package io.jkeepalived.healthcheck.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The real servers of {@code bench/checker-scale-bench.sh}, seen from outside the checker: {@code TCP} listeners
 * that accept and close, and {@code HTTP} listeners that answer any request with {@code 200 OK} and close, on
 * consecutive ports of one address. Each connection's arrival is noted per port, so the script can compare any
 * checker (jkeepalived's or keepalived's) by the same yardstick: the gap between two checks of one real server,
 * whose excess over {@code delay_loop} is how late the second check started against its schedule (keepalived
 * schedules the next check {@code delay_loop} after the previous one ends, so a check's own duration is in it).
 *
 * <p>{@code ScaleListener ADDRESS TCP_BASE TCP_N HTTP_BASE HTTP_N WARMUP_S MEASURE_S DELAY_S [START_LIMIT_S]}: listens, prints
 * {@code listening}; the window opens WARMUP_S after the first check arrives ({@code window-start}) and lasts
 * MEASURE_S ({@code window-end}); then one line per kind:
 * {@code tcp ports=N checks=C per_s=R gap_max=S gap_p99=S late_max=S late_p99=S missed=K} where {@code missed}
 * counts ports never checked twice in the window. Bounded: gives up when no check arrives within START_LIMIT_S (120, at most 900).
 */
public final class ScaleListener {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
            + "Connection: close\r\n\r\nok\n").getBytes(StandardCharsets.US_ASCII);

    private ScaleListener() {
    }

    /** Arrival book-keeping for one kind of listener, indexed by port - base. */
    static final class Book {
        final int base;
        final AtomicLongArray last;
        final AtomicLongArray count;
        final long[][] gaps; // per port, the gaps seen in the window (bounded)
        final int[] gapCount;
        volatile long from = Long.MAX_VALUE;
        volatile long first;
        volatile long until = Long.MAX_VALUE;

        Book(int base, int n, int maxGaps) {
            this.base = base;
            this.last = new AtomicLongArray(n);
            this.count = new AtomicLongArray(n);
            this.gaps = new long[n][maxGaps];
            this.gapCount = new int[n];
        }

        void arrived(int port, long now) {
            int i = port - base;
            if (first == 0) {
                first = now;
            }
            if (i < 0 || i >= last.length() || now < from || now > until) {
                return;
            }
            long previous = last.getAndSet(i, now);
            count.incrementAndGet(i);
            if (previous != 0) {
                synchronized (gaps[i]) {
                    if (gapCount[i] < gaps[i].length) {
                        gaps[i][gapCount[i]++] = now - previous;
                    }
                }
            }
        }

        long firstArrival() {
            return first;
        }

        String summary(String kind, double delaySeconds, double windowSeconds) {
            int n = last.length();
            int total = 0;
            for (int c : gapCount) {
                total += c;
            }
            long[] all = new long[total];
            int k = 0;
            long checks = 0;
            int missed = 0;
            for (int i = 0; i < n; i++) {
                checks += count.get(i);
                if (gapCount[i] == 0) {
                    missed++;
                }
                System.arraycopy(gaps[i], 0, all, k, gapCount[i]);
                k += gapCount[i];
            }
            Arrays.sort(all);
            double max = all.length == 0 ? Double.NaN : all[all.length - 1] / 1e9;
            double p99 = all.length == 0 ? Double.NaN : all[(int) Math.min(all.length - 1, Math.floor(all.length * 0.99))] / 1e9;
            double p50 = all.length == 0 ? Double.NaN : all[all.length / 2] / 1e9;
            return String.format("%s ports=%d checks=%d per_s=%.0f gap_p50=%.3f gap_p99=%.3f gap_max=%.3f late_p99=%.3f late_max=%.3f missed=%d",
                    kind, n, checks, checks / windowSeconds, p50, p99, max, p99 - delaySeconds, max - delaySeconds, missed);
        }
    }

    @ChannelHandler.Sharable
    private static final class Tcp extends ChannelInboundHandlerAdapter {
        private final Book book;

        Tcp(Book book) {
            this.book = book;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            book.arrived(((InetSocketAddress) ctx.channel().localAddress()).getPort(), System.nanoTime());
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @ChannelHandler.Sharable
    private static final class Http extends ChannelInboundHandlerAdapter {
        private final Book book;

        Http(Book book) {
            this.book = book;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            book.arrived(((InetSocketAddress) ctx.channel().localAddress()).getPort(), System.nanoTime());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // Any bytes of a request: answer once and close (the checkers send the whole request in one write).
            ReferenceCountUtil.release(msg);
            if (ctx.channel().attr(io.netty.util.AttributeKey.<Boolean>valueOf("answered")).setIfAbsent(Boolean.TRUE) == null) {
                ByteBuf r = Unpooled.wrappedBuffer(RESPONSE);
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            
            ctx.close();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    public static void main(String[] args) throws Exception {
        String address = args[0];
        int tcpBase = Integer.parseInt(args[1]);
        int tcpN = Integer.parseInt(args[2]);
        int httpBase = Integer.parseInt(args[3]);
        int httpN = Integer.parseInt(args[4]);
        int warmup = Math.min(120, Integer.parseInt(args[5]));
        int measure = Math.min(120, Integer.parseInt(args[6]));
        double delay = Double.parseDouble(args[7]);
        int startLimit = args.length > 8 ? Math.min(900, Integer.parseInt(args[8])) : 120;
        int maxGaps = (int) Math.ceil(measure / Math.max(0.1, delay)) + 4;
        Book tcp = new Book(tcpBase, tcpN, maxGaps);
        Book http = new Book(httpBase, httpN, maxGaps);

        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, io);
        try {
            ServerBootstrap t = new ServerBootstrap().group(group).channel(type).option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new Tcp(tcp));
            for (int i = 0; i < tcpN; i++) {
                t.bind(new InetSocketAddress(address, tcpBase + i)).sync();
            }
            ServerBootstrap h = new ServerBootstrap().group(group).channel(type).option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new Http(http));
            for (int i = 0; i < httpN; i++) {
                h.bind(new InetSocketAddress(address, httpBase + i)).sync();
            }
            System.out.println("listening " + tcpN + " " + httpN);
            System.out.flush();
            // The window opens WARMUP seconds after the first check arrives (so a daemon's start-up, however long,
            // is not in it) and is announced on stdout, so the script samples the daemon's CPU time over it.
            long first = 0;
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(startLimit);
            while (first == 0 && System.nanoTime() < giveUp) {
                Thread.sleep(50);
                first = tcp.firstArrival() != 0 ? tcp.firstArrival() : http.firstArrival();
            }
            if (first == 0) {
                System.out.println("no check arrived within " + startLimit + " s");
                System.exit(1);
            }
            long start = first + TimeUnit.SECONDS.toNanos(warmup);
            tcp.until = start + TimeUnit.SECONDS.toNanos(measure);
            http.until = tcp.until;
            tcp.from = start;
            http.from = start;
            sleepUntil(start);
            System.out.println("window-start " + System.currentTimeMillis() / 1e3);
            System.out.flush();
            sleepUntil(tcp.until);
            System.out.println("window-end " + System.currentTimeMillis() / 1e3);
            System.out.flush();
            Thread.sleep(200);
            System.out.println(tcp.summary("tcp", delay, measure));
            System.out.println(http.summary("http", delay, measure));
            System.out.flush();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
