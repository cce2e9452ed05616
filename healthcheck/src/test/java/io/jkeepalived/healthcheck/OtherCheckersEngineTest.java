package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.KeepalivedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MISC_CHECK ({@code misc_dynamic}) and FILE_CHECK through the real engine, parsed from keepalived.conf text: the
 * weight follows the script's exit code and the tracked file's value; failing takes the real server out, healthy
 * again brings it back with the configured weight.
 */
class OtherCheckersEngineTest {
    @TempDir
    Path dir;

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private static RealServerVerdict last(List<RealServerVerdict> verdicts, String address) {
        RealServerVerdict last = null;
        for (RealServerVerdict v : verdicts) {
            if (v.realServer().address().equals(address)) {
                last = v;
            }
        }
        return last;
    }

    private static boolean is(List<RealServerVerdict> verdicts, String address, boolean up, int weight) {
        RealServerVerdict v = last(verdicts, address);
        return v != null && v.up() == up && (!up || v.weight() == weight);
    }

    @Test
    void miscDynamicAndFileCheckMoveWeightAndState() throws Exception {
        Path code = dir.resolve("code");
        Files.writeString(code, "7");
        Path script = dir.resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\nexit $(cat \"$1\")\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path value = dir.resolve("value");
        Files.writeString(value, "2\n");
        KeepalivedConfig config = HcConfigs.load(dir, """
                track_file tf {
                  file %3$s
                  weight 4
                }
                virtual_server 198.51.100.1 80 {
                  protocol TCP
                  delay_loop 0.1
                  real_server 198.51.100.10 80 {
                    weight 3
                    MISC_CHECK {
                      misc_path "%1$s %2$s"
                      misc_dynamic
                      retry 1
                      delay_before_retry 0.05
                      warmup 0
                    }
                  }
                  real_server 198.51.100.11 80 {
                    weight 10
                    FILE_CHECK {
                      track_file tf
                    }
                  }
                }
                """.formatted(script, code, value));
        List<RealServerVerdict> verdicts = new CopyOnWriteArrayList<>();
        CheckerEngine engine = CheckerEngine.start(config, System::nanoTime, verdicts::add,
                new CheckerEngine.Options(1, w -> 0, false));
        try {
            await("misc_dynamic exit 7 → weight 5", () -> is(verdicts, "198.51.100.10", true, 5));
            await("file value 2 × weight 4 → 10 + 8", () -> is(verdicts, "198.51.100.11", true, 18));
            Files.writeString(code, "1");
            Files.writeString(value, "-3\n");
            await("exit 1 → down", () -> is(verdicts, "198.51.100.10", false, 0));
            await("file value −3 × 4 → weight 0", () -> is(verdicts, "198.51.100.11", true, 0));
            Files.writeString(code, "0");
            await("exit 0 → up with the configured weight", () -> is(verdicts, "198.51.100.10", true, 3));
            Files.writeString(value, "-2147483648");
            await("fault value → down", () -> is(verdicts, "198.51.100.11", false, 0));
            Files.writeString(value, "0");
            await("value 0 → up with the configured weight", () -> is(verdicts, "198.51.100.11", true, 10));
        } finally {
            engine.close();
        }
    }
}
