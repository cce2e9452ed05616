package io.jkeepalived.conf.model.check;

/** {@code http_protocol} of HTTP_GET/SSL_GET: 1.0 (default), 1.0 with "Connection: close" (1.0C), or 1.1. */
public enum HttpProtocol {
    HTTP_1_0("1.0"), HTTP_1_0C("1.0C"), HTTP_1_1("1.1");

    private final String text;

    HttpProtocol(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** keepalived's spellings (exact; "1.0c" also accepted), or null. */
    public static HttpProtocol parse(String s) {
        return switch (s) {
            case "1.0" -> HTTP_1_0;
            case "1.1" -> HTTP_1_1;
            case "1.0C", "1.0c" -> HTTP_1_0C;
            default -> null;
        };
    }
}
