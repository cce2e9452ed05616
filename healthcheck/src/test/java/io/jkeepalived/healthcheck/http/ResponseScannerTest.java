package io.jkeepalived.healthcheck.http;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import static io.jkeepalived.healthcheck.http.TestWebServer.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** keepalived 2.2.7's reading of a response (check_http.c, lib/html.c), with its odd corners. */
class ResponseScannerTest {
    static ResponseScanner.Result scan(byte[] b, int... cuts) {
        ResponseScanner s = new ResponseScanner(true, null, null);
        int from = 0;
        for (int c : cuts) {
            if (!s.feed(b, from, c - from)) {
                return s.finish();
            }
            from = c;
        }
        s.feed(b, from, b.length - from);
        return s.finish();
    }

    static byte[] md5(byte[] b) throws Exception {
        return MessageDigest.getInstance("MD5").digest(b);
    }

    @Test
    void statusCodeIsThreeCharactersBetweenSpaces() {
        assertThat(ResponseScanner.statusCode(bytes("HTTP/1.1 200 OK\r\n"), 17)).isEqualTo(200);
        assertThat(ResponseScanner.statusCode(bytes("HTTP/1.1 200\r\n"), 14)).isZero();
        assertThat(ResponseScanner.statusCode(bytes("HTTP/1.1  200 OK\r\n"), 18)).isZero();
        assertThat(ResponseScanner.statusCode(bytes("HTTP/1.1 2000 OK\r\n"), 18)).isZero();
        assertThat(ResponseScanner.statusCode(bytes("HTTP/1.1 +20 OK\r\n"), 17)).isZero();
        assertThat(ResponseScanner.statusCode(bytes("HTTP/1.1\r\n200 OK"), 16)).isZero();
        assertThat(ResponseScanner.statusCode(bytes("ICY 503 busy\r\n"), 14)).isEqualTo(503);
    }

    @Test
    void contentLengthAsStrstrAndStrtoulFindIt() {
        assertThat(cl("HTTP/1.0 200 OK\r\nContent-Length: 42\r\n\r\n")).isEqualTo(42);
        assertThat(cl("HTTP/1.0 200 OK\r\nContent-Length:42\r\n\r\n")).isEqualTo(42);
        assertThat(cl("HTTP/1.0 200 OK\r\ncontent-length: 42\r\n\r\n")).isEqualTo(ResponseScanner.NO_LENGTH);
        assertThat(cl("HTTP/1.0 200 OK\r\nContent-Length: 42 \r\n\r\n")).isEqualTo(ResponseScanner.NO_LENGTH);
        assertThat(cl("HTTP/1.0 200 OK\r\nContent-Length: x\r\n\r\n")).isEqualTo(ResponseScanner.NO_LENGTH);
        assertThat(cl("HTTP/1.0 200 OK\r\nContent-Length:\r\n\r\n")).isZero(); // no digits: end stays, at '\r'
        assertThat(cl("HTTP/1.0 200 OK\r\nContent-Length: -1\r\n\r\n")).isEqualTo(ResponseScanner.NO_LENGTH);
        assertThat(cl("HTTP/1.0 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n")).isEqualTo(-1L);
        assertThat(cl("HTTP/1.0 200 OK\r\nX: \0\r\nContent-Length: 4\r\n\r\n")).isEqualTo(ResponseScanner.NO_LENGTH);
    }

    private static long cl(String s) {
        byte[] b = bytes(s);
        return ResponseScanner.contentLength(b, b.length);
    }

