package io.jkeepalived.healthcheck.misc;

import io.jkeepalived.conf.model.check.CheckerTiming;
import io.jkeepalived.conf.model.check.MiscCheck;
import io.jkeepalived.healthcheck.HcConfigs;
import io.jkeepalived.healthcheck.ProbeHarness;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jkeepalived.healthcheck.ProbeHarness.RS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MISC_CHECK against scripts written to a temp dir. */
class MiscProbeTest {
    private static final ProbeTarget TARGET = ProbeHarness.loopback(80, 1000);
    @TempDir
    Path dir;
    private final ProbeHarness h = new ProbeHarness(false);

    @AfterEach
    void tearDown() {
        h.close();
    }

    private String script(String body) throws Exception {
        Path p = dir.resolve("check-" + Math.abs(body.hashCode()) + ".sh");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p.toString();
    }

    private ProbeResult run(List<String> argv, Long timeout, boolean dynamic) throws Exception {
        MiscCheck c = new MiscCheck(CheckerTiming.UNSET, argv, timeout, dynamic, null, null);
        return h.run(new MiscProbe(c, TARGET), TARGET);
    }

    @Test
    void exitZeroIsUp() throws Exception {
        String s = script("exit 0");
        assertThat(run(List.of(s), null, false)).isEqualTo(ProbeResult.ok());
        assertThat(new MiscProbe(new MiscCheck(CheckerTiming.UNSET, List.of(s), null, false, null, null), TARGET)
                .upLine()).isEqualTo("Misc check for [" + RS + "] by [" + s + "] succeeded.");
    }

    @Test
    void theFinalFailureIsWordedAsCheckMiscWithTheVirtualServerAndTheRetries() throws Exception {
        String s = script("exit 1");
        ProbeTarget t = new ProbeTarget(TARGET.connect(), null, null, 0, TARGET.connectTimeoutNanos(), RS,
                "[198.51.100.1]:tcp:80");
        MiscProbe p = new MiscProbe(new MiscCheck(CheckerTiming.UNSET, List.of(s), null, false, null, null), t);
        String prefix = "Misc check for [" + RS + " VS [198.51.100.1]:tcp:80] by [" + s + "] ";
        assertThat(p.upLine()).isEqualTo(prefix + "succeeded.");
        assertThat(p.downLine(prefix + "failed (exited with status 1).", 2, true))
                .isEqualTo(prefix + "failed after 2 retries (exited with status 1).");
        assertThat(p.downLine(prefix + "failed (due to signal 9).", 1, true))
                .isEqualTo(prefix + "failed after 1 retry (due to signal 9).");
        assertThat(p.downLine(prefix + "timed out.", 1, false)).isEqualTo(prefix + "timed out after 1 retry.");
        assertThat(p.downLine(prefix + "failed (exited with status 3).", 0, true))
                .isEqualTo(prefix + "failed with retry disabled (exited with status 3).");
        assertThat(p.downLine("Disabling misc script " + s + " due to insecure", 1, true)).isNull();
    }

    @Test
    void nonZeroExitFailsWithKeepalivedsWords() throws Exception {
        String s = script("exit 1");
        assertThat(run(List.of(s), null, false)).isEqualTo(ProbeResult.failed(
                "Misc check for [" + RS + "] by [" + s + "] failed (exited with status 1)."));
        String s3 = script("exit 3");
        assertThat(run(List.of(s3), null, false).failure()).endsWith("failed (exited with status 3).");
    }

    @Test
    void argumentsArePassed() throws Exception {
        String s = script("[ \"$1\" = 'a b' ] && [ \"$2\" = c ]");
        assertThat(run(List.of(s, "a b", "c"), null, false)).isEqualTo(ProbeResult.ok());
        assertThat(run(List.of(s, "a", "b"), null, false).success()).isFalse();
    }

