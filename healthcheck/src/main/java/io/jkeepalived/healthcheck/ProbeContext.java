package io.jkeepalived.healthcheck;

import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;

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

    /** For work that blocks (running a script, reading a file): a small bounded pool, never an event loop. */
    Executor blocking();

    /** Monotonic nanoseconds (System::nanoTime in the daemon, a fake clock in tests). */
    LongSupplier nanoClock();

    /** Where this attempt connects. */
    ProbeTarget target();
}
