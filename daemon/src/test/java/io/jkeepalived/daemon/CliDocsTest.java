package io.jkeepalived.daemon;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The CLI against keepalived 2.2.7's, and the generated docs against the model. */
class CliDocsTest {
    private static final Path ROOT = Path.of(System.getProperty("jk.projectRoot", ".."));

    /** keepalived 2.2.7's options (Debian's `keepalived --help`, plus -g/--flush-log-file of --enable-log-file builds). */
    static final List<String> KEEPALIVED_OPTIONS = List.of(
            "-f", "--use-file", "-P", "--vrrp", "-C", "--check", "-B", "--no_bfd", "--all", "-l", "--log-console",
            "-D", "--log-detail", "-S", "--log-facility", "-g", "--log-file", "--flush-log-file", "-G", "--no-syslog",
            "-u", "--umask", "-X", "--release-vips", "-V", "--dont-release-vrrp", "-I", "--dont-release-ipvs",
            "-R", "--dont-respawn", "-n", "--dont-fork", "-d", "--dump-conf", "-p", "--pid", "-r", "--vrrp_pid",
            "-T", "--genhash", "-c", "--checkers_pid", "-a", "--address-monitoring", "-b", "--bfd_pid", "-x", "--snmp",
            "-A", "--snmp-agent-socket", "-s", "--namespace", "-m", "--core-dump", "-M", "--core-dump-pattern",
            "-e", "--all-config", "-i", "--config-id", "--signum", "-t", "--config-test", "-v", "--version", "-h", "--help");

    private static List<String> modelNames() {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : CliDocs.spec().options()) {
            names.addAll(List.of(o.names()));
        }
        return names;
    }

    @Test
    void everyKeepalivedOptionIsInTheModel() {
        assertThat(modelNames()).containsAll(KEEPALIVED_OPTIONS);
    }

    @Test
    void everyOptionOfTheInstalledKeepalivedHelpIsInTheModel() throws Exception {
        Path keepalived = Path.of("/usr/sbin/keepalived");
        assumeThat(Files.isExecutable(keepalived)).as("keepalived is not installed").isTrue();
        Process p = new ProcessBuilder(keepalived.toString(), "--help").redirectErrorStream(true).start();
        String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Matcher m = Pattern.compile("(?m)^\\s+(?:(-\\w), )?(--[\\w-]+)").matcher(help);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            if (m.group(1) != null) {
                seen.add(m.group(1));
            }
            seen.add(m.group(2));
        }
        assertThat(seen).hasSizeGreaterThan(50);
        assertThat(modelNames()).containsAll(seen);
    }

    @Test
    void everyOptionParsesWithItsValue() {
        for (OptionSpec o : CliDocs.spec().options()) {
            if (o.usageHelp()) {
                continue;
            }
            String[] args = o.arity().min() > 0 ? new String[] {o.longestName(), "x"} : new String[] {o.longestName()};
            Main m = new Main(System.out, System.err);
            new CommandLine(m).parseArgs(args); // throws on anything picocli rejects
        }
    }

    @Test
    void committedOptionTableIsUpToDate() throws Exception {
        Path committed = ROOT.resolve("docs/cli.md");
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("docs/cli.md is generated: see its header to regenerate it").isEqualTo(CliDocs.markdown());
    }

    @Test
    void manPageAndCompletionNameEveryOption() {
        String man = CliDocs.manPage();
        String bash = CliDocs.bashCompletion();
        assertThat(man).startsWith(".\\\" Generated").contains(".TH JKEEPALIVED 8").contains(".SH OPTIONS");
        for (OptionSpec o : CliDocs.options()) {
            for (String name : o.names()) {
                assertThat(man).as(name).contains(CliDocs.roff(name));
                assertThat(bash).as(name).contains(name);
            }
        }
        assertThat(bash).contains("complete -F").contains("jkeepalived");
        // troff: no line may start with a request character by accident
        for (String line : man.split("\n")) {
            if (line.startsWith(".") || line.startsWith("'")) {
                assertThat(line).matches("^\\.(\\\\\"|TH|SH|TP|B|I|BR|PP|br) ?.*");
            }
        }
    }
}
