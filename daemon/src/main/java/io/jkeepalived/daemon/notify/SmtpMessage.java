package io.jkeepalived.daemon.notify;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One alert mail as keepalived 2.2.7 composes it (smtp.c {@code smtp_alert()}, vrrp_notify.c
 * {@code vrrp_smtp_notifier()}): pure text, the SMTP dialogue is {@link SmtpClient}'s.
 *
 * @param subject the Subject header, e.g. {@code [lab] VRRP Instance VI_1 - Entering MASTER state}
 * @param body    the single body line, e.g. {@code => VRRP Instance is now owning VRRP VIPs <=}
 */
public record SmtpMessage(String subject, String body) {
    /** keepalived's MAX_HEADERS_LENGTH and MAX_BODY_LENGTH buffers (including their NUL): longer text is cut. */
    static final int MAX_SUBJECT = 255;
    static final int MAX_BODY = 511;
    private static final DateTimeFormatter RFC822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    public SmtpMessage {
        subject = cut(subject, MAX_SUBJECT);
        body = cut(body, MAX_BODY);
    }

    /**
     * The mail for an instance entering {@code state}, or null when keepalived sends none (INIT, the FIFO-only
     * events).
     */
    public static SmtpMessage instance(String routerId, String name, NotifyState state) {
        String[] text = switch (state) {
            case MASTER -> new String[] {"Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <="};
            case BACKUP -> new String[] {"Entering BACKUP state", "=> VRRP Instance is no longer owning VRRP VIPs <="};
            case FAULT -> new String[] {"Entering FAULT state", "=> VRRP Instance is no longer owning VRRP VIPs <="};
            case STOP -> new String[] {"Stopping", "=> VRRP Instance stopping <="};
            case DELETED -> new String[] {"Deleted", "=> VRRP Deleted at reload <="};
            default -> null;
        };
        return text == null ? null : new SmtpMessage("[" + routerId + "] VRRP Instance " + name + " - " + text[0], text[1]);
    }

    /** The mail for a sync group entering {@code state}, or null when keepalived sends none. */
    public static SmtpMessage group(String routerId, String name, NotifyState state) {
        String[] text = switch (state) {
            case MASTER -> new String[] {"Entering MASTER state",
                    "=> All VRRP group instances are now in MASTER state <="};
            case BACKUP -> new String[] {"Entering BACKUP state",
                    "=> All VRRP group instances are now in BACKUP state <="};
            case FAULT -> new String[] {"Entering FAULT state",
                    "=> All VRRP group instances are now in FAULT state <="};
            case STOP -> new String[] {"Stopping", "=> All VRRP group instances are now stopping <="};
            default -> null;
        };
        return text == null ? null : new SmtpMessage("[" + routerId + "] VRRP Group " + name + " - " + text[0], text[1]);
    }

    /**
     * What follows the DATA command, up to and including the terminating dot: keepalived's headers (Date, From,
     * Subject, X-Mailer, To with the recipients comma-separated), the body line, then {@code CRLF.CRLF}. keepalived
     * neither dot-stuffs nor folds; neither do we, so the bytes are the same.
     */
    public String data(ZonedDateTime date, String from, List<String> to) {
        return "Date: " + RFC822.format(date) + "\r\n"
                + "From: " + from + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "X-Mailer: Keepalived\r\n"
                + "To: " + String.join(", ", to) + "\r\n"
                + "\r\n"
                + body + "\r\n"
                + "\r\n.\r\n";
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
