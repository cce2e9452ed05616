package io.jkeepalived.healthcheck.udp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jkeepalived.healthcheck.dns.DnsReply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer targets for the datagram checkers' reply decoders: arbitrary octets through UDP_CHECK's reply pattern
 * and DNS_CHECK's reply judgement. Replays inputs under plain {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1}.
 * The property: nothing throws, and the verdict is consistent.
 */
class DatagramReplyFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void udpReply(FuzzedDataProvider data) {
        int min = data.consumeInt(0, 300);
        int max = data.consumeInt(0, 300);
        byte[] reply = data.consumeRemainingAsBytes();
        boolean m = UdpReplyPattern.of("XX 0A XF", min, max).matches(reply);
        if (reply.length < min || reply.length > max) {
            assertThat(m).isFalse();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void dnsReply(FuzzedDataProvider data) {
        int id = data.consumeInt(0, 0xFFFF);
        byte[] reply = data.consumeRemainingAsBytes();
        DnsReply.Verdict v = DnsReply.judge(id, reply);
        if (v.kind() != DnsReply.Kind.IGNORE) {
            assertThat(reply.length).isGreaterThanOrEqualTo(8);
            assertThat(((reply[0] & 0xFF) << 8) | (reply[1] & 0xFF)).isEqualTo(id);
        }
        if (v.kind() == DnsReply.Kind.ERROR) {
            assertThat(v.rcode()).isBetween(1, 15);
        }
    }
}
