package io.jkeepalived.healthcheck;

import java.util.function.Consumer;

/**
 * One attempt of one checker against one real server: connect, ask, judge (keepalived's {@code tcp_connect_thread},
 * {@code http_connect_thread}, ...). The checker engine owns the schedule ({@code delay_loop}, {@code retry},
 * {@code delay_before_retry}, {@code warmup}) and the real server's up/down state; a probe only answers
 * "did this attempt succeed". Implementations are created per real server by {@link Probes} and are reused
 * for every attempt.
 */
public interface Probe {
    /**
     * Starts one attempt. Must not block the calling thread (it is a netty event loop): I/O goes through
     * {@link ProbeContext#eventLoop()}, blocking work (scripts, files) through {@link ProbeContext#blocking()}.
     * {@code done} is called exactly once, from any thread, also when the attempt times out or throws.
     */
    void start(ProbeContext ctx, Consumer<ProbeResult> done);

    /**
     * keepalived's line when this checker turns up, e.g. {@code "TCP connection to [198.51.100.10]:tcp:80 success."}
     * or {@code "Remote Web server [..]:tcp:80 succeed on service."}; null logs nothing.
     */
    default String upLine() {
        return null;
    }

    /**
     * The name in keepalived's {@code "<NAME> on service [..]:tcp:80 failed[ after N retries]."} lines, where it
     * differs from the checker's keyword (HTTP_GET and SSL_GET say {@code HTTP_CHECK}); null: the keyword.
     */
    default String checkName() {
        return null;
    }

    /**
     * keepalived's line when this checker turns down after {@code failure}, where its checker words it itself
     * (MISC_CHECK names the script and why, DNS_CHECK and SMTP_CHECK repeat the failure, PING_CHECK names the virtual
     * server); null (the default): {@code "<NAME> on service [..] failed[ after N retries]."}.
     *
     * @param failure the last attempt's failure text
     * @param retry   the checker's retry count
     * @param hasRun  whether the checker had run before (keepalived's {@code has_run})
     */
    default String downLine(String failure, long retry, boolean hasRun) {
        return null;
    }

    /**
     * How this checker type counts retries and words a retried failure where it differs from keepalived's common
     * epilogue ({@link CheckerRules#GENERIC}, the default).
     */
    default CheckerRules rules() {
        return CheckerRules.GENERIC;
    }

    /** Releases what the probe holds across attempts (an SSL context, a raw socket). Default: nothing. */
    default void close() {
    }
}
