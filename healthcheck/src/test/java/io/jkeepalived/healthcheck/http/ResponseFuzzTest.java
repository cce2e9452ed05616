package io.jkeepalived.healthcheck.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jkeepalived.conf.model.check.HttpUrl;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer targets for the HTTP_GET response side: arbitrary bytes, cut into arbitrary reads, through
 * {@link ResponseScanner} and through the probe's netty handler on an EmbeddedChannel. Under plain
 * {@code mvn test} they replay {@code ResponseFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} they fuzz.
 * The property: nothing throws, and the handler answers exactly once.
 */
class ResponseFuzzTest {
    private static final List<String> PATTERNS = List.of("status=GREEN", "^HTTP/1\\.[01] 200", "(?m)^Content-Length: \\d+$",
            "a(b|c)*d", "(?<=OK)\\s+");

    @FuzzTest(maxDuration = "30s")
    void scanner(FuzzedDataProvider data) {
        boolean digest = data.consumeBoolean();
        int[] cuts = cuts(data);
        byte[] bytes = data.consumeRemainingAsBytes();
        ResponseScanner s = new ResponseScanner(digest, null, null);
        feed(s, bytes, cuts);
        ResponseScanner.Result r = s.finish();
        assertThat(r.digest() != null).isEqualTo(digest);
        if (!r.extracted()) {
            assertThat(r.rxBytes()).isZero();
        } else {
            assertThat(r.rxBytes()).isBetween(0L, (long) bytes.length);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void pipeline(FuzzedDataProvider data) {
        // the pattern is the operator's, not the server's: pick one rather than fuzz it
        String regex = data.consumeBoolean() ? data.pickValue(PATTERNS) : null;
        boolean ssl = data.consumeBoolean();
        int[] cuts = cuts(data);
        byte[] bytes = data.consumeRemainingAsBytes();
        BodyRegex.Window window = null;
        if (regex != null) {
            try {
                BodyRegex r = BodyRegex.of(new HttpUrl("/", null, List.of(), null, regex, false, List.of(), 0, null, List.of()));
                window = r.window();
            } catch (PatternSyntaxException e) {
                // the probe turns that into a failing url; nothing to read
            }
        }
        List<HttpExchange.Outcome> outcomes = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel();
        HttpExchange.Spec spec = new HttpExchange.Spec(new InetSocketAddress(InetAddress.getLoopbackAddress(), 80), null,
                null, 0, 0, ssl, null, GetRequest.build("/", io.jkeepalived.conf.model.check.HttpProtocol.HTTP_1_0, null,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 80)));
        ch.pipeline().addLast(HttpExchange.awaitingResponse(ch.eventLoop(), spec,
                new ResponseScanner(true, window, null), outcomes::add));
        int from = 0;
        for (int c : cuts) {
            int to = Math.min(Math.max(c, from), bytes.length);
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, from, to - from));
            from = to;
        }
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, from, bytes.length - from));
        ch.close();
        ch.runPendingTasks();
        assertThat(outcomes).hasSize(1);
        HttpExchange.Outcome o = outcomes.get(0);
        assertThat(o.error() == null).isEqualTo(o.result() != null);
        ch.finishAndReleaseAll();
    }

    private static int[] cuts(FuzzedDataProvider data) {
        int n = data.consumeInt(0, 8);
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = data.consumeInt(0, 9000);
        }
        java.util.Arrays.sort(c);
        return c;
    }

    private static void feed(ResponseScanner s, byte[] b, int[] cuts) {
        int from = 0;
        for (int c : cuts) {
            int to = Math.min(Math.max(c, from), b.length);
            if (!s.feed(b, from, to - from)) {
                return;
            }
            from = to;
        }
        s.feed(b, from, b.length - from);
    }
}
