package io.jkeepalived.healthcheck.ping;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer target for PING_CHECK's reply decoder: arbitrary messages through {@link IcmpEcho#isReply} and
 * {@link IcmpEcho#isDatagramReply}. Replays
 * inputs under plain {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1}. The property: nothing throws, and a
 * recognised IPv4 reply has a well-formed header.
 */
class IcmpReplyFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void reply(FuzzedDataProvider data) {
        boolean v6 = data.consumeBoolean();
        int id = data.consumeInt(0, 0xFFFF);
        int seq = data.consumeInt(0, 0xFFFF);
        byte[] m = data.consumeRemainingAsBytes();
        if (IcmpEcho.isReply(v6, m, id, seq) && !v6) {
            assertThat(m.length).isGreaterThanOrEqualTo((m[0] & 0x0F) * 4 + 8);
        }
        // a ping socket's message: the ICMP header first
        if (IcmpEcho.isDatagramReply(v6, m, seq)) {
            assertThat(m.length).isGreaterThanOrEqualTo(8);
        }
    }
}
