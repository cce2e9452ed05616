package io.jkeepalived.healthcheck.http;

import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TLS warm-up: a complete in-memory handshake with SSL_GET's client context. The first handshake of the JVM and
 * the ones after are logged (no timed assertion: speed belongs to bench/).
 */
class TlsWarmupTest {
    @Test
    void theFirstHandshakePaysTheSetUpAndTheNextOnesDoNot() throws Exception {
        // cold only when this class runs first in its JVM (e.g. -Dtest=TlsWarmupTest): then the first call is what
        // the first SSL_GET check paid before the warm-up, and the second what it pays now
        long t0 = System.nanoTime();
        SslContext client = SslClient.insecure();
        long first = TlsWarmup.handshake(client);
        long firstWhole = System.nanoTime() - t0;
        long second = TlsWarmup.handshake(client);
        long third = TlsWarmup.handshake(client);
        System.out.printf("TLS handshake, first in this JVM: %.1f ms with the context and JSSE set-up (%.1f ms the"
                        + " client's handshake alone); after it: %.1f ms, %.1f ms%n",
                firstWhole / 1e6, first / 1e6, second / 1e6, third / 1e6);
        assertThat(first).isPositive();
        assertThat(second).isPositive();
    }

    @Test
    void startRunsOnADaemonThreadOfItsOwn() throws Exception {
        Thread t = TlsWarmup.start(SslClient.insecure());
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.getName()).isEqualTo("jk-tls-warmup");
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
    }
}