    @Test
    void miscDynamicSetsWeightFromTheExitCode() throws Exception {
        assertThat(run(List.of(script("exit 0")), null, true)).isEqualTo(ProbeResult.ok());
        assertThat(run(List.of(script("exit 1")), null, true).success()).isFalse();
        assertThat(run(List.of(script("exit 2")), null, true)).isEqualTo(ProbeResult.ok(0));
        assertThat(run(List.of(script("exit 12")), null, true)).isEqualTo(ProbeResult.ok(10));
        assertThat(run(List.of(script("exit 255")), null, true)).isEqualTo(ProbeResult.ok(253));
    }

    @Test
    void aScriptRunningPastMiscTimeoutIsKilledAndTimesOut() throws Exception {
        String s = script("exec sleep 30");
        long t0 = System.nanoTime();
        ProbeResult r = run(List.of(s), 1L, false);
        assertThat(r).isEqualTo(ProbeResult.failed("Misc check for [" + RS + "] by [" + s + "] timed out."));
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(20));
    }

    @Test
    void withoutMiscTimeoutDelayLoopApplies() throws Exception {
        h.delayLoop(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(run(List.of(script("exec sleep 30")), null, false).failure()).endsWith("timed out.");
    }

    @Test
    void aMissingScriptIsDroppedAtStartAsKeepalivedDoes() {
        String s = dir.resolve("nope").toString();
        MiscCheck c = new MiscCheck(CheckerTiming.UNSET, List.of(s), null, false, null, null);
        assertThatThrownBy(() -> new MiscProbe(c, TARGET)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Disabling misc script " + s + " since not found/accessible");
    }

    @Test
    void aScriptOnPathIsFound() throws Exception {
        assertThat(run(List.of("true"), null, false)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void enableScriptSecurityRefusesAScriptOthersCanChange() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "script security applies to root");
        String s = script("exit 0");
        Files.setPosixFilePermissions(Path.of(s), PosixFilePermissions.fromString("rwxrwxrwx"));
        Path conf = Files.createDirectory(dir.resolve("conf"));
        h.global(HcConfigs.load(conf, "global_defs {\n  enable_script_security\n  script_user root\n}\n").global());
        MiscCheck c = new MiscCheck(CheckerTiming.UNSET, List.of(s), null, false, null, null);
        assertThat(h.run(new MiscProbe(c, TARGET), TARGET))
                .isEqualTo(ProbeResult.failed("Disabling misc script " + s + " due to insecure"));
        Files.setPosixFilePermissions(Path.of(s), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(h.run(new MiscProbe(c, TARGET), TARGET)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void judgeTable() {
        assertThat(MiscProbe.judge("p ", false, 0, false)).isEqualTo(ProbeResult.ok());
        assertThat(MiscProbe.judge("p ", false, 2, false)).isEqualTo(ProbeResult.failed("p failed (exited with status 2)."));
        assertThat(MiscProbe.judge("p ", false, 137, false)).isEqualTo(ProbeResult.failed("p failed (due to signal 9)."));
        assertThat(MiscProbe.judge("p ", true, 137, false)).isEqualTo(ProbeResult.ok(135));
        assertThat(MiscProbe.judge("p ", true, 0, true)).isEqualTo(ProbeResult.failed("p timed out."));
    }

    @Test
    void userRunsTheScriptThroughSetprivWhenRoot() {
        List<String> cmd = ScriptUser.command(List.of("/bin/true"), "nobody", null);
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            assertThat(cmd.get(0)).isEqualTo("/usr/bin/setpriv");
            assertThat(cmd).endsWith("/bin/true");
        } else {
            assertThat(cmd).containsExactly("/bin/true");
        }
    }

    @Test
    void aScriptRunAsNobodyRuns() throws Exception {
        String s = script("[ \"$(id -u)\" = \"$(id -u nobody)\" ] || [ \"$(id -u)\" != 0 ]");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        MiscCheck c = new MiscCheck(CheckerTiming.UNSET, List.of(s), null, false, "nobody", null);
        assertThat(h.run(new MiscProbe(c, TARGET), TARGET)).isEqualTo(ProbeResult.ok());
    }
}
