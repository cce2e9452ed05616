package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.net.InetText;

/** Address text as keepalived prints it (inet_ntop), from the literals the parser accepted. */
public final class Inet {
    private Inet() {
    }

    /** An address literal (the parser only lets literals through); never a DNS lookup. */
    public static java.net.InetAddress literal(String ip) {
        byte[] b = parse(ip);
        if (b == null) {
            throw new IllegalArgumentException("not an IP address: " + ip);
        }
        try {
            return java.net.InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }

    public static byte[] parse(String text) {
        int cut = text.indexOf('/');
        return InetText.parse(cut >= 0 ? text.substring(0, cut) : text);
    }

    /** inet_ntop of a literal; the text itself when it is not one. */
    static String ntop(String text) {
        byte[] b = parse(text);
        return b == null ? text : InetText.ntop(b);
    }
}
