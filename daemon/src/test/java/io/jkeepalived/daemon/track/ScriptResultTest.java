package io.jkeepalived.daemon.track;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptResultTest {
    private static final ScriptOutcome OK = new ScriptOutcome.Exited(0);
    private static final ScriptOutcome FAIL = new ScriptOutcome.Exited(1);

    @Test
    void firstReportDecidesEitherWay() {
        ScriptResult up = new ScriptResult("chk", 3, 3, false);
        assertThat(up.status()).isEqualTo(TrackerStatus.INIT);
        ScriptResult.Change c = up.onOutcome(OK);
        assertThat(c.status()).isEqualTo(TrackerStatus.UP);
        assertThat(c.logLines()).containsExactly("VRRP_Script(chk) succeeded");

        ScriptResult down = new ScriptResult("chk", 3, 3, false);
        c = down.onOutcome(FAIL);
        assertThat(c.status()).isEqualTo(TrackerStatus.DOWN);
        assertThat(c.logLines()).containsExactly("Script `chk` now returning 1",
                "VRRP_Script(chk) failed (exited with status 1)");
    }

    @Test
    void upGoesDownOnTheFallthFailureInARow() {
        ScriptResult r = new ScriptResult("chk", 2, 3, false);
        r.onOutcome(OK);
        assertThat(r.onOutcome(FAIL).changed()).isFalse();
        assertThat(r.onOutcome(FAIL).changed()).isFalse();
        assertThat(r.onOutcome(OK).changed()).as("a success resets the count").isFalse();
        assertThat(r.onOutcome(FAIL).changed()).isFalse();
        assertThat(r.onOutcome(FAIL).changed()).isFalse();
        ScriptResult.Change c = r.onOutcome(FAIL);
        assertThat(c.status()).isEqualTo(TrackerStatus.DOWN);
        assertThat(c.logLines()).containsExactly("VRRP_Script(chk) failed (exited with status 1)");
        assertThat(r.onOutcome(FAIL).changed()).isFalse();
    }

    @Test
    void downComesUpOnTheRisethSuccessInARow() {
        ScriptResult r = new ScriptResult("chk", 3, 1, false);
        r.onOutcome(FAIL);
        assertThat(r.onOutcome(OK).logLines()).containsExactly("Script `chk` now returning 0");
        assertThat(r.onOutcome(OK).changed()).isFalse();
        ScriptResult.Change c = r.onOutcome(OK);
        assertThat(c.status()).isEqualTo(TrackerStatus.UP);
        assertThat(c.logLines()).containsExactly("VRRP_Script(chk) succeeded");
        assertThat(r.onOutcome(OK).changed()).isFalse();
        assertThat(r.onOutcome(FAIL).status()).isEqualTo(TrackerStatus.DOWN);
    }

    @Test
    void initFailStartsDownAndNeedsRiseSuccesses() {
        ScriptResult r = new ScriptResult("chk", 2, 2, true);
        assertThat(r.status()).isEqualTo(TrackerStatus.DOWN);
        assertThat(r.onOutcome(OK).changed()).isFalse();
        assertThat(r.onOutcome(OK).status()).isEqualTo(TrackerStatus.UP);
    }

    @Test
    void initFailFailureIsQuiet() {
        ScriptResult r = new ScriptResult("chk", 1, 1, true);
        ScriptResult.Change c = r.onOutcome(FAIL);
        assertThat(c.changed()).isFalse();
        assertThat(c.logLines()).containsExactly("Script `chk` now returning 1");
    }

    @Test
    void timeoutAndSignalAreFailures() {
        ScriptResult r = new ScriptResult("chk", 1, 1, false);
        r.onOutcome(OK);
        ScriptResult.Change c = r.onOutcome(new ScriptOutcome.TimedOut());
        assertThat(c.status()).isEqualTo(TrackerStatus.DOWN);
        assertThat(c.logLines()).containsExactly("VRRP_Script(chk) timed_out");
        r.onOutcome(OK);
        c = r.onOutcome(new ScriptOutcome.Signalled(11));
        assertThat(c.logLines()).containsExactly("VRRP_Script(chk) failed (due to signal 11)");
    }

    @Test
    void aScriptThatNeverRanCountsNothing() {
        ScriptResult r = new ScriptResult("chk", 1, 1, false);
        assertThat(r.onOutcome(new ScriptOutcome.NotStarted("ENOENT")).changed()).isFalse();
        assertThat(r.status()).isEqualTo(TrackerStatus.INIT);
    }
}
