package io.jkeepalived.daemon.log;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogLineTest {
    private static String line(SyslogFacility f, int severity, LocalDateTime t, String ident, String msg) {
        return new String(SyslogLine.format(f, severity, t, ident, 4242, msg), StandardCharsets.UTF_8);
    }

    @Test
    void glibcLayoutWithSpacePaddedDay() {
        assertThat(line(SyslogFacility.DAEMON, SyslogLine.INFO, LocalDateTime.of(2026, 11, 3, 9, 5, 7), "Keepalived_vrrp",
                "(VI_1) Entering MASTER STATE"))
                .isEqualTo("<30>Nov  3 09:05:07 Keepalived_vrrp[4242]: (VI_1) Entering MASTER STATE");
        assertThat(line(SyslogFacility.LOCAL7, SyslogLine.ERR, LocalDateTime.of(2026, 1, 30, 23, 59, 59), "Keepalived", "x"))
                .isEqualTo("<187>Jan 30 23:59:59 Keepalived[4242]: x");
    }

    @Test
    void identsAreKeepalivedsPerSubsystem() {
        assertThat(SyslogLine.identFor("jkeepalived")).isEqualTo("Keepalived");
        assertThat(SyslogLine.identFor("jkeepalived.vrrp")).isEqualTo("Keepalived_vrrp");
        assertThat(SyslogLine.identFor("io.jkeepalived.daemon.track.ScriptTracker")).isEqualTo("Keepalived_vrrp");
        assertThat(SyslogLine.identFor("jkeepalived.check")).isEqualTo("Keepalived_healthcheckers");
        assertThat(SyslogLine.identFor("io.netty.Something")).isEqualTo("Keepalived");
    }

    @Test
    void facilitiesAsKeepalivedReadsThem() {
        assertThat(SyslogFacility.parse("daemon")).isEqualTo(SyslogFacility.DAEMON);
        assertThat(SyslogFacility.parse("user")).isEqualTo(SyslogFacility.USER);
        assertThat(SyslogFacility.parse("0")).isEqualTo(SyslogFacility.LOCAL0);
        assertThat(SyslogFacility.parse("7")).isEqualTo(SyslogFacility.LOCAL7);
        assertThat(SyslogFacility.parse("local3")).isEqualTo(SyslogFacility.LOCAL3);
        assertThat(SyslogFacility.parse("LOCAL5")).isEqualTo(SyslogFacility.LOCAL5);
        for (String bad : new String[] {"8", "local8", "local", "foo", "", "-1", "01", null}) {
            assertThat(SyslogFacility.parse(bad)).as(String.valueOf(bad)).isNull();
        }
        assertThat(SyslogFacility.LOCAL0.code()).isEqualTo(16);
    }

    @Property
    void priorityAndTimestampAlwaysParse(@ForAll @IntRange(min = 0, max = 9) int facility, @ForAll @IntRange(min = 0, max = 7) int severity,
                                         @ForAll @IntRange(min = 1, max = 12) int month, @ForAll @IntRange(min = 1, max = 28) int day,
                                         @ForAll @IntRange(min = 0, max = 86399) int second) {
        SyslogFacility f = SyslogFacility.values()[facility];
        String l = line(f, severity, LocalDateTime.of(2026, month, day, second / 3600, second / 60 % 60, second % 60), "Keepalived", "m");
        assertThat(l).matches("<\\d{1,3}>[A-Z][a-z]{2} [ 1-3]\\d \\d{2}:\\d{2}:\\d{2} Keepalived\\[4242\\]: m");
        assertThat(Integer.parseInt(l.substring(1, l.indexOf('>')))).isEqualTo(f.code() * 8 + severity);
    }
}
