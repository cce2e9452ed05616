package io.jkeepalived.healthcheck.http;

import io.jkeepalived.conf.model.check.HttpCheck;
import io.jkeepalived.conf.model.check.HttpUrl;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.healthcheck.Probe;
import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.PatternSyntaxException;

/**
 * HTTP_GET and SSL_GET (keepalived 2.2.7's check_http.c and check_ssl.c): one attempt GETs every {@code url} in
 * turn, each on its own connection, and succeeds when all of them answer as configured; the first url that does not
 * ends the attempt with keepalived's words ({@code "HTTP status code error to server [198.51.100.10]:tcp:80."}).
 * A url is judged in keepalived's order ({@code http_handle_response}): some response at all, then the status code
 * against {@code status_code} (200-299 by default), then the MD5 {@code digest}, then {@code regex} /
 * {@code regex_no_match}.
 *
 * <p>The Host header names the url's {@code virtualhost}, else the checker's, else the real server's, else the
 * virtual server's, else the address and port ({@code http_request_thread}); SSL_GET with {@code enable_sni} sends
 * the url's, else the checker's, else the virtual server's as SNI ({@code ssl_connect} skips the real server's).
 */
public final class HttpProbe implements Probe {
    private static final Logger LOG = LoggerFactory.getLogger(HttpProbe.class);

    private final HttpCheck check;
    private final ProbeTarget target;
    private final List<Url> urls = new ArrayList<>();
    /** Per url, the Content-Length mismatch last logged: keepalived logs each distinct difference once. */
    private final long[] lenMismatch;
    /** Per url, the scanner of its last finished GET, reused by the next (urls without regex); loop thread only. */
    private final ResponseScanner[] spare;

    /** A url ready to be asked: its request bytes and compiled regex. */
    private record Url(HttpUrl url, byte[] request, String sni, BodyRegex regex, String regexError) {
    }

    public HttpProbe(HttpCheck check, ProbeTarget target) {
        this(check, target, (VirtualServer) null, (RealServer) null);
    }

    /** The probe of {@code check} on real server {@code rs} of {@code vs} (either may be null). */
    public HttpProbe(HttpCheck check, ProbeTarget target, VirtualServer vs, RealServer rs) {
        this(check, target, rs == null ? null : rs.virtualhost(), vs == null ? null : vs.virtualhost());
    }

    /**
     * @param realServerVhost    the real server's {@code virtualhost}, or null
     * @param virtualServerVhost the virtual server's {@code virtualhost}, or null
     */
    public HttpProbe(HttpCheck check, ProbeTarget target, String realServerVhost, String virtualServerVhost) {
        this.check = check;
        this.target = target;
        this.lenMismatch = new long[check.urls().size()];
        this.spare = new ResponseScanner[check.urls().size()];
        for (HttpUrl u : check.urls()) {
            String own = u.virtualhost() != null ? u.virtualhost() : check.virtualhost();
            String vhost = own != null ? own : realServerVhost != null ? realServerVhost : virtualServerVhost;
            String sni = own != null ? own : virtualServerVhost;
            BodyRegex regex = null;
            String regexError = null;
            try {
                regex = BodyRegex.of(u);
            } catch (PatternSyntaxException e) {
                // PCRE2 accepted it (the parser checks nothing more), Java cannot: the url can never pass
                regexError = e.getDescription();
                LOG.warn("{} url {} of {}: regex '{}' cannot be compiled ({}); the url will always fail",
                        check.keyword(), u.path(), target.realServer(), u.regex(), regexError);
            }
            urls.add(new Url(u, GetRequest.build(u.path(), check.protocol(), vhost, target.connect()),
                    check.ssl() && check.enableSni() ? sni : null, regex, regexError));
        }
    }

    @Override
    public void start(ProbeContext ctx, Consumer<ProbeResult> done) {
        try {
            next(ctx, 0, done);
        } catch (RuntimeException e) {
            // a bug of ours must not leave the engine waiting
            done.accept(ProbeResult.failed(check.keyword() + " on service " + target.realServer() + " failed: " + e));
        }
    }

