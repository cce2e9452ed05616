package io.jkeepalived.e2e.conf;

import io.jkeepalived.e2e.NetNs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Script security as {@code keepalived -t} judges it (issue 4): Debian's keepalived 2.2.7 and jkeepalived (this build's
 * {@code Main}, a JVM of its own, like the launcher runs it) read the same config inside one network namespace with
 * an {@code eth0}; they must exit with the same code and print the same lines. The cases: a safe script, a
 * world-writable script, a script in a world-writable directory, a {@code script_user} that does not exist, the
 * default {@code keepalived_script} user (absent here), and scripts without {@code enable_script_security} (keepalived's
 * "SECURITY VIOLATION", exit 6). The same rules for MISC_CHECK scripts (keepalived's check_misc.c: a checker
 * {@code user}, the default user, the permission walk and the checker's "SECURITY VIOLATION" line), and a config
 * with both kinds, where keepalived -t reports a missing keepalived_script once for both readings.
 */
class ScriptSecurityDifferentialTest {
    private static NetNs ns;
    private static Path dir;
    private static boolean noDefaultUser;

    @BeforeAll
    static void setUp() throws Exception {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")),
                "needs Debian's keepalived (apt-get install keepalived)");
        noDefaultUser = new ProcessBuilder("id", "keepalived_script").start().waitFor() != 0;
        ns = NetNs.create("seeds-sec" + ProcessHandle.current().pid() % 100000, 1);
        // not @TempDir: its directory may be created group/other-writable on some systems, which would change
        // every verdict; this one is 0755 all the way down from /tmp (sticky, which keepalived accepts)
        dir = Files.createTempDirectory("jk-seeds-sec", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path safe = Files.createDirectory(dir.resolve("safe"));
        Path ww = Files.createDirectory(dir.resolve("wwdir"));
        Files.setPosixFilePermissions(ww, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (Path p : List.of(safe.resolve("chk.sh"), ww.resolve("chk.sh"), dir.resolve("ww.sh"))) {
            Files.writeString(p, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(dir.resolve("ww.sh"), PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (ns != null) {
            ns.close();
        }
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * @param script relative to the test directory; {@code globals} go into global_defs
     * @param kind   what runs the script: vrrp_script, MISC_CHECK, or both
     * @param user   the script's own {@code user} line (vrrp_script or MISC_CHECK), or null
     */
    record Case(String name, String script, String globals, boolean twoScripts, Kind kind, String user) {
        Case(String name, String script, String globals) {
            this(name, script, globals, false);
        }

        Case(String name, String script, String globals, boolean twoScripts) {
            this(name, script, globals, twoScripts, Kind.VRRP, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    enum Kind { VRRP, MISC, BOTH }

    static Stream<Case> cases() {
        String secure = "    enable_script_security\n";
        return Stream.of(
                new Case("safe script, script_user root", "safe/chk.sh", secure + "    script_user root\n"),
                new Case("world-writable script", "ww.sh", secure + "    script_user root\n"),
                new Case("script in a world-writable directory", "wwdir/chk.sh", secure + "    script_user root\n"),
                new Case("script_user does not exist", "safe/chk.sh", secure + "    script_user jk_no_such_user\n"),
                new Case("default user keepalived_script absent", "safe/chk.sh", secure),
                new Case("no enable_script_security, safe script", "safe/chk.sh", "    script_user root\n"),
                new Case("no enable_script_security, world-writable script", "ww.sh", "    script_user root\n"),
                new Case("no enable_script_security, no script_user", "safe/chk.sh", ""),
                // keepalived's default_user_fail: a bad script_user removes scripts even without script security,
                // and a missing keepalived_script is reported once, not once per script
                new Case("no enable_script_security, script_user does not exist", "safe/chk.sh",
                        "    script_user jk_no_such_user\n"),
                new Case("default user keepalived_script absent, two scripts", "safe/chk.sh", secure, true),
                new Case("vrrp_script user does not exist", "safe/chk.sh", secure + "    script_user root\n", false,
                        Kind.VRRP, "jk_no_such_user"),
                miscCase("MISC_CHECK safe script, script_user root", "safe/chk.sh", secure + "    script_user root\n", false, null),
                miscCase("MISC_CHECK world-writable script", "ww.sh", secure + "    script_user root\n", false, null),
                miscCase("MISC_CHECK script in a world-writable directory", "wwdir/chk.sh", secure + "    script_user root\n",
                        false, null),
                miscCase("MISC_CHECK no enable_script_security, world-writable script", "ww.sh", "    script_user root\n",
                        false, null),
                miscCase("MISC_CHECK no enable_script_security, no script_user", "safe/chk.sh", "", false, null),
                miscCase("MISC_CHECK script_user does not exist", "safe/chk.sh", secure + "    script_user jk_no_such_user\n",
                        true, null),
                miscCase("MISC_CHECK no enable_script_security, script_user does not exist", "safe/chk.sh",
                        "    script_user jk_no_such_user\n", true, null),
                miscCase("default user keepalived_script absent, two MISC_CHECKs", "safe/chk.sh", secure, true, null),
                miscCase("default user keepalived_script absent, MISC_CHECK user root", "safe/chk.sh", secure, true, "root"),
                miscCase("MISC_CHECK user does not exist", "safe/chk.sh", secure + "    script_user root\n", false,
                        "jk_no_such_user"),
                new Case("default user keepalived_script absent, vrrp_script and MISC_CHECK", "safe/chk.sh", secure,
                        false, Kind.BOTH, null));
    }

    private static Case miscCase(String name, String script, String globals, boolean two, String user) {
        return new Case(name, script, globals, two, Kind.MISC, user);
    }

    /** One real server per MISC_CHECK; the first carries the case's user line, the second an argument. */
    private static String miscConfig(Case c) {
        StringBuilder s = new StringBuilder("virtual_server 198.51.100.20 80 {\n    protocol TCP\n");
        for (int i = 0; i < (c.twoScripts() ? 2 : 1); i++) {
            s.append("    real_server 198.51.100.").append(11 + i).append(" 80 {\n        MISC_CHECK {\n")
                    .append("            misc_path \"").append(dir.resolve(c.script())).append(i == 0 ? "" : " arg")
                    .append("\"\n");
            if (i == 0 && c.user() != null) {
                s.append("            user ").append(c.user()).append('\n');
            }
            s.append("        }\n    }\n");
        }
        return s.append("}\n").toString();
    }

    private static String config(Case c) {
        String head = "global_defs {\n    router_id sec\n" + c.globals() + "}\n";
        if (c.kind() == Kind.MISC) {
            return head + miscConfig(c);
        }
        return head + (c.kind() == Kind.BOTH ? miscConfig(c) : "")
                + "vrrp_script chk {\n    script \"" + dir.resolve(c.script()) + "\"\n    interval 1\n"
                + (c.user() != null ? "    user " + c.user() + "\n" : "") + "}\n"
                + (c.twoScripts() ? "vrrp_script chk2 {\n    script \"" + dir.resolve(c.script())
                        + "\"\n    interval 1\n}\n" : "")
                + "vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n"
                + "    priority 100\n    advert_int 1\n    track_script {\n        chk\n    }\n"
                + "    virtual_ipaddress {\n        198.51.100.100/24\n    }\n}\n";
    }

    /** The output's lines, blank ones dropped. */
    private static List<String> lines(String output) {
        List<String> out = new ArrayList<>();
        for (String l : output.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.stripTrailing());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameVerdictAsKeepalived(Case c) throws Exception {
        Assumptions.assumeTrue(noDefaultUser || !c.name().startsWith("default user"),
                "the default-user cases expect no keepalived_script user on this machine");
        Path conf = dir.resolve(c.name().replaceAll("[^a-z]+", "-") + ".conf");
        Files.writeString(conf, config(c));
        NetNs.Result k = ns.exec(dir, 20, "/usr/sbin/keepalived", "-t", "-f", conf.toString());
        NetNs.Result j = ns.exec(dir, 60, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.jkeepalived.daemon.Main", "-t", "-f", conf.toString());
        String report = String.format("%s%n--- keepalived exit %d%n%s%n--- jkeepalived exit %d%n%s", config(c),
                k.exit(), k.output(), j.exit(), j.output());
        System.out.printf("script security [%s]: keepalived exit %d, jkeepalived exit %d%n", c, k.exit(), j.exit());
        assertThat(k.exit()).as("keepalived gives a verdict, not a crash" + report).isLessThan(128);
        assertThat(j.exit()).as("exit code" + report).isEqualTo(k.exit());
        assertThat(lines(j.output())).as("lines" + report).containsExactlyElementsOf(lines(k.output()));
    }
}
