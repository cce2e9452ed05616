package io.jkeepalived.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * The daemon's logging, set up in code (no XML to parse at start): one line per message in keepalived's console
 * format, {@code Mon Nov 30 09:15:14 2026: (VI_1) Entering MASTER STATE}, so operators' greps and log
 * parsers keep working. The {@code -t} path never touches this class, so it loads no logging at all.
 */
final class Logging {
    private Logging() {
    }

    /**
     * @param detail {@code -D}: also the detailed messages (logged at DEBUG by the subsystems)
     */
    static void configure(boolean detail) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        // ctime(3)'s layout, as keepalived's console log: the day of the month is padded with a space
        encoder.setPattern("%d{EEE MMM ppd HH:mm:ss yyyy}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(ctx);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(console);
        root.setLevel(detail ? Level.DEBUG : Level.INFO);
    }
}
