package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.model.check.Checker;
import io.jkeepalived.conf.model.check.CheckerTiming;
import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.TcpCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which checkers a reload continues: same type and settings, timing aside, each old one at most once. */
class CheckerReloadTest {
    private static final CheckerTiming SLOW = new CheckerTiming(3L, 5_000_000L, null, 10_000_000L, null, false);
    private static final ConnectionOptions PORT_81 = new ConnectionOptions(null, 81, null, null, null, null, null);

    @Test
    void timingDoesNotBreakTheMatchButSettingsDo() {
        TcpCheck plain = new TcpCheck(CheckerTiming.UNSET, ConnectionOptions.UNSET);
        assertThat(CheckerReload.sameChecker(plain, new TcpCheck(SLOW, ConnectionOptions.UNSET))).isTrue();
        assertThat(CheckerReload.sameChecker(plain, new TcpCheck(CheckerTiming.UNSET, PORT_81))).isFalse();
        assertThat(CheckerReload.sameChecker(plain, null)).isFalse();
    }

    @Test
    void eachOldCheckerIsContinuedAtMostOnceInOrder() {
        Checker a = new TcpCheck(CheckerTiming.UNSET, ConnectionOptions.UNSET);
        Checker b = new TcpCheck(CheckerTiming.UNSET, PORT_81);
        assertThat(CheckerReload.continued(List.of(a, b), List.of(b, a, a))).containsExactly(1, 0, -1);
        assertThat(CheckerReload.checkerChanges("[203.0.113.2]:tcp:80", "VS", List.of(a, b), List.of(a)))
                .containsExactly("Removing TCP_CHECK of service [203.0.113.2]:tcp:80 of VS VS");
    }
}
