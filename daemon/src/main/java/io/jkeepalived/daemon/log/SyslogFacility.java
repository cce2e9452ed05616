package io.jkeepalived.daemon.log;

import java.util.Locale;

/**
 * The syslog facilities keepalived's {@code -S} accepts (RFC 3164 §4.1.1 numbers): {@code daemon} (the default),
 * {@code user}, and {@code local0}..{@code local7}, also written {@code 0}..{@code 7}.
 */
public enum SyslogFacility {
    USER(1), DAEMON(3),
    LOCAL0(16), LOCAL1(17), LOCAL2(18), LOCAL3(19), LOCAL4(20), LOCAL5(21), LOCAL6(22), LOCAL7(23);

    private final int code;

    SyslogFacility(int code) {
        this.code = code;
    }

    /** The facility number, shifted left by 3 into the PRI value. */
    public int code() {
        return code;
    }

    /**
     * {@code -S}'s value as keepalived reads it; null for anything else (keepalived then says
     * {@code Invalid log facility 'x'} and keeps the default).
     */
    public static SyslogFacility parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (v.length() == 1 && v.charAt(0) >= '0' && v.charAt(0) <= '7') {
            return values()[2 + (v.charAt(0) - '0')];
        }
        if (v.length() == 6 && v.startsWith("local") && v.charAt(5) >= '0' && v.charAt(5) <= '7') {
            return values()[2 + (v.charAt(5) - '0')];
        }
        return switch (v) {
            case "user" -> USER;
            case "daemon" -> DAEMON;
            default -> null;
        };
    }
}
