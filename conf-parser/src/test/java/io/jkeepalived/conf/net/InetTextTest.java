package io.jkeepalived.conf.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** inet_pton's rules, which decide which addresses keepalived accepts. */
class InetTextTest {
    @Test
    void ipv4IsStrictDottedQuad() {
        assertThat(InetText.parse4("198.51.100.10")).containsExactly((byte) 198, (byte) 51, (byte) 100, (byte) 10);
        assertThat(InetText.parse4("198.51.100.300")).isNull();
        assertThat(InetText.parse4("198.51.100")).isNull();
        assertThat(InetText.parse4("198.51.100.010")).isNull();
        assertThat(InetText.parse4("198.51.100.1.")).isNull();
    }

    @Test
    void ipv6WithGapsAndEmbeddedIpv4() {
        assertThat(InetText.parse6("2001:db8::1")).hasSize(16);
        assertThat(InetText.parse6("::")).containsOnly((byte) 0);
        assertThat(InetText.parse6("::ffff:198.51.100.1")[15]).isEqualTo((byte) 1);
        assertThat(InetText.parse6("2001:db8::1::2")).isNull();
        assertThat(InetText.parse6("2001:db8:12345::1")).isNull();
        assertThat(InetText.parse6("1:2:3:4:5:6:7:8:9")).isNull();
    }
}
