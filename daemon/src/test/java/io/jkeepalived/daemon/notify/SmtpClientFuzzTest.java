package io.jkeepalived.daemon.notify;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer target for the one thing the notifier decodes: an SMTP server's replies. Under plain {@code mvn test} it
 * replays {@code SmtpClientFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} it fuzzes. The property: whatever the server
 * says, the dialogue ends (bounded by the input), never throws, and only ever sends keepalived's commands.
 */
class SmtpClientFuzzTest {
    private static final ZonedDateTime DATE = ZonedDateTime.of(2021, 3, 1, 9, 44, 8, 0, ZoneOffset.UTC);

    @FuzzTest(maxDuration = "30s")
    void replies(byte[] data) {
        SmtpClient c = new SmtpClient(new SmtpClient.Settings("198.51.100.25", 25, "h1", "root@h1",
                List.of("a@example.com", "b@example.com"), 5), () -> DATE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.dialogue(new ByteArrayInputStream(data), out, "[198.51.100.25]:25",
                SmtpMessage.instance("lab", "VI_1", NotifyState.MASTER));
        String sent = out.toString(StandardCharsets.US_ASCII);
        for (String line : sent.split("\r\n")) {
            assertThat(line.isEmpty() || line.startsWith("HELO ") || line.startsWith("MAIL FROM:<")
                    || line.startsWith("RCPT TO:<") || line.equals("DATA") || line.equals("QUIT")
                    || line.equals(".") || line.startsWith("Date: ") || line.startsWith("From: ")
                    || line.startsWith("Subject: ") || line.startsWith("X-Mailer: ") || line.startsWith("To: ")
                    || line.startsWith("=> ")).as(line).isTrue();
        }
        assertThat(count(sent, "QUIT\r\n")).isLessThanOrEqualTo(1);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
