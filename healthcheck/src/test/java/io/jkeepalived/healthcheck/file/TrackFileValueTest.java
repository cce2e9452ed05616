package io.jkeepalived.healthcheck.file;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TrackFileValueTest {
    private static Long parse(String s) {
        return TrackFileValue.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void strtolBaseZero() {
        assertThat(parse("")).isZero();
        assertThat(parse("42\n")).isEqualTo(42);
        assertThat(parse("  -7 apples")).isEqualTo(-7);
        assertThat(parse("+3")).isEqualTo(3);
        assertThat(parse("0x1F")).isEqualTo(31);
        assertThat(parse("0x")).isZero();
        assertThat(parse("010")).isEqualTo(8);
        assertThat(parse("08")).isZero();
        assertThat(parse("abc")).isZero();
        assertThat(parse("2147483648")).isEqualTo(2147483648L);
    }

    @Test
    void outOfRangeIsIgnored() {
        assertThat(parse("2147483649")).isNull();
        assertThat(parse("-2147483649")).isNull();
        assertThat(parse("99999999999999999999999")).isNull();
    }

    @Test
    void onlyTheFirst127OctetsCount() {
        assertThat(parse(" ".repeat(126) + "12")).isEqualTo(1);
    }

    @Test
    void effectOfWeights() {
        assertThat(TrackFileValue.effect(0, 0, false)).isZero();
        assertThat(TrackFileValue.effect(5, 0, false)).isNull();
        assertThat(TrackFileValue.effect(0, 0, true)).isNull();
        assertThat(TrackFileValue.effect(5, 0, true)).isZero();
        assertThat(TrackFileValue.effect(5, 3, false)).isEqualTo(15);
        assertThat(TrackFileValue.effect(5, 3, true)).isEqualTo(-15);
        assertThat(TrackFileValue.effect(-2147483648L, 1, false)).isNull();
        assertThat(TrackFileValue.effect(2147483648L, 2, false)).isEqualTo(Integer.MAX_VALUE);
    }

    @Property
    void decimalRoundTrips(@ForAll @IntRange(min = -1000000, max = 1000000) int v) {
        assertThat(parse(Integer.toString(v))).isEqualTo(v);
    }
}
