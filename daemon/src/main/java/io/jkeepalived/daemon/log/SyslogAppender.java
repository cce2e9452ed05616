package io.jkeepalived.daemon.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import io.jkeepalived.netlink.SyscallException;
import io.jkeepalived.netlink.UnixDatagramSocket;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Sends each event to the local syslog socket ({@code /dev/log}, an AF_UNIX datagram socket) as syslog(3) does,
 * under keepalived's idents ({@link SyslogLine#identFor}). logback's own SyslogAppender speaks UDP to a host,
 * which neither journald nor a default rsyslog listens on.
 *
 * <p>A line that cannot be sent (no syslog daemon, a full queue) goes to the fallback appender when there is one
 * (stderr, when the console is not logged anyway), so nothing is lost silently; the first such diversion is
 * reported once on stderr. The socket is non-blocking: a stalled journald never stalls the VRRP thread that logs.
 */
public final class SyslogAppender extends AppenderBase<ILoggingEvent> {
    private String address = "/dev/log";
    private SyslogFacility facility = SyslogFacility.DAEMON;
    private Appender<ILoggingEvent> fallback;
    private PrintStream report = System.err;
    private final long pid = ProcessHandle.current().pid();
    private final ZoneId zone = ZoneId.systemDefault();
    private UnixDatagramSocket socket;
    private boolean failureReported;

    public void setAddress(String address) {
        this.address = address;
    }

    public void setFacility(SyslogFacility facility) {
        this.facility = facility;
    }

    /** Where lines go when syslog cannot take them; null to drop them (the console already has them). */
    public void setFallback(Appender<ILoggingEvent> fallback) {
        this.fallback = fallback;
    }

    /** Where the one-time "cannot log to syslog" notice goes (stderr; tests capture it). */
    public void setReport(PrintStream report) {
        this.report = report;
    }

    @Override
    public void start() {
        try {
            socket = UnixDatagramSocket.open();
        } catch (SyscallException e) {
            reportOnce(e.getMessage());
        }
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (socket != null) {
            byte[] line = SyslogLine.format(facility, severity(event.getLevel()),
                    LocalDateTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), zone),
                    SyslogLine.identFor(event.getLoggerName()), pid, message(event));
            try {
                if (socket.send(address, line)) {
                    return;
                }
                reportOnce("syslog socket " + address + " is full");
            } catch (SyscallException | IllegalArgumentException e) {
                reportOnce(e.getMessage());
            }
        }
        if (fallback != null) {
            fallback.doAppend(event);
        }
    }

    /** Only when lines are diverted: with {@code -l} the console has them all, and keepalived stays silent too. */
    private void reportOnce(String why) {
        if (!failureReported && fallback != null) {
            failureReported = true;
            report.println("jkeepalived: cannot log to syslog (" + why + ") - logging to stderr instead");
        }
    }

    /** keepalived logs (almost) everything at LOG_INFO; logback's levels map onto syslog's. */
    static int severity(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return SyslogLine.ERR;
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return SyslogLine.WARNING;
        }
        if (level.isGreaterOrEqual(Level.INFO)) {
            return SyslogLine.INFO;
        }
        return SyslogLine.DEBUG;
    }

    /** The message, and a throwable's one-line summary: syslog lines never carry stack traces. */
    static String message(ILoggingEvent event) {
        String m = event.getFormattedMessage();
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            m = m + ": " + t.getClassName() + (t.getMessage() != null ? ": " + t.getMessage() : "");
        }
        return m;
    }
}
