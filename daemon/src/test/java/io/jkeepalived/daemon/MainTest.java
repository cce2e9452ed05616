package io.jkeepalived.daemon;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line parsed without picocli (the start path of {@code -t}) must mean exactly what picocli
 * makes of it, and must leave everything else to picocli.
 */
class MainTest {
    private static final Path ROOT = Path.of(System.getProperty("jk.projectRoot", ".."));

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(boolean picocli, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
        PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        int exit = picocli ? Main.runPicocli(args, o, e) : Main.run(args, o, e);
        return new Outcome(exit, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    private static List<String[]> commonCommandLines() {
        String good = ROOT.resolve("examples/keepalived.conf").toString();
        String broken = ROOT.resolve("examples/broken.conf").toString();
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"-v"});
        all.add(new String[] {"--version"});
        all.add(new String[] {"-t", "-f", good});
        all.add(new String[] {"-f", good, "-t"});
        all.add(new String[] {"--config-test", "--use-file", good});
        all.add(new String[] {"-t", "-f", broken});
        all.add(new String[] {"-t", "-d", "-f", good});
        all.add(new String[] {"-t", "-i", "lb01", "-f", good});
        all.add(new String[] {"-t", "--config-id", "other", "-f", broken});
        all.add(new String[] {"-t", "-f", ROOT.resolve("no-such-file.conf").toString()});
        all.add(new String[] {"-v", "-t", "-f", good});
        all.add(new String[] {"--signum=RELOAD"});
        all.add(new String[] {"--signum=json"});
        all.add(new String[] {"--signum=TDUMP"});
        return all;
    }

    @Test
    void commonCommandLinesBehaveAsWithPicocli() {
        for (String[] args : commonCommandLines()) {
            assertThat(new Main(System.out, System.err).parseCommon(args)).as(String.join(" ", args)).isTrue();
            assertThat(run(false, args)).as(String.join(" ", args)).isEqualTo(run(true, args));
        }
    }

