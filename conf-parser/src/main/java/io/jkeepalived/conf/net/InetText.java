package io.jkeepalived.conf.net;

/**
 * Address literals read exactly as glibc's {@code inet_pton} reads them (what keepalived accepts), with
 * no name lookup: dotted-quad IPv4 without leading zeros, and IPv6 with {@code ::} and a trailing
 * dotted quad.
 */
public final class InetText {
    private InetText() {
    }

    /** The 4 bytes of a dotted quad, or null. */
    public static byte[] parse4(String s) {
        byte[] out = new byte[4];
        int octets = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (octets == 4) {
                return null;
            }
            int start = i;
            int v = 0;
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                v = v * 10 + (s.charAt(i) - '0');
                if (v > 255 || (i > start && s.charAt(start) == '0')) {
                    return null;
                }
                i++;
            }
            if (i == start) {
                return null;
            }
            out[octets++] = (byte) v;
            if (i < n) {
                if (s.charAt(i) != '.' || i + 1 == n) {
                    return null;
                }
                i++;
            }
        }
        return octets == 4 ? out : null;
    }

    /** The 16 bytes of an IPv6 literal, or null. */
    public static byte[] parse6(String s) {
        byte[] out = new byte[16];
        int n = s.length();
        int i = 0;
        int pos = 0;
        int gap = -1;
        if (n == 0) {
            return null;
        }
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (n == 2) {
                return out;
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            int start = i;
            int v = 0;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 128) {
                v = (v << 4) | Character.digit(s.charAt(i), 16);
                i++;
                if (i - start > 4) {
                    return null;
                }
            }
            if (i < n && s.charAt(i) == '.') {
                byte[] v4 = parse4(s.substring(start));
                if (v4 == null || pos + 4 > 16) {
                    return null;
                }
                System.arraycopy(v4, 0, out, pos, 4);
                pos += 4;
                i = n;
                break;
            }
            if (i == start) {
                return null;
            }
            if (pos + 2 > 16) {
                return null;
            }
            out[pos++] = (byte) (v >> 8);
            out[pos++] = (byte) v;
            if (i < n) {
                if (s.charAt(i) != ':' || i + 1 == n) {
                    return null;
                }
                i++;
                if (s.charAt(i) == ':') {
                    if (gap >= 0) {
                        return null;
                    }
                    gap = pos;
                    i++;
                    if (i == n) {
                        break;
                    }
                }
            }
        }
        if (gap >= 0) {
            if (pos == 16) {
                return null;
            }
            int tail = pos - gap;
            System.arraycopy(out, gap, out, 16 - tail, tail);
            for (int k = gap; k < 16 - tail; k++) {
                out[k] = 0;
            }
        } else if (pos != 16) {
            return null;
        }
        return out;
    }

    /** keepalived's family guess: a ':' means IPv6. */
    public static boolean looksLike6(String s) {
        return s.indexOf(':') >= 0;
    }

    /** Parses as the family the text suggests; null if it is not a valid literal. */
    public static byte[] parse(String s) {
        return looksLike6(s) ? parse6(s) : parse4(s);
    }

    /**
     * The text glibc's {@code inet_ntop} writes (what keepalived and ipvsadm print): IPv4 dotted; IPv6 lower-case
     * hex with the longest run of two or more zero groups (the first of equals) as "::" (RFC 5952 section 4), and
     * IPv4-compatible / IPv4-mapped addresses ending in a dotted quad.
     */
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
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            best = -1;
        }
        if (best == 0 && (bestLen == 6 || (bestLen == 5 && g[5] == 0xffff))) {
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