    @Test
    void digestIsOfTheRawBodyCutAtContentLength() throws Exception {
        ResponseScanner.Result r = scan(bytes("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabcdef"));
        assertThat(r.extracted()).isTrue();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.rxBytes()).isEqualTo(6);
        assertThat(r.digest()).isEqualTo(md5(bytes("abc")));
        assertThat(scan(bytes("HTTP/1.0 200 OK\r\n\r\n")).digest()).isEqualTo(md5(new byte[0]));
    }

    @Test
    void noHeadEndIsNoData() {
        assertThat(scan(bytes("HTTP/1.0 200 OK\r\n")).extracted()).isFalse();
        byte[] huge = new byte[ResponseScanner.HEAD_BUFFER + 10];
        Arrays.fill(huge, (byte) 'a');
        ResponseScanner s = new ResponseScanner(true, null, null);
        assertThat(s.feed(huge, 0, huge.length)).isFalse();
        assertThat(s.finish().extracted()).isFalse();
    }

    @Test
    void headEndingExactlyAtTheBufferEdgeIsStillRead() {
        String start = "HTTP/1.0 200 OK\r\nX: ";
        String pad = "a".repeat(ResponseScanner.HEAD_BUFFER - start.length() - 4);
        byte[] b = bytes(start + pad + "\r\n\r\nbody");
        ResponseScanner.Result r = scan(b);
        assertThat(r.extracted()).isTrue();
        assertThat(r.rxBytes()).isEqualTo(4);
    }

    /** However the bytes are cut into reads, keepalived's reading gives the same answer (Content-Length in the head). */
    @Property(tries = 300)
    void readsMayBeCutAnywhere(@ForAll @Size(max = 300) byte[] body, @ForAll @IntRange(min = 100, max = 599) int status,
                               @ForAll @IntRange(min = -1, max = 400) int length, @ForAll List<@IntRange(min = 0, max = 1000) Integer> cuts)
            throws Exception {
        String head = "HTTP/1.1 " + status + " Whatever\r\n" + (length >= 0 ? "Content-Length: " + length + "\r\n" : "") + "\r\n";
        byte[] b = new byte[head.length() + body.length];
        System.arraycopy(bytes(head), 0, b, 0, head.length());
        System.arraycopy(body, 0, b, head.length(), body.length);
        int[] sorted = cuts.stream().mapToInt(c -> Math.min(c, b.length)).sorted().toArray();
        ResponseScanner.Result whole = scan(b);
        ResponseScanner.Result cut = scan(b, sorted);
        assertThat(cut.statusCode()).isEqualTo(whole.statusCode()).isEqualTo(status);
        assertThat(cut.rxBytes()).isEqualTo(whole.rxBytes()).isEqualTo(body.length);
        assertThat(cut.digest()).isEqualTo(whole.digest())
                .isEqualTo(md5(length < 0 ? body : Arrays.copyOf(body, Math.min(length, body.length))));
    }

    /** A reused scanner (HttpProbe keeps one per url) judges each response as a new one would. */
    @Property
    void aResetScannerIsANewOne(@ForAll @Size(max = 6000) byte[] first, @ForAll @Size(max = 6000) byte[] second,
                                @ForAll boolean digest) {
        ResponseScanner reused = new ResponseScanner(digest, null, null);
        reused.feed(first, 0, first.length);
        reused.finish();
        reused.reset();
        byte[] head = bytes("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\n");
        byte[] resp = Arrays.copyOf(head, head.length + second.length);
        System.arraycopy(second, 0, resp, head.length, second.length);
        ResponseScanner fresh = new ResponseScanner(digest, null, null);
        boolean a = reused.feed(resp, 0, resp.length);
        boolean b = fresh.feed(resp, 0, resp.length);
        assertThat(a).isEqualTo(b);
        ResponseScanner.Result ra = reused.finish();
        ResponseScanner.Result rb = fresh.finish();
        assertThat(ra.extracted()).isEqualTo(rb.extracted());
        assertThat(ra.statusCode()).isEqualTo(rb.statusCode());
        assertThat(ra.contentLength()).isEqualTo(rb.contentLength());
        assertThat(ra.rxBytes()).isEqualTo(rb.rxBytes());
        assertThat(ra.digest()).isEqualTo(rb.digest());
    }
}
