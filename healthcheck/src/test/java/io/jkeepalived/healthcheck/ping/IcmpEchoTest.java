package io.jkeepalived.healthcheck.ping;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class IcmpEchoTest {
    @Test
    void ipv4Request() {
        byte[] r = IcmpEcho.request(false, 0x1234, 7);
        assertThat(r).hasSize(64);
        assertThat(HexFormat.of().formatHex(r, 0, 8)).startsWith("0800").endsWith("12340007");
        // a correct checksum sums to zero
        assertThat(IcmpEcho.checksum(r)).isZero();
    }

    @Test
    void ipv6RequestLeavesTheChecksumToTheKernel() {
        byte[] r = IcmpEcho.request(true, 0xBEEF, 1);
        assertThat(HexFormat.of().formatHex(r, 0, 8)).isEqualTo("80000000beef0001");
    }

    @Test
    void rfc1071Example() {
        // RFC 1071 §3: 0001 f203 f4f5 f6f7 sums to ddf2, checksum 220d
        assertThat(IcmpEcho.checksum(HexFormat.of().parseHex("0001f203f4f5f6f7"))).isEqualTo(0x220d);
    }

    private static byte[] ipv4Reply(int ihlWords, int type, int id, int seq) {
        byte[] icmp = IcmpEcho.request(false, id, seq);
        icmp[0] = (byte) type;
        byte[] m = new byte[ihlWords * 4 + icmp.length];
        m[0] = (byte) (0x40 | ihlWords);
        System.arraycopy(icmp, 0, m, ihlWords * 4, icmp.length);
        return m;
    }

    @Test
    void recognisesOurReplyOnly() {
        assertThat(IcmpEcho.isReply(false, ipv4Reply(5, 0, 0x1234, 7), 0x1234, 7)).isTrue();
        assertThat(IcmpEcho.isReply(false, ipv4Reply(6, 0, 0x1234, 7), 0x1234, 7)).isTrue();
        assertThat(IcmpEcho.isReply(false, ipv4Reply(5, 8, 0x1234, 7), 0x1234, 7)).isFalse();
        assertThat(IcmpEcho.isReply(false, ipv4Reply(5, 0, 0x1235, 7), 0x1234, 7)).isFalse();
        assertThat(IcmpEcho.isReply(false, ipv4Reply(5, 0, 0x1234, 8), 0x1234, 7)).isFalse();
        assertThat(IcmpEcho.isReply(false, ipv4Reply(4, 0, 0x1234, 7), 0x1234, 7)).isFalse();
        assertThat(IcmpEcho.isReply(false, new byte[10], 0, 0)).isFalse();
        byte[] v6 = IcmpEcho.request(true, 9, 3);
        v6[0] = (byte) 129;
        assertThat(IcmpEcho.isReply(true, v6, 9, 3)).isTrue();
        assertThat(IcmpEcho.isReply(true, IcmpEcho.request(true, 9, 3), 9, 3)).isFalse();
    }

    @Property
    void everyRequestChecksumsToZero(@ForAll @IntRange(max = 0xFFFF) int id, @ForAll @IntRange(max = 0xFFFF) int seq) {
        assertThat(IcmpEcho.checksum(IcmpEcho.request(false, id, seq))).isZero();
    }

    /** A ping socket's message starts with the ICMP header; the kernel chose the identifier, only the rest counts. */
    @Test
    void datagramReplyIsRecognisedBySequenceAndType() {
        byte[] reply = IcmpEcho.request(false, 0x4321, 9);
        reply[0] = 0;
        assertThat(IcmpEcho.isDatagramReply(false, reply, 9)).isTrue();
        assertThat(IcmpEcho.isDatagramReply(false, reply, 10)).isFalse();
        assertThat(IcmpEcho.isDatagramReply(true, reply, 9)).isFalse();
        byte[] reply6 = IcmpEcho.request(true, 0x4321, 9);
        reply6[0] = (byte) 129;
        assertThat(IcmpEcho.isDatagramReply(true, reply6, 9)).isTrue();
        assertThat(IcmpEcho.isDatagramReply(false, IcmpEcho.request(false, 1, 9), 9)).as("a request").isFalse();
        assertThat(IcmpEcho.isDatagramReply(false, new byte[7], 0)).isFalse();
    }
}
