package io.jkeepalived.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.jkeepalived.daemon.log.JournalLayout;
import io.jkeepalived.daemon.log.SyslogAppender;
import io.jkeepalived.daemon.log.SyslogFacility;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's logging, set up in code (no XML to parse at start), with keepalived's switches:
 * <ul>
 * <li>syslog, unless {@code -G}: RFC 3164 lines to {@code /dev/log} under keepalived's idents, facility {@code -S};
 * <li>the console with {@code -l}: stderr, one line per message in keepalived's format
 * {@code Mon Nov 30 09:15:14 2026: (VI_1) Entering MASTER STATE}, or without the timestamp and with a
 * {@code <N>} priority prefix when stderr is systemd's journal ({@code $JOURNAL_STREAM});
 * <li>a file with {@code -g[FILE]}, in the console's timestamped format, flushed on every line.
 * </ul>
 * {@code -D} adds the detailed messages, which the subsystems log at DEBUG. When syslog cannot take a line and
 * the console is not logged, the line goes to stderr rather than nowhere. The {@code -t} path never touches this
 * class, so it loads no logging at all.
 */
final class Logging {
    /** Overrides {@code /dev/log} (tests bind their own socket). */
    static final String SYSLOG_SOCKET_PROPERTY = "jk.syslog.socket";

    /**
     * @param console     {@code -l}
     * @param detail      {@code -D}
     * @param syslog      not {@code -G}
     * @param facility    {@code -S}
     * @param logFile     {@code -g}: the file, or null
     * @param journal     stderr is systemd's journal ({@code $JOURNAL_STREAM} is set)
     */
    record Options(boolean console, boolean detail, boolean syslog, SyslogFacility facility, String logFile,
                   boolean journal) {
    }

    private Logging() {
    }

    static void configure(Options options) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        if (options.console()) {
            appenders.add(console(ctx, "console", options.journal()));
        }
        if (options.syslog()) {
            SyslogAppender syslog = new SyslogAppender();
            syslog.setContext(ctx);
            syslog.setName("syslog");
            syslog.setAddress(System.getProperty(SYSLOG_SOCKET_PROPERTY, "/dev/log"));
            syslog.setFacility(options.facility() != null ? options.facility() : SyslogFacility.DAEMON);
            syslog.setFallback(options.console() ? null : console(ctx, "syslog-fallback", options.journal()));
            syslog.start();
            appenders.add(syslog);
        }
        if (options.logFile() != null) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(ctx);
            file.setName("file");
            file.setFile(options.logFile());
            file.setAppend(true);
            file.setImmediateFlush(true); // a daemon killed by SIGKILL must not lose the lines that explain why
            file.setEncoder(ctimeEncoder(ctx));
            file.start();
            appenders.add(file);
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        appenders.forEach(root::addAppender);
        root.setLevel(options.detail() ? Level.DEBUG : Level.INFO);
    }

    private static Appender<ILoggingEvent> console(LoggerContext ctx, String name, boolean journal) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(ctx);
        console.setName(name);
        console.setTarget("System.err");
        if (journal) {
            LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
            encoder.setContext(ctx);
            JournalLayout layout = new JournalLayout();
            layout.setContext(ctx);
            layout.start();
            encoder.setLayout(layout);
            encoder.start();
            console.setEncoder(encoder);
        } else {
            console.setEncoder(ctimeEncoder(ctx));
        }
        console.start();
        return console;
    }

    private static Encoder<ILoggingEvent> ctimeEncoder(LoggerContext ctx) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        // ctime(3)'s layout, as keepalived's console log: the day of the month is padded with a space
        encoder.setPattern("%d{EEE MMM ppd HH:mm:ss yyyy}: %msg%n");
        encoder.start();
        return encoder;
    }
}
