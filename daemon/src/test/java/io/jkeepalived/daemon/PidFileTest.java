package io.jkeepalived.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void writesThePidAndRemovesOnlyItsOwnFile() throws Exception {
        PidFile f = new PidFile(dir.resolve("run/vrrp.pid"));
        f.write();
        assertThat(Files.readString(f.path())).isEqualTo(ProcessHandle.current().pid() + "\n");
        assertThat(f.namesLiveProcess()).as("our own pid is not 'another daemon'").isFalse();
        f.remove();
        assertThat(f.path()).doesNotExist();

        Files.writeString(f.path(), "1\n"); // init: alive, not ours
        assertThat(f.namesLiveProcess()).isTrue();
        f.remove();
        assertThat(f.path()).as("a file naming another process is left alone").exists();
    }

    @Test
    void staleOrGarbageFilesDoNotBlockAStart() throws Exception {
        Path p = dir.resolve("keepalived.pid");
        Files.writeString(p, "not a pid\n");
        assertThat(new PidFile(p).namesLiveProcess()).isFalse();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(p, dead.pid() + "\n");
        assertThat(new PidFile(p).namesLiveProcess()).isFalse();
        assertThat(new PidFile(dir.resolve("missing.pid")).namesLiveProcess()).isFalse();
    }
}
