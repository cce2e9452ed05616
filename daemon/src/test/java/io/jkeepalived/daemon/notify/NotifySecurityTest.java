package io.jkeepalived.daemon.notify;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** check_script_secure() on real files: needs root, as the ownership checks are about root. */
class NotifySecurityTest {
    @TempDir
    Path dir;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void root() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the ownership checks need root");
        // JUnit's temporary directory is root's, 0700, under sticky /tmp: a safe path
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Path script(String name, String perms) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    @Test
    void aRootOwnedExecutableScriptRuns() throws Exception {
        Path s = script("n.sh", "rwxr-xr-x");
        NotifySecurity.Verdict v = new NotifySecurity(true, null, log::add).check(List.of(s.toString(), "a"), 0, 0);
        assertThat(v.runnable()).isTrue();
        assertThat(v.args()).containsExactly(s.toRealPath().toString(), "a");
        assertThat(log).isEmpty();
    }

    @Test
    void aWorldWritableScriptIsDisabledUnderScriptSecurity() throws Exception {
        Path s = script("n.sh", "rwxrwxrwx");
        NotifySecurity.Verdict v = new NotifySecurity(true, null, log::add).check(List.of(s.toString()), 0, 0);
        assertThat(v.runnable()).isFalse();
        assertThat(v.flags() & NotifySecurity.INSECURE).isNotZero();
        assertThat(log.get(0)).isEqualTo("Unsafe permissions found for script '" + s + "' - disabling.");
        assertThat(log.get(1)).startsWith("Unsafe path component '" + s + "'").endsWith("mode 0777");
    }

    @Test
    void withoutScriptSecurityItRunsButIsInsecure() throws Exception {
        Path s = script("n.sh", "rwxrwxrwx");
        NotifySecurity.Verdict v = new NotifySecurity(false, null, log::add).check(List.of(s.toString()), 0, 0);
        assertThat(v.runnable()).isTrue();
        assertThat(v.flags() & NotifySecurity.INSECURE).isNotZero();
        assertThat(log.get(0)).isEqualTo("Unsafe permissions found for script '" + s + "'.");
    }

    @Test
    void aWritableDirectoryOnThePathIsNamed() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path s = sub.resolve("n.sh");
        Files.writeString(s, "#!/bin/sh\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        NotifySecurity.Verdict v = new NotifySecurity(true, null, log::add).check(List.of(s.toString()), 0, 0);
        assertThat(v.runnable()).isFalse();
        assertThat(log).contains("Unsafe permissions found for script '" + s + "' - disabling.");
        assertThat(log.get(1)).startsWith("Unsafe path component '" + sub + "'");
    }

    @Test
    void notExecutableForItsUser() throws Exception {
        Path s = script("n.sh", "rwxr--r--");
        NotifySecurity.Verdict v = new NotifySecurity(true, null, log::add).check(List.of(s.toString()), 65534, 65534);
        assertThat(v.runnable()).isFalse();
        assertThat(log).containsExactly("WARNING - script '" + s + "' is not executable for uid:gid 65534:65534 - disabling.");
    }

    @Test
    void aMissingScript() {
        String s = dir.resolve("none.sh").toString();
        NotifySecurity.Verdict v = new NotifySecurity(true, null, log::add).check(List.of(s), 0, 0);
        assertThat(v.runnable()).isFalse();
        assertThat(v.flags()).isEqualTo(NotifySecurity.NOT_FOUND);
        assertThat(log).containsExactly("Script " + s + " cannot be accessed - No such file or directory");
    }

    @Test
    void aBareNameIsSearchedOnThePathWithKeepalivedsWarning() throws Exception {
        Path s = script("jk-notify-test.sh", "rwxr-xr-x");
        NotifySecurity.Verdict v = new NotifySecurity(true, "/nonexistent:" + dir, log::add)
                .check(List.of("jk-notify-test.sh"), 0, 0);
        assertThat(v.runnable()).isTrue();
        assertThat(log).containsExactly("WARNING - script `jk-notify-test.sh` resolved by path search to `" + s
                + "`. Please specify full path.");
        NotifySecurity.Verdict none = new NotifySecurity(true, "/nonexistent", log::add).check(List.of("nope-x"), 0, 0);
        assertThat(none.runnable()).isFalse();
        assertThat(log.get(1)).isEqualTo("Cannot find script nope-x in path - disabling");
    }

    @Test
    void aLinkIsResolvedKeepingTheNameItWasCalledBy() throws Exception {
        Path real = script("real.sh", "rwxr-xr-x");
        Path link = Files.createSymbolicLink(dir.resolve("called.sh"), real);
        NotifySecurity.Verdict v = new NotifySecurity(true, null, log::add).check(List.of(link.toString()), 0, 0);
        assertThat(v.runnable()).isTrue();
        // keepalived keeps the name a program was called by when that name is the same file in the real directory
        assertThat(v.args().get(0)).isEqualTo(real.toRealPath().getParent().resolve("called.sh").toString());
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path far = Files.createSymbolicLink(sub.resolve("other.sh"), real);
        NotifySecurity.Verdict w = new NotifySecurity(true, null, log::add).check(List.of(far.toString()), 0, 0);
        assertThat(w.args().get(0)).isEqualTo(real.toRealPath().toString());
        assertThat(log).isEmpty();
    }
}
