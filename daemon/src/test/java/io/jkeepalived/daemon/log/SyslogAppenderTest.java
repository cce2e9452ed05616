package io.jkeepalived.daemon.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jkeepalived.netlink.UnixDatagramSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The syslog path end to end: logback → SyslogAppender → an AF_UNIX datagram socket the test binds. */
class SyslogAppenderTest {
    @TempDir
    Path dir;

    private final LoggerContext ctx = new LoggerContext();
    private final ByteArrayOutputStream report = new ByteArrayOutputStream();

    private SyslogAppender appender(String address, ListAppender<ILoggingEvent> fallback) {
        SyslogAppender a = new SyslogAppender();
        a.setContext(ctx);
        a.setAddress(address);
        a.setFacility(SyslogFacility.LOCAL1);
        a.setFallback(fallback);
        a.setReport(new PrintStream(report, true, StandardCharsets.UTF_8));
        a.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(a);
        return a;
    }

    @Test
    void linesReachTheSocketWithKeepalivedsIdentAndPid() throws Exception {
        String path = dir.resolve("log").toString();
        try (UnixDatagramSocket server = UnixDatagramSocket.bind(path)) {
            SyslogAppender a = appender(path, null);
            ctx.getLogger("jkeepalived.vrrp").info("(VI_1) Entering {} STATE", "MASTER");
            ctx.getLogger("jkeepalived").warn("Startup failed", new IllegalStateException("boom"));
            String first = new String(server.receive(8192, 5000), StandardCharsets.UTF_8);
            String second = new String(server.receive(8192, 5000), StandardCharsets.UTF_8);
            long pid = ProcessHandle.current().pid();
            assertThat(first).matches("<142>[A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d Keepalived_vrrp\\[" + pid
                    + "\\]: \\(VI_1\\) Entering MASTER STATE");
            assertThat(second).startsWith("<140>").endsWith("Keepalived[" + pid
                    + "]: Startup failed: java.lang.IllegalStateException: boom");
            a.stop();
        }
        assertThat(report.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void withoutASyslogDaemonLinesGoToTheFallbackAndTheFailureIsReportedOnce() {
        ListAppender<ILoggingEvent> fallback = new ListAppender<>();
        fallback.setContext(ctx);
        fallback.start();
        appender(dir.resolve("nobody-listens").toString(), fallback);
        ctx.getLogger("jkeepalived").info("one");
        ctx.getLogger("jkeepalived").info("two");
        assertThat(fallback.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("one", "two");
        assertThat(report.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("jkeepalived: cannot log to syslog (sendto(AF_UNIX " + dir.resolve("nobody-listens")
                        + "): ENOENT (No such file or directory)) - logging to stderr instead");
    }

    @Test
    void journalLayoutHasPriorityPrefixAndNoTimestamp() {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.setContext(ctx);
        events.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(events);
        ctx.getLogger("jkeepalived").error("bad");
        ctx.getLogger("jkeepalived").info("fine");
        JournalLayout layout = new JournalLayout();
        assertThat(layout.doLayout(events.list.get(0))).isEqualTo("<3>bad\n");
        assertThat(layout.doLayout(events.list.get(1))).isEqualTo("<6>fine\n");
    }
}
