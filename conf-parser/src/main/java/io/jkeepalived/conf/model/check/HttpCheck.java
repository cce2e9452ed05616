package io.jkeepalived.conf.model.check;

import java.util.List;

/** {@code HTTP_GET} / {@code SSL_GET} (ssl true): every url answers with an accepted status (and digest/regex). */
public record HttpCheck(boolean ssl, CheckerTiming timing, ConnectionOptions connection, String virtualhost,
                        HttpProtocol protocol, boolean enableSni, boolean fastRecovery, List<HttpUrl> urls)
        implements Checker {
    public HttpCheck {
        urls = List.copyOf(urls);
    }

    @Override
    public String keyword() {
        return ssl ? "SSL_GET" : "HTTP_GET";
    }
}
