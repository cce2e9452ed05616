package io.jkeepalived.healthcheck.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Reads an HTTP response the way keepalived 2.2.7's HTTP_GET does ({@code http_process_response} and
 * {@code lib/html.c}), not the way HTTP says: that is what makes digests equal to keepalived's and genhash's.
 * <ul>
 *   <li>The head is collected in a 4095-byte buffer (keepalived's {@code MAX_BUFFER_LENGTH - 1}); a head that
 *       does not end ({@code \r\n\r\n}) within it ends the response as if the server had sent nothing.</li>
 *   <li>The status code is the three characters after the first space of the status line, and only when a
 *       space follows them ({@code "HTTP/1.1 200\r\n"} has no status code: 0).</li>
 *   <li>{@code Content-Length:} is found case-sensitively anywhere in the buffer as it was when the head ended
 *       (up to its first NUL byte, as strstr stops there) and read as strtoul reads it.</li>
 *   <li>The digest is the MD5 of the raw bytes after the head, cut at Content-Length when there is one: a
 *       chunked body is digested with its chunk framing, as keepalived does.</li>
 *   <li>The response ends only when the server closes the connection.</li>
 * </ul>
 * Pure: bytes in, a {@link Result} out; no I/O, no clock.
 */
final class ResponseScanner {
    /** keepalived reads into MAX_BUFFER_LENGTH (4096) bytes keeping one for a terminating NUL. */
    static final int HEAD_BUFFER = 4095;
    /** extract_content_length's "not found": SIZE_MAX, compared unsigned. */
    static final long NO_LENGTH = -1L;
    private static final byte[] CONTENT_LENGTH = "Content-Length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** What genhash -v prints while the response arrives; every method has an empty default. */
    interface Trace {
        /** A read arrived while the head was still incomplete (keepalived prints its "HTTP Header Buffer" banner). */
        default void headPending() {
        }

        /** The head, once complete, and the first body bytes that were digested with it (maybe none). */
        default void head(byte[] head, byte[] firstBody) {
        }

        /** Body bytes of a later read that went into the digest. */
        default void body(byte[] bytes, int off, int len) {
        }
    }

    /**
     * @param extracted     the head ended (keepalived's {@code req->extracted}); false means "no data received"
     * @param statusCode    the status code as keepalived extracts it (0 when it cannot)
     * @param contentLength Content-Length as an unsigned value, or {@link #NO_LENGTH}
     * @param rxBytes       body bytes received
     * @param digest        the MD5 digest (16 bytes), or null when no digest was asked for
     * @param regexMatched  whether the url's regex matched (false when there is none)
     */
    record Result(boolean extracted, int statusCode, long contentLength, long rxBytes, byte[] digest,
                  boolean regexMatched) {
    }

    private final MessageDigest md5;
    private final BodyRegex.Window regex;
    private final Trace trace;
    private final byte[] head = new byte[HEAD_BUFFER];
    private int headLen;
    private boolean extracted;
    private boolean overflow;
    private int statusCode;
    private long contentLength = NO_LENGTH;
    private long rxBytes;

    /**
     * @param digest whether to compute the MD5 (keepalived does only for urls with a {@code digest}, genhash always)
     * @param regex  where the response goes to be matched by the url's regex, or null
     * @param trace  genhash -v's observer, or null
     */
    ResponseScanner(boolean digest, BodyRegex.Window regex, Trace trace) {
        this.md5 = digest ? newMd5() : null;
        this.regex = regex;
        this.trace = trace;
    }

    /**
     * Makes this scanner new again for the next response of the same url (a probe reuses it: no 4 KiB head buffer
     * and MessageDigest per attempt). Only for scanners without a regex window (windows are per response).
     */
    void reset() {
        if (regex != null || trace != null) {
            throw new IllegalStateException("only a scanner without regex or trace is reused");
        }
        headLen = 0;
        extracted = false;
        overflow = false;
        statusCode = 0;
        contentLength = NO_LENGTH;
        rxBytes = 0;
        if (md5 != null) {
            md5.reset();
        }
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /**
     * Takes bytes as they arrive. Returns false once the head has filled keepalived's buffer without ending:
     * keepalived then reads zero bytes, takes that for the end of the stream, and so must the caller.
     */
    boolean feed(byte[] b, int off, int len) {
        if (overflow) {
            return false;
        }
        if (regex != null) {
            regex.append(b, off, len);
        }
        int pos = off;
        int end = off + len;
        while (pos < end && !extracted) {
            if (trace != null) {
                trace.headPending();
            }
            int n = Math.min(end - pos, HEAD_BUFFER - headLen);
            if (n == 0) {
                overflow = true;
                return false;
            }
            int scanFrom = Math.max(0, headLen - 3);
            System.arraycopy(b, pos, head, headLen, n);
            headLen += n;
            pos += n;
            int bodyStart = headEnd(head, scanFrom, headLen);
            if (bodyStart < 0) {
                if (headLen == HEAD_BUFFER) {
                    overflow = true;
                    return false;
                }
                continue;
            }
            extracted = true;
            statusCode = statusCode(head, headLen);
            contentLength = contentLength(head, headLen);
            int r = headLen - bodyStart;
            byte[] first = new byte[0];
            if (r > 0 && md5 != null) {
                int take = (int) digestable(r);
                md5.update(head, bodyStart, take);
                first = java.util.Arrays.copyOfRange(head, bodyStart, bodyStart + take);
            }
            if (trace != null) {
                trace.head(java.util.Arrays.copyOf(head, bodyStart), first);
            }
            rxBytes = r;
        }
        if (pos < end) {
            // a later read, after the head: keepalived feeds at most 4095 bytes per read, but the digest and
            // the count do not depend on how reads are cut
            int r = end - pos;
            if (md5 != null && (contentLength == NO_LENGTH || Long.compareUnsigned(contentLength, rxBytes) > 0)) {
                int take = (int) digestable(r);
                md5.update(b, pos, take);
                if (trace != null) {
                    trace.body(b, pos, take);
                }
            }
            rxBytes += r;
        }
        return true;
    }

    /** How many of {@code r} new body bytes go into the digest: all, or up to Content-Length. */
    private long digestable(int r) {
        if (contentLength == NO_LENGTH || Long.compareUnsigned(contentLength, rxBytes + r) >= 0) {
            return r;
        }
        return contentLength - rxBytes;
    }

    /** The response is over (the server closed the connection, or keepalived's buffer overflowed). */
    Result finish() {
        byte[] digest = md5 == null ? null : md5.digest();
        boolean matched = regex != null && regex.matches();
        return new Result(extracted, statusCode, contentLength, rxBytes, digest, matched);
    }

    /** extract_html: the offset just past the first CRLFCRLF at or after {@code from}, or -1. */
    static int headEnd(byte[] buf, int from, int len) {
        for (int i = from; i + 3 < len; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** extract_status_code: three characters after the first space, followed by a space; 0 otherwise. */
    static int statusCode(byte[] buf, int len) {
        int i = 0;
        while (i < len && buf[i] != ' ' && buf[i] != '\r') {
            i++;
        }
        if (i >= len || buf[i] != ' ') {
            return 0;
        }
        i++;
        if (i + 3 >= len || buf[i] == ' ' || buf[i + 3] != ' ') {
            return 0;
        }
        // strtoul must consume exactly the three characters; leading blanks and a sign would make it read
        // fewer digits, and no 3-character form other than three digits gives a code in 100..599
        int code = 0;
        for (int k = 0; k < 3; k++) {
            byte c = buf[i + k];
            if (c < '0' || c > '9') {
                return 0;
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }

    /** extract_content_length: strstr for "Content-Length:" (stopping at a NUL), then strtoul; NO_LENGTH when absent or malformed. */
    static long contentLength(byte[] buf, int len) {
        int limit = 0;
        while (limit < len && buf[limit] != 0) {
            limit++;
        }
        int at = indexOf(buf, limit, CONTENT_LENGTH);
        if (at < 0) {
            return NO_LENGTH;
        }
        int start = at + CONTENT_LENGTH.length;
        int i = start;
        while (i < limit && isSpace(buf[i])) {
            i++;
        }
        boolean negative = false;
        if (i < limit && (buf[i] == '+' || buf[i] == '-')) {
            negative = buf[i] == '-';
            i++;
        }
        int digits = i;
        long value = 0;
        boolean overflowed = false;
        while (i < limit && buf[i] >= '0' && buf[i] <= '9') {
            int d = buf[i] - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                overflowed = true;
            } else {
                value = value * 10 + d;
            }
            i++;
        }
        int endPtr;
        if (i == digits) {
            value = 0;
            endPtr = start; // no digits: strtoul leaves end at its argument
        } else {
            endPtr = i;
            if (overflowed) {
                value = -1L;
            } else if (negative) {
                value = -value;
            }
        }
        byte next = endPtr < limit ? buf[endPtr] : 0;
        if (next != 0 && next != '\r' && next != '\n') {
            return NO_LENGTH;
        }
        return value;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static int indexOf(byte[] buf, int limit, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= limit; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (buf[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
