package io.jkeepalived.healthcheck.smtp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpDialogueTest {
    private static final String S = "[127.0.0.1]:25";

    private static SmtpDialogue.Step feed(SmtpDialogue d, String s) {
        return d.onBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aHealthyConversation() {
        SmtpDialogue d = new SmtpDialogue(null, S);
        assertThat(feed(d, "220 mx.example ESMTP")).isEqualTo(SmtpDialogue.Step.READ);
        assertThat(feed(d, "\r\n")).isEqualTo(new SmtpDialogue.Step(SmtpDialogue.Kind.SEND,
                "HELO smtpchecker.keepalived.org\r\n", null));
        assertThat(feed(d, "250 hello\r\n")).isEqualTo(new SmtpDialogue.Step(SmtpDialogue.Kind.SEND, "QUIT\r\n", null));
        assertThat(feed(d, "221 bye\r\n").kind()).isEqualTo(SmtpDialogue.Kind.DONE);
    }

    @Test
    void heloName() {
        assertThat(feed(new SmtpDialogue("lb.example", S), "220 x\n").send()).isEqualTo("HELO lb.example\r\n");
    }

    @Test
    void badBannerAndBadHelo() {
        assertThat(feed(new SmtpDialogue(null, S), "554 go away\r\n"))
                .isEqualTo(new SmtpDialogue.Step(SmtpDialogue.Kind.FAIL, null,
                        "SMTP_CHECK Bad greeting banner from server " + S));
        SmtpDialogue d = new SmtpDialogue(null, S);
        feed(d, "220 x\r\n");
        assertThat(feed(d, "250-multi\r\n250 line\r\n").failure())
                .isEqualTo("SMTP_CHECK Bad HELO response from server " + S);
    }

    @Test
    void statusParsing() {
        assertThat(SmtpDialogue.status("220 ok")).isEqualTo(220);
        assertThat(SmtpDialogue.status("220")).isEqualTo(220);
        assertThat(SmtpDialogue.status("220\r")).isEqualTo(-1);
        assertThat(SmtpDialogue.status("2200 x")).isEqualTo(-1);
        assertThat(SmtpDialogue.status("22 x")).isEqualTo(-1);
        assertThat(SmtpDialogue.status("")).isEqualTo(-1);
    }

    @Test
    void aLineLongerThanTheBufferStartsOver() {
        SmtpDialogue d = new SmtpDialogue(null, S);
        assertThat(feed(d, "x".repeat(SmtpDialogue.MAX_LINE) + "220 ok\n").kind()).isEqualTo(SmtpDialogue.Kind.SEND);
    }
}
