package io.jkeepalived.conf.parser;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValueReaderTest {
    private final Diagnostics diag = new Diagnostics();
    private final ValueReader test = new ValueReader(diag, true);
    private final ValueReader daemon = new ValueReader(diag, false);

    private String lastMessage() {
        return diag.all().get(diag.all().size() - 1).message();
    }

    @Test
    void readsIntInRange() {
        assertThat(test.readInt("100", 1, 255, false)).isEqualTo(new ValueReader.Num(true, 100));
        assertThat(diag.all()).isEmpty();
    }

    @Test
    void outOfRangeIntUsesKeepalivedsWords() {
        assertThat(test.readInt("300", 1, 255, false).ok()).isFalse();
        assertThat(lastMessage()).isEqualTo("number '300' outside range [1, 255]");
        assertThat(diag.worst()).isEqualTo(ConfigError.INVALID_NUMBER);
    }

    @Test
    void trailingGarbageIsRejectedByTheConfigTestButTakenByTheDaemon() {
        assertThat(test.readInt("100zyx", 1, 255, true).ok()).isFalse();
        assertThat(lastMessage()).isEqualTo("invalid number '100zyx'");
        ValueReader.Num n = daemon.readInt("100zyx", 1, 255, true);
        assertThat(n.ok()).isTrue();
        assertThat(n.value()).isEqualTo(100);
        assertThat(lastMessage()).isEqualTo("WARNING - invalid number '100zyx'");
    }

    @Test
    void unsignedRejectsNegative() {
        assertThat(test.readUnsigned("-1", 0, 10, false).ok()).isFalse();
        assertThat(lastMessage()).isEqualTo("negative number '-1'");
    }

    @Test
    void unsignedOutsideUint() {
        assertThat(test.readUnsigned("99999999999", 0, 10, false).ok()).isFalse();
        assertThat(lastMessage()).isEqualTo("number '99999999999' outside unsigned integer range");
    }

    @Test
    void timerZeroIsOutsideTheGarpRange() {
        // vrrp_garp_interval 0 in keepalived's own sample config
        assertThat(test.readTimer("0", 1, 4294967295L, true).ok()).isFalse();
        assertThat(lastMessage()).isEqualTo("number '0' outside range [0.000001, 4294.967295]");
    }

    @Test
    void decimalsAreScaledAndRounded() {
        assertThat(test.readDecimal("1.5", 0, 255_000_000, 6, false)).isEqualTo(new ValueReader.Num(true, 1_500_000));
        ValueReader.Num n = test.readDecimal("0.0000015", 0, 255_000_000, 6, false);
        assertThat(lastMessage()).isEqualTo("number '0.0000015' has too many decimal places");
        assertThat(n.value()).isEqualTo(2);
    }

    @Test
    void emptyStringIsZeroAsStrtolSaysSo() {
        assertThat(test.readInt("", 0, 10, false)).isEqualTo(new ValueReader.Num(true, 0));
    }

    @Test
    void booleans() {
        assertThat(ValueReader.checkTrueFalse("yes")).isEqualTo(1);
        assertThat(ValueReader.checkTrueFalse("off")).isZero();
        assertThat(ValueReader.checkTrueFalse("True")).isEqualTo(-1);
    }
}
