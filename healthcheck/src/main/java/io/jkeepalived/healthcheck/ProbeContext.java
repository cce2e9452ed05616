package io.jkeepalived.healthcheck;

import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * What the checker engine lends a {@link Probe} for one attempt.
 */
public interface ProbeContext {
    /** Where the probe's I/O and timers run: one of the engine's few netty event loops. */
    EventLoop eventLoop();

    /** The socket channel class of that loop's transport (epoll on Linux, NIO elsewhere). */
    Class<? extends SocketChannel> socketChannelType();

    /** The datagram channel class of the same transport (UDP_CHECK, DNS_CHECK). */
    default Class<? extends DatagramChannel> datagramChannelType() {
        return EpollSocketChannel.class.isAssignableFrom(socketChannelType()) ? EpollDatagramChannel.class
                : NioDatagramChannel.class;
    }

    /**
     * The checker's resolved {@code delay_loop} in nanoseconds (MISC_CHECK's timeout when {@code misc_timeout} is
     * unset), or 0 when unknown.
     */
    default long delayLoopNanos() {
        return 0;
    }

    /**
     * The real server's configured {@code weight}, for checkers whose weight is relative to it (FILE_CHECK adds
     * the tracked value; MISC_CHECK {@code misc_dynamic} exit 0 returns to it); {@link ProbeResult#NO_WEIGHT} when
     * unknown.
     */
    default int realServerWeight() {
        return ProbeResult.NO_WEIGHT;
    }

    /** The configuration's {@code track_file} blocks, which FILE_CHECK names. */
    default java.util.List<io.jkeepalived.conf.model.vrrp.TrackFile> trackFiles() {
        return java.util.List.of();
    }

    /** The configuration's global_defs (script_user, enable_script_security for MISC_CHECK), or null. */
    default io.jkeepalived.conf.model.GlobalDefs global() {
        return null;
    }

    /** The configuration's root {@code SSL} block (SSL_GET's client certificate, key and CA), or null. */
    default io.jkeepalived.conf.model.check.SslSettings ssl() {
        return null;
    }

    /** For work that blocks (running a script, reading a file): a small bounded pool, never an event loop. */
    Executor blocking();

    /** Monotonic nanoseconds (System::nanoTime in the daemon, a fake clock in tests). */
    LongSupplier nanoClock();

    /** Where this attempt connects. */
    ProbeTarget target();
}
