package io.jkeepalived.healthcheck.file;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer target for FILE_CHECK's decoder: arbitrary file contents through {@link TrackFileValue#parse} and
 * {@link TrackFileValue#effect}. Replays inputs under plain {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1}.
 */
class TrackFileFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void value(FuzzedDataProvider data) {
        int weight = data.consumeInt(-253, 253);
        boolean reverse = data.consumeBoolean();
        Long v = TrackFileValue.parse(data.consumeRemainingAsBytes());
        if (v != null) {
            assertThat(v).isBetween((long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE + 1);
            Long e = TrackFileValue.effect(v, weight, reverse);
            if (e != null) {
                assertThat(e).isBetween((long) Integer.MIN_VALUE + 1, (long) Integer.MAX_VALUE);
            }
        }
    }
}
