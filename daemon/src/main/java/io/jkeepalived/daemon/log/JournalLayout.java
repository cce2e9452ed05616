package io.jkeepalived.daemon.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * The console format under systemd (stderr connected to the journal, {@code $JOURNAL_STREAM} set): no timestamp,
 * since journald stamps every line itself, and the severity as sd-daemon(3)'s {@code <N>} prefix, which journald
 * turns into the entry's priority ({@code journalctl -p warning} works).
 */
public final class JournalLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        return "<" + SyslogAppender.severity(event.getLevel()) + ">" + SyslogAppender.message(event) + "\n";
    }
}
