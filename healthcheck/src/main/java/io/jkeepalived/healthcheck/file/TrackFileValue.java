package io.jkeepalived.healthcheck.file;

import java.nio.charset.StandardCharsets;

/**
 * The number in a tracked file, read as keepalived's process_track_file reads it: the first 127 octets through
 * C's {@code strtol(buf, NULL, 0)} (leading white space, a sign, {@code 0x} hex, a leading {@code 0} octal, the
 * longest valid prefix, nothing valid → 0); an empty or missing file is 0. A number that overflows a long or lies
 * outside INT32_MIN..INT32_MAX+1 is "invalid" and keepalived keeps the previous value. Pure: no I/O.
 */
public final class TrackFileValue {
    /** keepalived reads into a 128-octet buffer, keeping one for the NUL. */
    static final int MAX_READ = 127;

    private TrackFileValue() {
    }

    /** The value, or null when keepalived would log "Invalid number" and ignore it. */
    public static Long parse(byte[] content) {
        String s = new String(content, 0, Math.min(content.length, MAX_READ), StandardCharsets.ISO_8859_1);
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            s = s.substring(0, nul);
        }
        int i = 0;
        int n = s.length();
        while (i < n && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i < n && s.charAt(i) == '0') {
            if (i + 2 < n + 0 && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && Character.digit(s.charAt(i + 2), 16) >= 0 && s.charAt(i + 2) < 128) {
                radix = 16;
                i += 2;
            } else {
                radix = 8;
            }
        }
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        java.math.BigInteger r = java.math.BigInteger.valueOf(radix);
        int digits = 0;
        while (i < n && s.charAt(i) < 128 && Character.digit(s.charAt(i), radix) >= 0) {
            v = v.multiply(r).add(java.math.BigInteger.valueOf(Character.digit(s.charAt(i), radix)));
            i++;
            // strtol saturates: any number this long has overflowed
            if (++digits > 70) {
                return null;
            }
        }
        if (negative) {
            v = v.negate();
        }
        if (v.bitLength() > 63) {
            return null; // ERANGE
        }
        long value = v.longValue();
        if (value < Integer.MIN_VALUE || value > (long) Integer.MAX_VALUE + 1) {
            return null;
        }
        return value;
    }

    /**
     * What a value means to a FILE_CHECK with this weight: null when the real server is down (keepalived's
     * IPVS_WEIGHT_FAULT), else the amount added to the real server's weight. Weight 0: a non-zero value (with
     * reverse: zero) is down. Otherwise value × weight (× −1 with reverse), down when at or below INT32_MIN,
     * capped at INT32_MAX.
     */
    public static Long effect(long value, int weight, boolean reverse) {
        if (weight == 0) {
            return (value != 0) != reverse ? null : 0L;
        }
        long s = value * weight * (reverse ? -1 : 1);
        if (s <= Integer.MIN_VALUE) {
            return null;
        }
        return Math.min(s, Integer.MAX_VALUE);
    }
}
