package io.jkeepalived.conf.parser;

/**
 * keepalived's number readers ({@code read_int}, {@code read_unsigned}, {@code read_decimal_unsigned},
 * {@code read_timer}, {@code check_true_false}; lib/parser.c), with the same messages and the same
 * acceptance rules.
 *
 * <p>Behaviour differs between the config test and a running daemon exactly as in keepalived: when a
 * caller allows it ({@code ignoreError}), a running daemon takes the leading number of {@code 100zyx}
 * with a {@code WARNING - } prefix, while {@code -t} reports the error and rejects the value.
 */
public final class ValueReader {
    private final Diagnostics diag;
    private final boolean configTest;

    public ValueReader(Diagnostics diag, boolean configTest) {
        this.diag = diag;
        this.configTest = configTest;
    }

    public boolean configTest() {
        return configTest;
    }

    /** Result of a read: {@code ok} says whether the value may be used, {@code value} is what C left in *res. */
    public record Num(boolean ok, long value) {
        public int intValue() {
            return (int) value;
        }
    }

    private String warn(boolean ignoreError) {
        return ignoreError && !configTest ? "WARNING - " : "";
    }

    /** {@code read_int(str, &res, min, max, ignore_error)}. */
    public Num readInt(String number, int min, int max, boolean ignoreError) {
        return readIntBase(number, 10, min, max, ignoreError);
    }

    public Num readIntBase(String number, int base, int min, int max, boolean ignoreError) {
        String warn = warn(ignoreError);
        CNum n = CNum.strtol(number, 0, base, false);
        long val = n.value;
        int res = (int) val;
        if (n.end < number.length()) {
            diag.report(ConfigError.INVALID_NUMBER, "%sinvalid number '%s'", warn, number);
        } else if (n.erange || val < Integer.MIN_VALUE || val > Integer.MAX_VALUE) {
            diag.report(ConfigError.INVALID_NUMBER, "%snumber '%s' outside integer range", warn, number);
        } else if (val < min || val > max) {
            diag.report(ConfigError.INVALID_NUMBER, "number '%s' outside range [%d, %d]", number, min, max);
        } else {
            return new Num(true, res);
        }
        return new Num(ignoreError && val >= min && val <= max && !configTest, res);
    }

    /** {@code read_unsigned(str, &res, min, max, ignore_error)}; min and max are unsigned 32-bit values. */
    public Num readUnsigned(String number, long min, long max, boolean ignoreError) {
        return readUnsignedBase(number, 10, min, max, ignoreError);
    }

    /** {@code read_unsigned_base_strvec}: as {@link #readUnsigned} in another base (0 = C's automatic base). */
    public Num readUnsignedBase(String number, int base, long min, long max, boolean ignoreError) {
        String warn = warn(ignoreError);
        int offset = skipWhite(number, 0);
        CNum n = CNum.strtol(number, offset, base, true);
        long val = n.value; // unsigned long, as a Java long bit pattern
        long res = val & 0xFFFFFFFFL;
        boolean overUint = Long.compareUnsigned(val, 0xFFFFFFFFL) > 0;
        if (offset < number.length() && number.charAt(offset) == '-') {
            diag.report(ConfigError.INVALID_NUMBER, "%snegative number '%s'", warn, number);
        } else if (n.end < number.length()) {
            diag.report(ConfigError.INVALID_NUMBER, "%sinvalid number '%s'", warn, number);
        } else if (n.erange || overUint) {
            diag.report(ConfigError.INVALID_NUMBER, "%snumber '%s' outside unsigned integer range", warn, number);
        } else if (val < min || val > max) {
            diag.report(ConfigError.INVALID_NUMBER, "%snumber '%s' outside range [%d, %d]", warn, number, min, max);
        } else {
            return new Num(true, res);
        }
        boolean inRange = Long.compareUnsigned(val, min) >= 0 && Long.compareUnsigned(val, max) <= 0;
        return new Num(ignoreError && inRange && !configTest, res);
    }

