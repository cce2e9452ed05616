package io.jkeepalived.healthcheck.http;

import io.jkeepalived.healthcheck.lean.LeanLoop;
import io.jkeepalived.healthcheck.lean.LeanSocket;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * One plain HTTP_GET request on a bare socket: the phases, timeouts and words of {@link HttpExchange} (which stays
 * the path of SSL_GET and of the NIO transport), without a netty Channel. Connect within connect_timeout
 * ("Timeout connecting"), write the request ("Timeout WEB write"), wait for the first byte ("Timeout WEB read"), then
 * each read gets a fresh connect_timeout ("Timeout HTTP read"); the response ends when the server closes, a reset
 * is "Read error with". The bytes go to the same {@link ResponseScanner}.
 */
final class LeanHttpExchange extends LeanSocket {
    /** Reads per readiness event before giving the loop back (level-triggered: the rest comes next round). */
    private static final int READS_PER_EVENT = 16;

    private enum Phase { CONNECTING, WRITING, AWAITING, READING, DONE }

    private final HttpExchange.Spec spec;
    private final ResponseScanner scanner;
    private final Consumer<HttpExchange.Outcome> done;
    private Phase phase = Phase.CONNECTING;
    private String timerWords;
    private int written;

    private LeanHttpExchange(LeanLoop lean, HttpExchange.Spec spec, ResponseScanner scanner,
                             Consumer<HttpExchange.Outcome> done) {
        super(lean);
        this.spec = spec;
        this.scanner = scanner;
        this.done = done;
    }

    /** Starts one GET; {@code done} is called exactly once, on the loop (maybe before this returns). */
    static void start(LeanLoop lean, HttpExchange.Spec spec, ResponseScanner scanner,
                      Consumer<HttpExchange.Outcome> done) {
        LeanHttpExchange x = new LeanHttpExchange(lean, spec, scanner, done);
        x.armFor("Timeout connecting");
        x.connect(spec.connect(), spec.bindTo(), spec.bindInterface(), spec.fwmark());
    }

    private void armFor(String words) {
        timerWords = words;
        arm(spec.timeoutNanos() == HttpExchange.NO_TIMEOUT ? 0 : spec.timeoutNanos());
    }

    @Override
    protected void connected() {
        if (phase != Phase.CONNECTING) {
            return;
        }
        phase = Phase.WRITING;
        armFor("Timeout WEB write");
        write();
    }

    @Override
    protected void connectFailed(Throwable cause, boolean timeout) {
        finish(new HttpExchange.Outcome(timeout ? timerWords : HttpExchange.connectWords(cause), null));
    }

    private void write() {
        byte[] request = spec.request();
        try {
            written += send(request, written, request.length - written);
        } catch (IOException e) {
            finish(new HttpExchange.Outcome("Cannot send get request to", null));
            return;
        }
        if (written < request.length) {
            interest(false, true);
            return;
        }
        phase = Phase.AWAITING;
        armFor("Timeout WEB read");
        interest(true, false);
    }

    @Override
    protected void writable() {
        if (phase == Phase.WRITING) {
            write();
        }
    }

    @Override
    protected void readable() {
        for (int k = 0; k < READS_PER_EVENT && (phase == Phase.AWAITING || phase == Phase.READING); k++) {
            int n;
            try {
                n = recv();
            } catch (IOException e) {
                finish(new HttpExchange.Outcome("Read error with", null));
                return;
            }
            if (n == 0) {
                return;
            }
            if (n < 0) {
                finish(new HttpExchange.Outcome(null, scanner.finish()));
                return;
            }
            phase = Phase.READING;
            armFor("Timeout HTTP read");
            if (!scanner.feed(received(), 0, n)) {
                finish(new HttpExchange.Outcome(null, scanner.finish()));
                return;
            }
        }
    }

    @Override
    protected void timedOut() {
        finish(new HttpExchange.Outcome(timerWords, null));
    }

    private void finish(HttpExchange.Outcome o) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        close();
        done.accept(o);
    }
}
