package io.jkeepalived.daemon.notify;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMTP dialogue against canned server replies (the client reads one reply, then writes one command). */
class SmtpClientTest {
    private static final ZonedDateTime DATE = ZonedDateTime.of(2021, 3, 1, 9, 44, 8, 0, ZoneOffset.UTC);

    private static String talk(String replies, List<String> to) {
        SmtpClient c = new SmtpClient(new SmtpClient.Settings("198.51.100.25", 25, "h1", "root@h1", to, 5),
                () -> DATE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.dialogue(new ByteArrayInputStream(replies.getBytes(StandardCharsets.US_ASCII)), out, "[198.51.100.25]:25",
                SmtpMessage.instance("lab", "VI_1", NotifyState.MASTER));
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void fullDialogueWithTwoRecipientsAndAMultiLineGreeting() {
        String sent = talk("220-mail.example ESMTP\r\n220 ready\r\n250 hello\r\n250 ok\r\n250 ok\r\n250 ok\r\n"
                + "354 go on\r\n250 queued\r\n221 bye\r\n", List.of("a@example.com", "b@example.com"));
        assertThat(sent).isEqualTo("HELO h1\r\n"
                + "MAIL FROM:<root@h1>\r\n"
                + "RCPT TO:<a@example.com>\r\n"
                + "RCPT TO:<b@example.com>\r\n"
                + "DATA\r\n"
                + SmtpMessage.instance("lab", "VI_1", NotifyState.MASTER).data(DATE, "root@h1",
                        List.of("a@example.com", "b@example.com"))
                + "QUIT\r\n");
    }

    @Test
    void aRefusedRecipientEndsWithQuit() {
        String sent = talk("220 ready\r\n250 hello\r\n250 ok\r\n550 no such user\r\n221 bye\r\n",
                List.of("x@example.com"));
        assertThat(sent).isEqualTo("HELO h1\r\nMAIL FROM:<root@h1>\r\nRCPT TO:<x@example.com>\r\nQUIT\r\n");
    }

    @Test
    void aServerThatHangsUpEndsTheSession() {
        String sent = talk("220 ready\r\n250 hello\r\n", List.of("x@example.com"));
        assertThat(sent).isEqualTo("HELO h1\r\nMAIL FROM:<root@h1>\r\n");
    }

    @Test
    void serverIsWrittenAsKeepalivedWritesIt() throws Exception {
        assertThat(SmtpClient.hostText(InetAddress.getByName("198.51.100.25"), 25)).isEqualTo("[198.51.100.25]:25");
        assertThat(SmtpClient.hostText(InetAddress.getByName("2001:db8::25"), 587)).isEqualTo("[2001:db8::25]:587");
    }

    @Test
    void ipv6AsInetNtop() throws Exception {
        assertThat(io.jkeepalived.conf.net.InetText.ntop(InetAddress.getByName("2001:db8::").getAddress())).isEqualTo("2001:db8::");
        assertThat(io.jkeepalived.conf.net.InetText.ntop(InetAddress.getByName("::1").getAddress())).isEqualTo("::1");
        assertThat(io.jkeepalived.conf.net.InetText.ntop(InetAddress.getByName("2001:db8:0:1:0:0:0:1").getAddress()))
                .isEqualTo("2001:db8:0:1::1");
        assertThat(io.jkeepalived.conf.net.InetText.ntop(InetAddress.getByName("2001:db8:1:2:3:4:5:6").getAddress()))
                .isEqualTo("2001:db8:1:2:3:4:5:6");
    }
}
