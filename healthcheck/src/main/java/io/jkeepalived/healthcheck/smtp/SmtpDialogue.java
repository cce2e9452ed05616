package io.jkeepalived.healthcheck.smtp;

import java.nio.charset.StandardCharsets;

/**
 * SMTP_CHECK's conversation with one host as keepalived's smtp_engine_thread has it (RFC 5321 §3.1, §4.1.1.1):
 * read the greeting (must be 220), send {@code HELO <helo_name>}, read its reply (must be 250), send
 * {@code QUIT}, read any line. Replies are read keepalived's way: bytes are collected until the first newline
 * (at most 511, then the buffer starts over), the rest of that read is dropped, and the status is the first
 * three digits followed by a blank or the end of the line (so multi-line {@code 250-} replies are not 250).
 * Pure: bytes in, {@link Step}s out.
 */
public final class SmtpDialogue {
    /** keepalived's SMTP_BUFF_MAX less its terminating NUL. */
    static final int MAX_LINE = 511;
    public static final String DEFAULT_HELO = "smtpchecker.keepalived.org";

    /** What the probe does next. send is non-null for {@link Kind#SEND}, failure for {@link Kind#FAIL}. */
    public record Step(Kind kind, String send, String failure) {
        static final Step READ = new Step(Kind.READ, null, null);
        static final Step DONE = new Step(Kind.DONE, null, null);
    }

    public enum Kind { READ, SEND, DONE, FAIL }

    private enum State { BANNER, HELO, QUIT, FINISHED }

    private final String heloName;
    private final String server;
    private final byte[] buf = new byte[MAX_LINE];
    private int len;
    private State state = State.BANNER;

    /** @param server the host as keepalived's FMT_SMTP_RS prints it, {@code [198.51.100.10]:25} */
    public SmtpDialogue(String heloName, String server) {
        this.heloName = heloName == null ? DEFAULT_HELO : heloName;
        this.server = server;
    }

    /** Feeds octets read from the server; {@link Kind#READ} until a line completes a step. */
    public Step onBytes(byte[] data) {
        if (state == State.FINISHED) {
            return Step.READ;
        }
        for (byte b : data) {
            if (len >= MAX_LINE) {
                // keepalived wraps its full buffer by clearing it
                len = 0;
            }
            if (b == '\n') {
                String line = new String(buf, 0, len, StandardCharsets.ISO_8859_1);
                len = 0;
                return onLine(line);
            }
            buf[len++] = b;
        }
        return Step.READ;
    }

    private Step onLine(String line) {
        int status = status(line);
        switch (state) {
            case BANNER:
                if (status != 220) {
                    return fail("Bad greeting banner from server " + server);
                }
                state = State.HELO;
                return new Step(Kind.SEND, "HELO " + heloName + "\r\n", null);
            case HELO:
                if (status != 250) {
                    return fail("Bad HELO response from server " + server);
                }
                state = State.QUIT;
                return new Step(Kind.SEND, "QUIT\r\n", null);
            case QUIT:
                state = State.FINISHED;
                return Step.DONE;
            default:
                return Step.READ;
        }
    }

    private Step fail(String why) {
        state = State.FINISHED;
        return new Step(Kind.FAIL, null, "SMTP_CHECK " + why);
    }

    /** keepalived's smtp_get_status: exactly three leading digits then a blank or the end, else -1. */
    static int status(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++; // strtoul skips leading white space
        }
        int start = i;
        while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            i++;
        }
        if (i - start != 3 || start != 0 || (i < line.length() && line.charAt(i) != ' ')) {
            return -1;
        }
        return Integer.parseInt(line.substring(0, 3));
    }
}
