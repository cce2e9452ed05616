package io.jkeepalived.conf.script;

import io.jkeepalived.conf.TestMachine;
import io.jkeepalived.conf.parser.SystemInfo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keepalived's path walk for scripts run with root privilege, on real files: every component from {@code /} must be
 * root's and not writable by others (a sticky directory may be). The files here belong to the user running the test,
 * so the walk is only meaningful as root.
 */
class ScriptSecurityTest {
    /** The walk only asks the machine to resolve paths, which every SystemInfo does the same way. */
    private static final SystemInfo SYSTEM = TestMachine.INSTANCE;

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void root() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "file ownership checks need root");
        dir = Files.createDirectory(tmp.resolve("d"));
        // @TempDir's own directory may be group/other-accessible; make the chain to it root-only-writable
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Assumptions.assumeTrue(ScriptSecurity.check(script(dir, "probe.sh", "rwxr-xr-x"), SYSTEM, 0, 0, true)
                == (ScriptSecurity.IS_SCRIPT | ScriptSecurity.EXECUTABLE), "the temp directory's parents are safe");
    }

    private static NotifyScript script(Path dir, String name, String perms) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return new NotifyScript(List.of(p.toString(), "arg"), null, null);
    }

    @Test
    void worldWritableScriptIsInsecureAndInhibitedWithScriptSecurity() throws Exception {
        NotifyScript s = script(dir, "ww.sh", "rwxrwxrwx");
        assertThat(ScriptSecurity.check(s, SYSTEM, 0, 0, true)).isEqualTo(ScriptSecurity.IS_SCRIPT
                | ScriptSecurity.EXECUTABLE | ScriptSecurity.INSECURE | ScriptSecurity.INHIBIT);
        assertThat(ScriptSecurity.check(s, SYSTEM, 0, 0, false)).isEqualTo(ScriptSecurity.IS_SCRIPT
                | ScriptSecurity.EXECUTABLE | ScriptSecurity.INSECURE);
    }

    @Test
    void worldWritableDirectoryIsInsecureUnlessSticky() throws Exception {
        Path ww = Files.createDirectory(dir.resolve("ww"));
        NotifyScript s = script(ww, "chk.sh", "rwxr-xr-x");
        Files.setPosixFilePermissions(ww, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(ScriptSecurity.check(s, SYSTEM, 0, 0, true) & ScriptSecurity.INHIBIT).isNotZero();
        assertThat(ScriptSecurity.unsafeComponent(s, SYSTEM, 0, 0))
                .containsExactly(s.args().get(0), ww + " is writable by others");
        Files.setAttribute(ww, "unix:mode", 01777); // like /tmp
        assertThat(ScriptSecurity.check(s, SYSTEM, 0, 0, true) & (ScriptSecurity.INSECURE | ScriptSecurity.INHIBIT))
                .isZero();
    }

    @Test
    void notRunWithRootPrivilegeIsNotWalked() throws Exception {
        NotifyScript s = script(dir, "ww.sh", "rwxrwxrwx");
        assertThat(ScriptSecurity.check(s, SYSTEM, 1000, 1000, true)).isEqualTo(ScriptSecurity.IS_SCRIPT
                | ScriptSecurity.EXECUTABLE);
        assertThat(ScriptSecurity.unsafeComponent(s, SYSTEM, 1000, 1000)).isNull();
    }

    @Test
    void symbolicLinkToAnUnsafeFileIsInsecure() throws Exception {
        Path ww = Files.createDirectory(dir.resolve("ww"));
        NotifyScript target = script(ww, "real.sh", "rwxr-xr-x");
        Files.setPosixFilePermissions(ww, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path link = Files.createSymbolicLink(dir.resolve("link.sh"), Path.of(target.args().get(0)));
        NotifyScript s = new NotifyScript(List.of(link.toString()), null, null);
        assertThat(ScriptSecurity.check(s, SYSTEM, 0, 0, true) & ScriptSecurity.INHIBIT).isNotZero();
    }

    @Test
    void notExecutableIsNoExecutableFlag() throws Exception {
        assertThat(ScriptSecurity.check(script(dir, "plain.sh", "rw-r--r--"), SYSTEM, 0, 0, true))
                .isEqualTo(ScriptSecurity.IS_SCRIPT);
    }
}
