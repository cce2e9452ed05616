package io.jkeepalived.daemon.log;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * One syslog datagram as glibc's syslog(3) writes it to {@code /dev/log} (RFC 3164 §4.1 without the HOSTNAME,
 * which the local daemon adds): {@code <PRI>Mmm dd hh:mm:ss TAG[PID]: MSG}, the day space-padded. journald and
 * rsyslog parse exactly this, so {@code journalctl -t Keepalived_vrrp} and rsyslog's
 * {@code $programname startswith 'Keepalived'} filters keep working after the switch from keepalived.
 */
public final class SyslogLine {
    /** RFC 3164 §4.1.1 severities. */
    public static final int ERR = 3;
    public static final int WARNING = 4;
    public static final int INFO = 6;
    public static final int DEBUG = 7;

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private SyslogLine() {
    }

    /** The datagram's bytes (UTF-8: journald and rsyslog take the message as bytes). */
    public static byte[] format(SyslogFacility facility, int severity, LocalDateTime time, String ident, long pid,
                                String message) {
        StringBuilder b = new StringBuilder(32 + ident.length() + message.length());
        b.append('<').append(facility.code() * 8 + severity).append('>');
        b.append(MONTHS[time.getMonthValue() - 1]).append(' ');
        int day = time.getDayOfMonth();
        b.append(day < 10 ? " " : "").append(day).append(' ');
        b.append(String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond()));
        b.append(' ').append(ident).append('[').append(pid).append("]: ").append(message);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * keepalived's ident for a logger: each of its processes opens syslog under its own name, so the VRRP lines
     * come from {@code Keepalived_vrrp}, the checkers' from {@code Keepalived_healthcheckers} and the rest from
     * {@code Keepalived}. jkeepalived's subsystems log under {@code jkeepalived.vrrp}, {@code jkeepalived.check}, ...
     */
    public static String identFor(String loggerName) {
        if (loggerName.startsWith("jkeepalived.vrrp") || loggerName.startsWith("io.jkeepalived.vrrp")
                || loggerName.startsWith("io.jkeepalived.daemon.vrrp") || loggerName.startsWith("io.jkeepalived.daemon.track")) {
            return "Keepalived_vrrp";
        }
        if (loggerName.startsWith("jkeepalived.check") || loggerName.startsWith("jkeepalived.healthcheck")
                || loggerName.startsWith("jkeepalived.ipvs") || loggerName.startsWith("io.jkeepalived.healthcheck")
                || loggerName.startsWith("io.jkeepalived.ipvs")) {
            return "Keepalived_healthcheckers";
        }
        if (loggerName.startsWith("jkeepalived.bfd")) {
            return "Keepalived_bfd";
        }
        return "Keepalived";
    }
}
