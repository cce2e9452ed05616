package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.vrrp.fsm.VrrpEvent.TrackerChanged;
import org.junit.jupiter.api.Test;

import static io.jkeepalived.daemon.track.TrackerStatus.DOWN;
import static io.jkeepalived.daemon.track.TrackerStatus.INIT;
import static io.jkeepalived.daemon.track.TrackerStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;

class TrackerWeightTest {
    private static TrackerChanged c(int weight, boolean reverse, TrackerStatus s) {
        return TrackerWeight.contribution("script chk", new Tracked("chk", weight, reverse), s);
    }

    @Test
    void weightZeroIsFaultWhileDownOrNotYetKnown() {
        assertThat(c(0, false, UP).fault()).isFalse();
        assertThat(c(0, false, DOWN).fault()).isTrue();
        assertThat(c(0, false, INIT).fault()).as("keepalived holds the instance until the first result").isTrue();
        assertThat(c(0, true, UP).fault()).as("reverse: up means fault").isTrue();
        assertThat(c(0, true, DOWN).fault()).isFalse();
        assertThat(c(0, false, DOWN).weight()).isZero();
    }

    @Test
    void positiveWeightIsAddedWhileUp() {
        assertThat(c(10, false, UP).weight()).isEqualTo(10);
        assertThat(c(10, false, DOWN).weight()).isZero();
        assertThat(c(10, false, INIT).weight()).isZero();
        assertThat(c(10, true, UP).weight()).isEqualTo(-10);
        assertThat(c(10, true, DOWN).weight()).isZero();
        assertThat(c(10, false, DOWN).fault()).isFalse();
    }

    @Test
    void negativeWeightIsSubtractedWhileDown() {
        assertThat(c(-2, false, DOWN).weight()).isEqualTo(-2);
        assertThat(c(-2, false, UP).weight()).isZero();
        assertThat(c(-2, false, INIT).weight()).isZero();
        assertThat(c(-2, true, DOWN).weight()).isEqualTo(2);
        assertThat(c(-2, true, UP).weight()).isZero();
    }
}