    @Test
    void daemonCommandLinesAreCommonToo() {
        // parsed only: running them would start the daemon, which waits for SIGTERM
        String good = ROOT.resolve("examples/keepalived.conf").toString();
        for (String[] args : List.of(new String[] {}, new String[] {"-f", good})) {
            Main m = new Main(System.out, System.err);
            assertThat(m.parseCommon(args)).as(String.join(" ", args)).isTrue();
            assertThat(m.configTest).isNull();
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        String good = ROOT.resolve("examples/keepalived.conf").toString();
        String[][] others = {
                {"-t", "/tmp/jk-log"}, {"-t", "-t"}, {"-f"}, {"-f", "-t"}, {"--use-file=" + good}, {"-f" + good},
                {"@args"}, {"-f", "@args"}, {"-h"}, {"--help"}, {"-z"}, {"--signum"}, {"--signum="}, {"-f", good, "-f", good}, {"-d", "-d"},
                {"-i"}, {"-i", "a", "-i", "b"}, {"--", "-t"}, {"extra"}, {"-f", ""}, {"-tv"},
        };
        for (String[] args : others) {
            assertThat(new Main(System.out, System.err).parseCommon(args)).as(String.join(" ", args)).isFalse();
        }
        Outcome help = run(false, "-h");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: jkeepalived");
        Outcome unknown = run(false, "-z");
        assertThat(unknown).isEqualTo(run(true, "-z"));
        assertThat(unknown.err()).contains("Unknown option: '-z'");
    }

    @Test
    void configTestLogFileIsPicocliStill() throws Exception {
        Path log = Files.createTempFile("jk-main-test", ".log");
        try {
            String broken = ROOT.resolve("examples/broken.conf").toString();
            Outcome o = run(false, "-t", log.toString(), "-f", broken);
            assertThat(o.exit()).isNotZero();
            assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).isNotEmpty();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void signumAnswersAsKeepalived() {
        assertThat(run(false, "--signum=STOP")).isEqualTo(new Outcome(0, "15\n", ""));
        assertThat(run(true, "--signum", "RELOAD")).isEqualTo(new Outcome(0, "1\n", ""));
        assertThat(run(false, "--signum=DATA").out()).isEqualTo("10\n");
        assertThat(run(false, "--signum=STATS").out()).isEqualTo("12\n");
        assertThat(run(false, "--signum=STATS_CLEAR").out()).isEqualTo("63\n");
        assertThat(run(false, "--signum=JSON").out()).isEqualTo("36\n");
        assertThat(run(false, "--signum=TDATA")).isEqualTo(new Outcome(1, "", "Unknown sigfunc TDATA\n"));
    }

    @Test
    void genhashModeOnlyAsTheFirstOption() {
        Outcome o = run(true, "-n", "--genhash");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains("genhash mode (-T, --genhash) must be the first option");
    }

    @Test
    void namespaceIsRefusedForTheDaemonOnly() {
        Outcome o = run(true, "-n", "-s", "jk-ops-none", "-f", ROOT.resolve("examples/keepalived.conf").toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains("--namespace (-s) is not supported");
        assertThat(run(true, "-t", "-s", "jk-ops-none", "-f", ROOT.resolve("examples/keepalived.conf").toString()).exit()).isZero();
    }

    @Test
    void loggingSwitchesAndKeepalivedsComplaints() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main m = new Main(System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        new picocli.CommandLine(m).setOverwrittenOptionsAllowed(true)
                .parseArgs("-l", "-D", "-S", "foo", "-u", "99999", "-g", "-G", "-S", "local4");
        Logging.Options o = m.logOptions();
        assertThat(o.console()).isTrue();
        assertThat(o.detail()).isTrue();
        assertThat(o.syslog()).isFalse();
        assertThat(o.facility()).isEqualTo(io.jkeepalived.daemon.log.SyslogFacility.LOCAL4);
        assertThat(o.logFile()).isEqualTo("/tmp/keepalived.log");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Invalid --umask option 99999\n");
        Main bad = new Main(System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        err.reset();
        new picocli.CommandLine(bad).parseArgs("-S", "local9", "--log-file=/var/log/jk.log");
        assertThat(bad.logOptions().facility()).isEqualTo(io.jkeepalived.daemon.log.SyslogFacility.DAEMON);
        assertThat(bad.logOptions().logFile()).isEqualTo("/var/log/jk.log");
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Invalid log facility 'local9'\n");
    }

    @Test
    void umaskAsStrtoulBaseZero() {
        assertThat(DaemonOptions.parseUmask("022")).isEqualTo(022);
        assertThat(DaemonOptions.parseUmask("0777")).isEqualTo(0777);
        assertThat(DaemonOptions.parseUmask("18")).isEqualTo(18);
        assertThat(DaemonOptions.parseUmask("0x1f")).isEqualTo(0x1f);
        assertThat(DaemonOptions.parseUmask("99999")).isEqualTo(-1);
        assertThat(DaemonOptions.parseUmask("foo")).isEqualTo(-1);
        assertThat(DaemonOptions.parseUmask("08")).isEqualTo(-1);
    }

    @Test
    void unhonouredOptionsAreNamed() {
        Main m = new Main(System.out, System.err);
        new picocli.CommandLine(m).parseArgs("-V", "-I", "-x", "-R", "-n", "-B", "-X", "-a", "-e", "-u", "022");
        assertThat(DaemonOptions.ignored(m)).containsExactly("-x/-A (SNMP)");
    }

    @Test
    void releaseAndMonitoringSwitchesReachTheDaemon() {
        Main m = new Main(System.out, System.err);
        new picocli.CommandLine(m).parseArgs("-V", "-I", "-X", "-a", "-e");
        assertThat(DaemonOptions.operatorOptions(m))
                .isEqualTo(new io.jkeepalived.daemon.ops.OperatorOptions(false, true, false, true, true));
        Main plain = new Main(System.out, System.err);
        new picocli.CommandLine(plain).parseArgs("-n");
        assertThat(DaemonOptions.operatorOptions(plain)).isEqualTo(io.jkeepalived.daemon.ops.OperatorOptions.DEFAULTS);
    }

    /** -e at start: keepalived 2.2.7 stops with exit 6 (KEEPALIVED_EXIT_NO_CONFIG) before writing pid files. */
    @Test
    void allConfigStopsTheDaemonOnAMissingInclude(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path conf = dir.resolve("a.conf");
        Files.writeString(conf, "global_defs {\n router_id T1\n}\ninclude " + dir.resolve("missing.conf") + "\n");
        int exit = new Daemon(new Daemon.Options(conf.toString(), null, false, false, dir.resolve("k.pid"),
                dir.resolve("v.pid"), dir.resolve("c.pid"), List.of("-e"), false, null,
                new io.jkeepalived.daemon.ops.OperatorOptions(true, false, true, false, true))).run();
        assertThat(exit).isEqualTo(6);
        assertThat(dir.resolve("k.pid")).doesNotExist();
    }

    /** -e as keepalived 2.2.7 -t answers it (exit 0 without -e, 6 with; an unmatched pattern reported only with -e). */
    @Test
    void allConfigMakesAMissingIncludeAnError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.conf");
        Path conf = dir.resolve("a.conf");
        Files.writeString(conf, "global_defs {\n router_id T1\n}\ninclude " + missing + "\n");
        Path glob = dir.resolve("b.conf");
        Files.writeString(glob, "global_defs {\n router_id T1\n}\ninclude " + dir.resolve("nomatch*.conf") + "\n");

        String missingLine = "(Line 4) Config files missing '" + missing + "'.\n";
        assertThat(run(false, "-t", "-f", conf.toString())).isEqualTo(new Outcome(0, "", missingLine));
        assertThat(run(true, "-t", "-e", "-f", conf.toString())).isEqualTo(new Outcome(6, "", missingLine));
        assertThat(run(false, "-t", "-f", glob.toString())).isEqualTo(new Outcome(0, "", ""));
        assertThat(run(true, "-t", "--all-config", "-f", glob.toString())).isEqualTo(new Outcome(6, "",
                "(Line 4) No config files matched '" + dir.resolve("nomatch*.conf") + "'.\n"));
    }
}
