package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.vrrp.fsm.VrrpEvent.TrackerChanged;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TrackFileStatusTest {

    static TrackFileStatus.Reading read(String s) {
        return TrackFileStatus.read(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsAsStrtolWithBaseZero() {
        assertThat(read("5\n").value()).isEqualTo(5);
        assertThat(read("  -12 apples").value()).isEqualTo(-12);
        assertThat(read("+7").value()).isEqualTo(7);
        assertThat(read("0x1F").value()).isEqualTo(31);
        assertThat(read("010").value()).isEqualTo(8);
        assertThat(read("09").value()).isEqualTo(0); // octal: stops at 9
        assertThat(read("0x").value()).isEqualTo(0); // "0", then x is not a digit
        assertThat(read("").value()).isEqualTo(0);
        assertThat(read("abc").value()).isEqualTo(0);
        assertThat(read("abc").valid()).isTrue();
    }

    @Test
    void numbersOutsideIntAreIgnoredWithKeepalivedsLine() {
        assertThat(read("2147483648").valid()).isTrue(); // INT32_MAX + 1 slips through, as in keepalived
        assertThat(read("2147483649").valid()).isFalse();
        assertThat(read("-2147483649").valid()).isFalse();
        TrackFileStatus.Reading huge = read("99999999999999999999");
        assertThat(huge.valid()).isFalse();
        assertThat(TrackFileStatus.invalidLine(huge, "/run/f"))
                .isEqualTo("Invalid number 9223372036854775807 read from /run/f - ignoring");
        assertThat(TrackFileStatus.invalidLine(read("-99999999999999999999"), "/run/f"))
                .isEqualTo("Invalid number -9223372036854775808 read from /run/f - ignoring");
    }

    @Test
    void onlyTheFirst127BytesCount() {
        String s = " ".repeat(126) + "42";
        assertThat(read(s).value()).isEqualTo(4);
    }

    @Test
    void weightZeroMeansFaultOnNonZeroOrOnZeroWhenReversed() {
        Tracked plain = new Tracked("f", 0, false);
        Tracked reverse = new Tracked("f", 0, true);
        assertThat(TrackFileStatus.contribution("file f", plain, 0)).isEqualTo(new TrackerChanged("file f", 0, false));
        assertThat(TrackFileStatus.contribution("file f", plain, 3)).isEqualTo(new TrackerChanged("file f", 0, true));
        assertThat(TrackFileStatus.contribution("file f", reverse, 0)).isEqualTo(new TrackerChanged("file f", 0, true));
        assertThat(TrackFileStatus.contribution("file f", reverse, -1)).isEqualTo(new TrackerChanged("file f", 0, false));
    }

    @Test
    void valueTimesWeightMovesPriorityCappedAndMinus254IsFault() {
        Tracked w = new Tracked("f", 10, false);
        assertThat(TrackFileStatus.contribution("file f", w, 5).weight()).isEqualTo(50);
        assertThat(TrackFileStatus.contribution("file f", w, 100).weight()).isEqualTo(253);
        assertThat(TrackFileStatus.contribution("file f", w, -25)).isEqualTo(new TrackerChanged("file f", -250, false));
        assertThat(TrackFileStatus.contribution("file f", w, -26)).isEqualTo(new TrackerChanged("file f", 0, true));
        assertThat(TrackFileStatus.contribution("file f", new Tracked("f", 10, true), 5).weight()).isEqualTo(-50);
        assertThat(TrackFileStatus.initialFaultLine("VI_1", "f", w, -26))
                .isEqualTo("(VI_1): entering FAULT state (tracked file f has status -260)");
        assertThat(TrackFileStatus.initialFaultLine("VI_1", "f", new Tracked("f", 0, false), 1))
                .isEqualTo("(VI_1): entering FAULT state (tracked file f has status -254)");
    }

    @Property
    void anyContentReadsWithoutError(@ForAll byte[] content, @ForAll int weight, @ForAll boolean reverse) {
        TrackFileStatus.Reading r = TrackFileStatus.read(content);
        int w = Math.floorMod(weight, 509) - 254;
        TrackerChanged c = TrackFileStatus.contribution("file f", new Tracked("f", w, reverse), r.value());
        assertThat(c.weight()).isBetween(-253, 253);
    }

    @Property
    void decimalNumbersReadBack(@ForAll int n) {
        assertThat(read(n + "\n").value()).isEqualTo(n);
    }
}
