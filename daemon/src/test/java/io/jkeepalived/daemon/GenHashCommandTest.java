package io.jkeepalived.daemon;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jkeepalived genhash ...} and keepalived's {@code -T/--genhash} reach genhash (tested in healthcheck). */
class GenHashCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutArgumentsPrintsGenhashsUsage() {
        assertThat(run("genhash")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Usage: jkeepalived genhash COMMAND [OPTIONS]\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void keepalivedsGenhashOptionToo() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        assertThat(run("-T", "-s", "127.0.0.1", "-p", String.valueOf(port), "-u", "/")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Connection failed\n");
    }
}