    /** {@code read_unsigned64}; min and max compared unsigned. */
    public Num readUnsigned64(String number, long min, long max, boolean ignoreError) {
        String warn = warn(ignoreError);
        int offset = skipWhite(number, 0);
        CNum n = CNum.strtol(number, offset, 10, true);
        long val = n.value;
        if (offset < number.length() && number.charAt(offset) == '-') {
            diag.report(ConfigError.INVALID_NUMBER, "%snegative number '%s'", warn, number);
        } else if (n.end < number.length()) {
            diag.report(ConfigError.INVALID_NUMBER, "%sinvalid number '%s'", warn, number);
        } else if (n.erange) {
            diag.report(ConfigError.INVALID_NUMBER, "%snumber '%s' outside unsigned 64 bit range", warn, number);
        } else if (Long.compareUnsigned(val, min) < 0 || Long.compareUnsigned(val, max) > 0) {
            diag.report(ConfigError.INVALID_NUMBER, "number '%s' outside range [%s, %s]", number,
                    Long.toUnsignedString(min), Long.toUnsignedString(max));
        } else {
            return new Num(true, val);
        }
        boolean inRange = Long.compareUnsigned(val, min) >= 0 && Long.compareUnsigned(val, max) <= 0;
        return new Num(ignoreError && inRange && !configTest, val & 0xFFFFFFFFL);
    }

    /**
     * {@code read_decimal_unsigned_long_func}: a decimal with up to {@code shift} places, returned as
     * value × 10^shift. {@code min} and {@code max} are in those units.
     */
    public Num readDecimal(String param, long min, long max, int shift, boolean ignoreError) {
        String warn = warn(ignoreError);
        if (!param.isEmpty() && param.charAt(0) == '-') {
            diag.report(ConfigError.INVALID_NUMBER, "%snegative number '%s'", warn, param);
            return new Num(false, 0);
        }
        if (param.length() + shift <= 18 && allDigits(param)) {
            // the usual case, a plain integer: the value scaled, exactly what the general path computes
            long val = 0;
            for (int i = 0; i < param.length(); i++) {
                val = val * 10 + (param.charAt(i) - '0');
            }
            for (int i = 0; i < shift; i++) {
                val *= 10;
            }
            if (Long.compareUnsigned(val, min) >= 0 && Long.compareUnsigned(val, max) <= 0) {
                return new Num(true, val);
            }
        }
        int dp = param.indexOf('.');
        int numDp = dp >= 0 ? param.length() - dp - 1 : 0;
        boolean roundUp = false;
        if (numDp > shift) {
            diag.report(ConfigError.INVALID_NUMBER, "%snumber '%s' has too many decimal places", warn, param);
            roundUp = param.charAt(dp + shift + 1) >= '5';
            numDp = shift;
        }
        StringBuilder updated = new StringBuilder();
        if (dp >= 0) {
            updated.append(param, 0, dp).append(param, dp + 1, dp + 1 + numDp);
        } else {
            updated.append(param);
        }
        for (int i = 0; i < shift - numDp; i++) {
            updated.append('0');
        }
        String u = updated.toString();
        CNum n = CNum.strtol(u, 0, 10, true);
        long val = n.value;
        if (roundUp) {
            val++;
        }
        boolean valid = n.end >= u.length();
        if (!valid) {
            diag.report(ConfigError.INVALID_NUMBER, "%sinvalid number '%s'", warn, param);
        } else if (n.erange) {
            diag.report(ConfigError.INVALID_NUMBER, "%snumber '%s' outside unsigned decimal range", warn, param);
            return new Num(false, val);
        } else if (Long.compareUnsigned(val, min) < 0 || Long.compareUnsigned(val, max) > 0) {
            long dpVal = 1;
            for (int d = 0; d < shift; d++) {
                dpVal *= 10;
            }
            diag.report(ConfigError.INVALID_NUMBER, "%snumber '%s' outside range [%s, %s]", warn, param,
                    fixed(min, dpVal, shift), fixed(max, dpVal, shift));
        } else {
            return new Num(true, val);
        }
        boolean inRange = Long.compareUnsigned(val, min) >= 0 && Long.compareUnsigned(val, max) <= 0;
        return new Num(ignoreError && inRange, val);
    }

