package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.net.InetText;

/** Address text as keepalived prints it (inet_ntop), from the literals the parser accepted. */
public final class Inet {
    private Inet() {
    }

    public static byte[] parse(String text) {
        int cut = text.indexOf('/');
        return InetText.parse(cut >= 0 ? text.substring(0, cut) : text);
    }

    /** inet_ntop of a literal; the text itself when it is not one. */
    static String ntop(String text) {
        byte[] b = parse(text);
        return b == null ? text : ntop(b);
    }

    public static String ntop(byte[] b) {
        return InetText.ntop(b);
    }
}
