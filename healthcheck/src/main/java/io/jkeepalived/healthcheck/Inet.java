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

    /** IPv4 dotted; IPv6 lower-case hex with the longest run (two or more) of zero groups as "::". */
    public static String ntop(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int best = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestLen < 2) {
            best = -1;
        }
        if (best == 0 && (bestLen == 6 || (bestLen == 5 && g[5] == 0xffff))) {
            // IPv4-compatible and IPv4-mapped addresses end in dotted quad, as glibc prints them
            String v4 = (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
            return bestLen == 6 ? "::" + v4 : "::ffff:" + v4;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
