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
                {"@args"}, {"-f", "@args"}, {"-h"}, {"--help"}, {"-x"}, {"-f", good, "-f", good}, {"-d", "-d"},
                {"-i"}, {"-i", "a", "-i", "b"}, {"--", "-t"}, {"extra"}, {"-f", ""}, {"-tv"},
        };
        for (String[] args : others) {
            assertThat(new Main(System.out, System.err).parseCommon(args)).as(String.join(" ", args)).isFalse();
        }
        Outcome help = run(false, "-h");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: jkeepalived");
        Outcome unknown = run(false, "-x");
        assertThat(unknown).isEqualTo(run(true, "-x"));
        assertThat(unknown.err()).contains("Unknown option: '-x'");
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
}
