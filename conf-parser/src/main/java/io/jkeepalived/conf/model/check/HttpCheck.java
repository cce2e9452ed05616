package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/**
 * {@code HTTP_GET} or {@code SSL_GET} with its {@code url} blocks.
 *
 * @param ssl true for SSL_GET
 */
public record HttpCheck(boolean ssl, CheckOptions options, String virtualhost, String httpProtocol, boolean enableSni,
                        List<Url> urls, Setting source) implements Checker {

    /** One {@code url { path digest status_code virtualhost regex }} block. */
    public record Url(String path, String digest, List<String> statusCodes, String virtualhost, String regex,
                      boolean regexNoMatch) {
        public Url {
            statusCodes = List.copyOf(statusCodes);
        }
    }

    public HttpCheck {
        urls = List.copyOf(urls);
    }

    @Override
    public String keyword() {
        return ssl ? "SSL_GET" : "HTTP_GET";
    }
}
