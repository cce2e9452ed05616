package io.jkeepalived.healthcheck.smtp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer target for SMTP_CHECK's reply side: arbitrary server bytes cut into arbitrary reads through
 * {@link SmtpDialogue}. Replays inputs under plain {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1}.
 * The property: nothing throws, at most two lines are sent, and nothing follows DONE or FAIL.
 */
class SmtpReplyFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void dialogue(FuzzedDataProvider data) {
        SmtpDialogue d = new SmtpDialogue(data.consumeBoolean() ? null : "lb", "[127.0.0.1]:25");
        int sends = 0;
        boolean over = false;
        for (int i = 0; i < 16 && data.remainingBytes() > 0; i++) {
            SmtpDialogue.Step s = d.onBytes(data.consumeBytes(data.consumeInt(0, 600)));
            if (over) {
                assertThat(s.kind()).isEqualTo(SmtpDialogue.Kind.READ);
            }
            switch (s.kind()) {
                case SEND -> sends++;
                case DONE, FAIL -> over = true;
                default -> {
                }
            }
        }
        assertThat(sends).isLessThanOrEqualTo(2);
    }
}