    private static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String fixed(long v, long dpVal, int shift) {
        String whole = Long.toUnsignedString(Long.divideUnsigned(v, dpVal));
        if (shift == 0) {
            return whole + ".";
        }
        String frac = Long.toUnsignedString(Long.remainderUnsigned(v, dpVal));
        StringBuilder sb = new StringBuilder(whole).append('.');
        for (int i = frac.length(); i < shift; i++) {
            sb.append('0');
        }
        return sb.append(frac).toString();
    }

    /** TIMER_MAXIMUM: ULONG_MAX - 1. */
    public static final long TIMER_MAXIMUM = -2L;

    /** {@code read_timer}: seconds with microsecond resolution, returned in microseconds; max 0 = no limit. */
    public Num readTimer(String value, long minMicros, long maxMicros, boolean ignoreError) {
        return readDecimal(value, minMicros, maxMicros == 0 ? TIMER_MAXIMUM : maxMicros, 6, ignoreError);
    }

    /** {@code check_true_false}: 1 for true/on/yes, 0 for false/off/no, -1 otherwise (case-sensitive). */
    public static int checkTrueFalse(String s) {
        switch (s) {
            case "true":
            case "on":
            case "yes":
                return 1;
            case "false":
            case "off":
            case "no":
                return 0;
            default:
                return -1;
        }
    }

    static int skipWhite(String s, int i) {
        while (i < s.length() && Tokenizer.isWhite(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** C's strtol/strtoul/strtoull on a Java string: value, index after the last digit used, ERANGE. */
    static final class CNum {
        final long value;
        final int end;
        final boolean erange;

        private CNum(long value, int end, boolean erange) {
            this.value = value;
            this.end = end;
            this.erange = erange;
        }

        /**
         * @param unsigned true for strtoul/strtoull (64-bit unsigned, a leading '-' negates modulo 2^64),
         *                 false for strtol (64-bit signed, saturating with ERANGE)
         */
        static CNum strtol(String s, int from, int base, boolean unsigned) {
            int i = skipWhite(s, from);
            boolean neg = false;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                neg = s.charAt(i) == '-';
                i++;
            }
            if ((base == 0 || base == 16) && i + 1 < s.length() && s.charAt(i) == '0'
                    && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
                i += 2;
                base = 16;
            } else if (base == 0) {
                base = i < s.length() && s.charAt(i) == '0' ? 8 : 10;
            }
            int start = i;
            // The magnitude as an unsigned 64-bit value; once it no longer fits, C's strtoul/strtol have
            // ERANGE whatever digits follow (they are still consumed).
            long acc = 0;
            boolean overflow = false;
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (c > 0x7f) {
                    break;
                }
                int d = Character.digit(c, base);
                if (d < 0) {
                    break;
                }
                if (!overflow) {
                    // acc * base + d <= 2^64 - 1  <=>  acc <= (2^64 - 1 - d) / base
                    if (Long.compareUnsigned(acc, Long.divideUnsigned(-1L - d, base)) > 0) {
                        overflow = true;
                    } else {
                        acc = acc * base + d;
                    }
                }
                i++;
            }
            if (i == start) {
                // No digits: C sets endptr to the start of the string and returns 0.
                return new CNum(0, from == 0 ? 0 : from, false);
            }
            if (unsigned) {
                if (overflow) {
                    return new CNum(-1L, i, true);
                }
                return new CNum(neg ? -acc : acc, i, false);
            }
            // signed: the magnitude may be at most 2^63 - 1, or 2^63 when negative
            if (overflow || Long.compareUnsigned(acc, neg ? Long.MIN_VALUE : Long.MAX_VALUE) > 0) {
                return new CNum(neg ? Long.MIN_VALUE : Long.MAX_VALUE, i, true);
            }
            return new CNum(neg ? -acc : acc, i, false);
        }
    }
}
