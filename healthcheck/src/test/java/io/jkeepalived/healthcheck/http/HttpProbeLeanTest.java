package io.jkeepalived.healthcheck.http;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.jkeepalived.healthcheck.lean.LeanLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every case of {@link HttpProbeTest} on an epoll event loop, where plain HTTP_GET takes the bare-socket path
 * ({@link LeanHttpExchange}) and SSL_GET netty's Channel path: same verdicts, same words.
 */
class HttpProbeLeanTest extends HttpProbeTest {
    @BeforeAll
    static void loop() {
        assumeTrue(Epoll.isAvailable(), "netty's epoll transport is not available here");
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        channelType = EpollSocketChannel.class;
    }

    @Test
    void plainHttpTakesTheBareSocketPathHere() throws Exception {
        EventLoop l = (EventLoop) group.next();
        assertThat(l.submit(() -> LeanLoop.of(l) != null).get(5, TimeUnit.SECONDS)).isTrue();
    }
}
