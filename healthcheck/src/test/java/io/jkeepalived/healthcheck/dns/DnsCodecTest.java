package io.jkeepalived.healthcheck.dns;

import io.jkeepalived.conf.model.check.DnsType;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DnsCodecTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void soaOfTheRoot() {
        assertThat(DnsQuery.encode(0x1234, DnsType.SOA, ""))
                .isEqualTo(hex("1234 0100 0001 0000 0000 0000 00 0006 0001"));
        assertThat(DnsQuery.encode(0x1234, DnsType.SOA, ".")).isEqualTo(DnsQuery.encode(0x1234, DnsType.SOA, ""));
    }

    @Test
    void aNameIsCutAtDots() {
        assertThat(DnsQuery.encode(0xBEEF, DnsType.AAAA, "www.example.com"))
                .isEqualTo(hex("BEEF 0100 0001 0000 0000 0000 03777777 076578616d706c65 03636f6d 00 001c 0001"));
        assertThat(DnsQuery.encode(1, DnsType.A, "example.com."))
                .isEqualTo(DnsQuery.encode(1, DnsType.A, "example.com"));
        assertThat(DnsQuery.qname("a..b")).isEqualTo(hex("0161 00 0162 00"));
    }

    @Test
    void typeCodes() {
        assertThat(DnsQuery.code(DnsType.MX)).isEqualTo(15);
        assertThat(DnsQuery.code(DnsType.RRSIG)).isEqualTo(46);
        assertThat(DnsQuery.code(DnsType.DNSKEY)).isEqualTo(48);
    }

    @Test
    void aLongLabelIsRefused() {
        assertThatThrownBy(() -> DnsQuery.encode(1, DnsType.A, "x".repeat(64) + ".com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("63");
    }

    @Test
    void replies() {
        assertThat(DnsReply.judge(0x1234, hex("1234 8180 0001 0000 0000 0000")).kind()).isEqualTo(DnsReply.Kind.OK);
        assertThat(DnsReply.judge(0x1234, hex("1234 8183 0001 0000 0000 0000")))
                .isEqualTo(new DnsReply.Verdict(DnsReply.Kind.ERROR, 3));
        // another id, a query, too short: keep waiting
        assertThat(DnsReply.judge(0x1234, hex("1235 8180 0001 0000 0000 0000")).kind()).isEqualTo(DnsReply.Kind.IGNORE);
        assertThat(DnsReply.judge(0x1234, hex("1234 0100 0001 0000 0000 0000")).kind()).isEqualTo(DnsReply.Kind.IGNORE);
        assertThat(DnsReply.judge(0x1234, hex("1234 8180 0001")).kind()).isEqualTo(DnsReply.Kind.IGNORE);
        assertThat(DnsReply.judge(0x1234, hex("1234 8180 0001 0000")).kind()).isEqualTo(DnsReply.Kind.OK);
    }
}
