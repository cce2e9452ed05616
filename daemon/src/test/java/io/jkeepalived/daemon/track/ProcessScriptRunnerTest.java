package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.script.NotifyScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real processes through /bin/sh; outcomes only, nothing timed. */
class ProcessScriptRunnerTest {
    private final ProcessScriptRunner runner = new ProcessScriptRunner();

    @TempDir
    Path dir;

    private static NotifyScript script(String... args) {
        return new NotifyScript(List.of(args), null, null);
    }

    @Test
    void exitStatusIsReported() {
        assertThat(runner.run(script("/bin/sh", "-c", "exit 3"), Duration.ofSeconds(20), null))
                .isEqualTo(new ScriptOutcome.Exited(3));
        assertThat(runner.run(script("true"), Duration.ofSeconds(20), null)).as("found on PATH")
                .isEqualTo(new ScriptOutcome.Exited(0));
        assertThat(runner.run(script("test", "-f", dir.resolve("flag").toString()), Duration.ofSeconds(20), null))
                .isEqualTo(new ScriptOutcome.Exited(1));
    }

    @Test
    void outputIsHandedOver() {
        List<String> lines = new ArrayList<>();
        runner.run(script("/bin/sh", "-c", "echo one; echo two >&2"), Duration.ofSeconds(20), lines::add);
        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void aNonExecutableGoesThroughTheShellLikeKeepalived() throws Exception {
        Path s = dir.resolve("check.sh");
        Files.writeString(s, "exit 4\n"); // not executable: keepalived runs it via system()
        assertThat(ProcessScriptRunner.resolve(s.toString())).isNull();
        assertThat(ProcessScriptRunner.shellLine(List.of(s.toString(), "a b"))).isEqualTo("'" + s + "' 'a b'");
        // sh cannot execute it (126): keepalived's child then exits 0
        assertThat(runner.run(script(s.toString()), Duration.ofSeconds(20), null))
                .isEqualTo(new ScriptOutcome.Exited(0));
        assertThat(ProcessScriptRunner.shellLine(List.of("</dev/tcp/x/1"))).isEqualTo("</dev/tcp/x/1");
    }

    @Test
    void aScriptPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        ScriptOutcome o = runner.run(script("/bin/sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait"),
                Duration.ofMillis(500), null);
        assertThat(o).isEqualTo(new ScriptOutcome.TimedOut());
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("the child is gone")
                .isFalse();
    }

    @Test
    void aMissingProgramCountsAsSuccessLikeKeepalived() {
        assertThat(runner.run(script("/nonexistent/check"), Duration.ofSeconds(5), null))
                .isEqualTo(new ScriptOutcome.Exited(0)); // via the shell: 127, which keepalived counts as success
    }
}
