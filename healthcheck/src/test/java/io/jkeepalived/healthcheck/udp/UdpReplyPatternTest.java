package io.jkeepalived.healthcheck.udp;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UdpReplyPatternTest {
    @Test
    void payloadOctets() {
        assertThat(UdpReplyPattern.octets("01 AB FF 00")).containsExactly(0x01, 0xAB, 0xFF, 0x00);
        assertThat(UdpReplyPattern.octets(null)).isEmpty();
        assertThatThrownBy(() -> UdpReplyPattern.octets("0X")).hasMessageContaining("wildcards");
    }

    @Test
    void comparesTheShorterOfReplyAndPatternWithWildcards() {
        UdpReplyPattern p = UdpReplyPattern.of("AB XF X3", 0, 255);
        assertThat(p.matches(new byte[]{(byte) 0xAB, 0x1F, 0x73})).isTrue();
        assertThat(p.matches(new byte[]{(byte) 0xAB, (byte) 0xEF, 0x03, 0x55})).isTrue();
        assertThat(p.matches(new byte[]{(byte) 0xAB})).isTrue();
        assertThat(p.matches(new byte[]{(byte) 0xAC})).isFalse();
        assertThat(p.matches(new byte[]{(byte) 0xAB, 0x1E})).isFalse();
        assertThat(p.matches(new byte[]{(byte) 0xAB, 0x1F, 0x74})).isFalse();
    }

    @Test
    void lengthBounds() {
        UdpReplyPattern p = UdpReplyPattern.of("AB", 2, 3);
        assertThat(p.matches(new byte[]{(byte) 0xAB})).isFalse();
        assertThat(p.matches(new byte[]{(byte) 0xAB, 0})).isTrue();
        assertThat(p.matches(new byte[]{(byte) 0xAB, 0, 0})).isTrue();
        assertThat(p.matches(new byte[]{(byte) 0xAB, 0, 0, 0})).isFalse();
    }

    @Property
    void allWildcardsMatchEveryReplyInBounds(@ForAll byte[] reply) {
        UdpReplyPattern p = UdpReplyPattern.of("XX XX XX", 0, 255);
        assertThat(p.matches(reply)).isEqualTo(reply.length <= 255);
    }
}
