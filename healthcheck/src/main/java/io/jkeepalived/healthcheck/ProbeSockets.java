package io.jkeepalived.healthcheck;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.RawUnixChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * keepalived's tcp_bind_connect for the TCP-based checkers: a non-blocking connect to {@link ProbeTarget#connect()}
 * with {@code connect_timeout}, from {@code bindto}/{@code bind_port}, on {@code bind_if} (SO_BINDTODEVICE) with
 * {@code fwmark} (SO_MARK). The last two need the epoll transport (netty's NIO cannot set raw socket options);
 * without it they are ignored with a warning, once.
 */
public final class ProbeSockets {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.check");
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final int SO_MARK = 36;
    /** IFNAMSIZ: the kernel reads the device name from a buffer of this size. */
    private static final int IFNAMSIZ = 16;
    private static final RawUnixChannelOption BIND_TO_DEVICE =
            new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE, IFNAMSIZ);
    private static final IntegerUnixChannelOption MARK = new IntegerUnixChannelOption("SO_MARK", SOL_SOCKET, SO_MARK);
    private static volatile boolean warned;

    private ProbeSockets() {
    }

    /**
     * Starts the connect; the future fails with {@link ConnectTimeoutException} after connect_timeout.
     * {@code handler} is the new channel's pipeline (an empty adapter when the probe only needs the connect).
     */
    public static ChannelFuture connect(ProbeContext ctx, ChannelHandler handler) {
        ProbeTarget t = ctx.target();
        long timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(t.connectTimeoutNanos()));
        Bootstrap b = new Bootstrap().group(ctx.eventLoop()).channel(ctx.socketChannelType()).handler(handler)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        boolean epoll = EpollSocketChannel.class.isAssignableFrom(ctx.socketChannelType());
        if (t.bindInterface() != null) {
            if (epoll) {
                b.option(BIND_TO_DEVICE, deviceName(t.bindInterface()));
            } else {
                warnOnce();
            }
        }
        if (t.fwmark() != 0) {
            if (epoll) {
                b.option(MARK, (int) t.fwmark());
            } else {
                warnOnce();
            }
        }
        return t.bindTo() == null ? b.connect(t.connect()) : b.connect(t.connect(), t.bindTo());
    }

    /**
     * {@code bind_if} (SO_BINDTODEVICE) and {@code fwmark} (SO_MARK) on a bare socket, as {@link #connect} sets them
     * on a channel's: for the probes that connect without a netty Channel ({@code lean.LeanSocket}).
     *
     * @param bindInterface the interface name, or null
     * @param fwmark        the mark, or 0
     */
    public static void setSocketOptions(io.netty.channel.unix.Socket socket, String bindInterface, long fwmark)
            throws java.io.IOException {
        if (bindInterface != null) {
            socket.setRawOpt(SOL_SOCKET, SO_BINDTODEVICE, deviceName(bindInterface));
        }
        if (fwmark != 0) {
            socket.setIntOpt(SOL_SOCKET, SO_MARK, (int) fwmark);
        }
    }

    /** The NUL-padded interface name SO_BINDTODEVICE reads. */
    static ByteBuffer deviceName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocateDirect(IFNAMSIZ).order(java.nio.ByteOrder.nativeOrder());
        buf.put(bytes, 0, Math.min(bytes.length, IFNAMSIZ - 1));
        buf.position(0).limit(IFNAMSIZ);
        return buf;
    }

    private static void warnOnce() {
        if (!warned) {
            warned = true;
            LOG.warn("bind_if and fwmark need netty's epoll transport, which is not available here - ignoring them");
        }
    }
}
