package io.jkeepalived.daemon.notify;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpMessageTest {
    @Test
    void instanceMailsAreKeepalivedsSubjectAndBody() {
        SmtpMessage m = SmtpMessage.instance("lab1", "VI_1", NotifyState.MASTER);
        assertThat(m.subject()).isEqualTo("[lab1] VRRP Instance VI_1 - Entering MASTER state");
        assertThat(m.body()).isEqualTo("=> VRRP Instance is now owning VRRP VIPs <=");
        assertThat(SmtpMessage.instance("lab1", "VI_1", NotifyState.BACKUP).body())
                .isEqualTo("=> VRRP Instance is no longer owning VRRP VIPs <=");
        assertThat(SmtpMessage.instance("lab1", "VI_1", NotifyState.FAULT).subject())
                .isEqualTo("[lab1] VRRP Instance VI_1 - Entering FAULT state");
        SmtpMessage stop = SmtpMessage.instance("lab1", "VI_1", NotifyState.STOP);
        assertThat(stop.subject()).isEqualTo("[lab1] VRRP Instance VI_1 - Stopping");
        assertThat(stop.body()).isEqualTo("=> VRRP Instance stopping <=");
        assertThat(SmtpMessage.instance("lab1", "VI_1", NotifyState.MASTER_RX_LOWER_PRI)).isNull();
    }

    @Test
    void groupMails() {
        SmtpMessage m = SmtpMessage.group("lab1", "G1", NotifyState.FAULT);
        assertThat(m.subject()).isEqualTo("[lab1] VRRP Group G1 - Entering FAULT state");
        assertThat(m.body()).isEqualTo("=> All VRRP group instances are now in FAULT state <=");
        assertThat(SmtpMessage.group("lab1", "G1", NotifyState.DELETED)).isNull();
    }

    @Test
    void dataHasKeepalivedsHeadersAndEnd() {
        SmtpMessage m = SmtpMessage.instance("lab1", "VI_1", NotifyState.MASTER);
        String data = m.data(ZonedDateTime.of(2021, 3, 1, 9, 44, 8, 0, ZoneOffset.UTC), "root@h1",
                List.of("a@example.com", "b@example.com"));
        assertThat(data).isEqualTo("Date: Mon, 01 Mar 2021 09:44:08 +0000\r\n"
                + "From: root@h1\r\n"
                + "Subject: [lab1] VRRP Instance VI_1 - Entering MASTER state\r\n"
                + "X-Mailer: Keepalived\r\n"
                + "To: a@example.com, b@example.com\r\n"
                + "\r\n"
                + "=> VRRP Instance is now owning VRRP VIPs <=\r\n"
                + "\r\n.\r\n");
    }

    @Test
    void longSubjectsAreCutAsKeepalivedsBufferCutsThem() {
        SmtpMessage m = SmtpMessage.instance("r".repeat(300), "VI_1", NotifyState.MASTER);
        assertThat(m.subject()).hasSize(255);
    }
}
