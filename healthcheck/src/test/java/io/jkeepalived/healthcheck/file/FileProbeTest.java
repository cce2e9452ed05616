package io.jkeepalived.healthcheck.file;

import io.jkeepalived.conf.model.check.FileCheck;
import io.jkeepalived.conf.model.vrrp.TrackFile;
import io.jkeepalived.healthcheck.ProbeHarness;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.jkeepalived.healthcheck.ProbeHarness.RS;
import static org.assertj.core.api.Assertions.assertThat;

/** FILE_CHECK against files in a temp dir. */
class FileProbeTest {
    private static final ProbeTarget TARGET = ProbeHarness.loopback(80, 1000);
    @TempDir
    Path dir;
    private final ProbeHarness h = new ProbeHarness(false).weight(10);

    @AfterEach
    void tearDown() {
        h.close();
    }

    private ProbeResult run(FileCheck c, int tfWeight, boolean tfReverse, String content) throws Exception {
        Path f = dir.resolve("state");
        if (content == null) {
            Files.deleteIfExists(f);
        } else {
            Files.writeString(f, content);
        }
        h.trackFiles(List.of(new TrackFile("tf", f.toString(), tfWeight, tfReverse, false, 0, false, null)));
        return h.run(new FileProbe(c, TARGET), TARGET);
    }

    @Test
    void weightZeroIsUpOrDown() throws Exception {
        FileCheck c = new FileCheck("tf", 0, false);
        assertThat(run(c, 1, false, "0\n")).isEqualTo(ProbeResult.ok(10));
        assertThat(run(c, 1, false, null)).isEqualTo(ProbeResult.ok(10));
        // at FAULT the file's effect is taken off: the real server's configured weight travels with the failure
        assertThat(run(c, 1, false, "1\n")).isEqualTo(
                ProbeResult.failed("(" + RS + "): tracked file tf now FAULT state", 10));
        assertThat(run(new FileCheck("tf", 0, true), 1, false, "0").success()).isFalse();
    }

    @Test
    void theValueTimesTheWeightIsAddedToTheRealServersWeight() throws Exception {
        assertThat(run(new FileCheck("tf", null, false), 2, false, "3")).isEqualTo(ProbeResult.ok(16));
        assertThat(run(new FileCheck("tf", null, false), 2, true, "3")).isEqualTo(ProbeResult.ok(4));
        assertThat(run(new FileCheck("tf", 5, false), 2, true, "-4")).isEqualTo(ProbeResult.ok(0));
        assertThat(run(new FileCheck("tf", 1, false), 2, true, "-2147483648").success()).isFalse();
    }

    @Test
    void anUnknownTrackFileFails() throws Exception {
        h.trackFiles(List.of());
        assertThat(h.run(new FileProbe(new FileCheck("nope", null, false), TARGET), TARGET))
                .isEqualTo(ProbeResult.failed("track_file nope not found"));
    }

    @Test
    void anInvalidNumberKeepsTheLastValue() throws Exception {
        Path f = dir.resolve("state");
        h.trackFiles(List.of(new TrackFile("tf", f.toString(), 1, false, false, 0, false, null)));
        FileProbe p = new FileProbe(new FileCheck("tf", null, false), TARGET);
        Files.writeString(f, "4");
        assertThat(h.run(p, TARGET)).isEqualTo(ProbeResult.ok(14));
        Files.writeString(f, "99999999999");
        assertThat(h.run(p, TARGET)).isEqualTo(ProbeResult.ok(14));
    }
}