    private void next(ProbeContext ctx, int i, Consumer<ProbeResult> done) {
        if (i == urls.size()) {
            done.accept(ProbeResult.ok());
            return;
        }
        Url u = urls.get(i);
        BodyRegex.Window window = u.regex() == null ? null : u.regex().window();
        ResponseScanner scanner = spare[i];
        if (scanner != null && window == null) {
            spare[i] = null;
            scanner.reset();
        } else {
            scanner = new ResponseScanner(u.url().digest() != null, window, null);
        }
        ResponseScanner used = scanner;
        io.netty.handler.ssl.SslContext tls = null;
        if (check.ssl()) {
            try {
                tls = SslClient.context(ctx.ssl());
            } catch (SslClient.SetupException | java.io.IOException e) {
                // checked when the engine started; a file changed since cannot be loaded now
                LOG.warn("{} of {}: {}", check.keyword(), target.realServer(), e.getMessage());
                done.accept(ProbeResult.failed("SSL handshake/communication error connecting to server "
                        + target.realServer() + "."));
                return;
            }
        }
        HttpExchange.Spec spec = new HttpExchange.Spec(target.connect(), target.bindTo(), target.bindInterface(), target.fwmark(),
                target.connectTimeoutNanos(), check.ssl(), u.sni(), u.request(), tls);
        Consumer<HttpExchange.Outcome> judged = outcome -> {
            String why = judge(i, u, outcome);
            if (window == null) {
                spare[i] = used; // the exchange is over: nothing writes to it any more
            }
            if (why != null) {
                done.accept(ProbeResult.failed(why + " server " + target.realServer() + "."));
            } else {
                next(ctx, i + 1, done);
            }
        };
        // plain HTTP on an epoll loop: a bare socket, without netty's Channel machinery (see LeanSocket)
        io.jkeepalived.healthcheck.lean.LeanLoop lean = check.ssl() ? null
                : io.jkeepalived.healthcheck.lean.LeanLoop.of(ctx.eventLoop());
        if (lean != null) {
            LeanHttpExchange.start(lean, spec, scanner, judged);
        } else {
            HttpExchange.start(ctx.eventLoop(), ctx.socketChannelType(), spec, scanner, judged);
        }
    }

    /** keepalived's http_handle_response: null when the url passes, else the words of timeout_epilog. */
    private String judge(int i, Url u, HttpExchange.Outcome o) {
        if (o.error() != null) {
            return o.error();
        }
        ResponseScanner.Result r = o.result();
        if (!r.extracted()) {
            return "Read, no data received from";
        }
        if (!statusAccepted(u.url(), r.statusCode())) {
            return "HTTP status code error to";
        }
        if (r.contentLength() != ResponseScanner.NO_LENGTH && r.contentLength() != r.rxBytes()) {
            long diff = r.contentLength() - r.rxBytes();
            if (lenMismatch[i] != diff) {
                LOG.info("http_check for RS {} url {}{}: content_length ({}) does not match received bytes ({})",
                        target.realServer(), u.url().virtualhost() != null ? u.url().virtualhost() : "",
                        u.url().path(), Long.toUnsignedString(r.contentLength()), r.rxBytes());
                lenMismatch[i] = diff;
            }
        } else {
            lenMismatch[i] = 0;
        }
        if (u.url().digest() != null && !u.url().digest().equals(HexFormat.of().formatHex(r.digest()))) {
            return "MD5 digest error to";
        }
        if (u.regexError() != null) {
            return "Regex match failed";
        }
        if (u.regex() != null && r.regexMatched() == u.regex().noMatch()) {
            return "Regex match failed";
        }
        return null;
    }

    /** status_code: inclusive ranges (200-299 when none were configured), only 100..599 ever pass. */
    static boolean statusAccepted(HttpUrl url, int code) {
        if (code < 100 || code > 599) {
            return false;
        }
        List<List<Integer>> ranges = url.statusCodes();
        if (ranges.isEmpty()) {
            return code >= 200 && code <= 299;
        }
        for (List<Integer> r : ranges) {
            if (code >= r.get(0) && code <= r.get(r.size() - 1)) {
                return true;
            }
        }
        return false;
    }

    /** keepalived 2.2.7 check_http.c: the line when every url passes again. */
    @Override
    public String upLine() {
        return "Remote Web server " + target.realServer() + " succeed on service.";
    }

    /** HTTP_GET and SSL_GET both report as HTTP_CHECK (check_http.c). */
    @Override
    public String checkName() {
        return "HTTP_CHECK";
    }
}
