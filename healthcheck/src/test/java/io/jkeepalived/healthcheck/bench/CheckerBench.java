package io.jkeepalived.healthcheck.bench;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.healthcheck.CheckerEngine;
import io.jkeepalived.healthcheck.RealServerStatus;
import io.netty.bootstrap.ServerBootstrap;
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

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The checker benchmark's two halves (bench/checker-bench.sh runs each in its own namespace):
 * {@code listen N BASE_PORT SECONDS} opens N listeners on 198.51.100.10 that accept and close;
 * {@code engine N BASE_PORT SECONDS LOOPS} checks them with one TCP_CHECK each at delay_loop 1 and prints,
 * over the steady state (after a warm-up of a third of the run), the CPU share of this process, its RSS,
 * the checks per second and the worst lateness of a check versus its schedule.
 */
public final class CheckerBench {
    private CheckerBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        int base = Integer.parseInt(args[2]);
        int seconds = Math.min(60, Integer.parseInt(args[3]));
        if (mode.equals("listen")) {
            listen(n, base, seconds);
        } else {
            engine(n, base, seconds, args.length > 4 ? Integer.parseInt(args[4]) : 2);
        }
    }

    private static void listen(int n, int base, int seconds) throws Exception {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
        AtomicLong accepted = new AtomicLong();
        try {
            ServerBootstrap b = new ServerBootstrap().group(group).channel(type).option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            accepted.incrementAndGet();
                            ctx.close();
                        }
                    });
            for (int i = 0; i < n; i++) {
                b.bind(new InetSocketAddress("198.51.100.10", base + i)).sync();
            }
            System.out.println("listening " + n);
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds + 30L));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            System.out.println("accepted " + accepted.get());
        }
    }

    private static void engine(int n, int base, int seconds, int loops) throws Exception {
        StringBuilder conf = new StringBuilder();
        int perVs = 100;
        for (int v = 0; v * perVs < n; v++) {
            conf.append("virtual_server 198.51.100.").append(100 + v % 100).append(' ').append(1000 + v).append(" {\n")
                    .append("  protocol TCP\n  delay_loop 1\n");
            for (int r = v * perVs; r < Math.min(n, (v + 1) * perVs); r++) {
                conf.append("  real_server 198.51.100.10 ").append(base + r).append(" {\n")
                        .append("    TCP_CHECK {\n      connect_timeout 3\n    }\n  }\n");
            }
            conf.append("}\n");
        }
        Path dir = Files.createTempDirectory("jk-hce-bench");
        KeepalivedConfig config = io.jkeepalived.healthcheck.HcConfigs.load(dir, conf.toString());
        Files.delete(dir.resolve("keepalived.conf"));
        Files.delete(dir);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong verdicts = new AtomicLong();
        try (CheckerEngine engine = CheckerEngine.start(config, System::nanoTime, v -> verdicts.incrementAndGet(),
                new CheckerEngine.Options(loops, w -> java.util.concurrent.ThreadLocalRandom.current().nextLong(w + 1),
                        false))) {
            long warm = Math.max(3, seconds / 3);
            Thread.sleep(TimeUnit.SECONDS.toMillis(warm));
            long cpu0 = os.getProcessCpuTime();
            long loopCpu0 = loopCpu();
            long loopUser0 = loopCpu(true);
            long t0 = System.nanoTime();
            long checks0 = engine.checksDone();
            engine.takeWorstLatenessNanos();
            long rss = 0;
            for (long s = warm; s < seconds; s++) {
                Thread.sleep(1000);
                rss = Math.max(rss, rssKb());
            }
            long cpu = os.getProcessCpuTime() - cpu0;
            long loopCpu = loopCpu() - loopCpu0;
            long loopUser = loopCpu(true) - loopUser0;
            long wall = System.nanoTime() - t0;
            long checks = engine.checksDone() - checks0;
            long worst = engine.takeWorstLatenessNanos();
            long down = engine.status().stream().filter(s -> !s.up()).count();
            long maxLatency = engine.status().stream().flatMap(s -> s.checkers().stream())
                    .mapToLong(RealServerStatus.CheckerStatus::lastLatencyNanos).max().orElse(-1);
            System.out.printf("real_servers=%d loops=%d transport=%s window=%.1fs checks/s=%.0f cpu=%.1f%% of one core "
                            + "(event loops %.1f%%: %.0fus/check, %.0fus of it in user mode) rss=%.0fMB worst_lateness=%.1fms last_latency_max=%.1fms down=%d verdicts=%d%n",
                    n, loops, engine.epoll() ? "epoll" : "nio", wall / 1e9, checks / (wall / 1e9), 100.0 * cpu / wall,
                    100.0 * loopCpu / wall, loopCpu / 1e3 / Math.max(1, checks),
                    loopUser / 1e3 / Math.max(1, checks),
                    rss / 1024.0, worst / 1e6, maxLatency / 1e6, down, verdicts.get());
        }
    }

    /** CPU time of the engine's event loop threads (the checks themselves, without JIT and GC threads). */
    private static long loopCpu() {
        return loopCpu(false);
    }

    private static long loopCpu(boolean userOnly) {
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("jk-check-1")) {
                long id = info.getThreadId();
                sum += Math.max(0, userOnly ? threads.getThreadUserTime(id) : threads.getThreadCpuTime(id));
            }
        }
        return sum;
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux: no figure
        }
        return 0;
    }
}
