package io.jkeepalived.vrrp.fsm;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Address text and ordering as keepalived uses them in the VRRP state machine: log lines print addresses the
 * way glibc's {@code inet_ntop} does (IPv6 compressed per RFC 5952, unlike {@link InetAddress#getHostAddress()}),
 * and equal-priority elections compare addresses as unsigned big-endian numbers.
 */
final class AddressText {
    private AddressText() {
    }

    static String format(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address || b.length == 4) {
            return a.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // IPv4-mapped (::ffff:a.b.c.d) is printed with a dotted tail by inet_ntop.
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        // The longest run of two or more zero groups (the first one on a tie) becomes "::".
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /**
     * Compares two addresses as unsigned numbers; addresses of different families compare equal (keepalived's
     * {@code vrrp_saddr_cmp} returns 0 when the families differ or the local address is unknown).
     */
    static int compare(InetAddress a, InetAddress b) {
        if (a == null || b == null) {
            return 0;
        }
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return 0;
        }
        for (int i = 0; i < x.length; i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }
}
