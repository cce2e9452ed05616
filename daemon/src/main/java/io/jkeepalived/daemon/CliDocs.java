package io.jkeepalived.daemon;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates, from {@link Main}'s picocli model, the man page {@code jkeepalived.8}, the bash completion script and
 * the option table {@code docs/cli.md}, so that {@code --help}, the man page and the docs cannot drift apart. The
 * build runs it (packaging/pom.xml); a test checks that the committed docs/cli.md is what it generates.
 *
 * <p>The man page is written as troff directly: picocli-codegen's generator emits AsciiDoc, which would need
 * asciidoctor at build time for nothing more than this one page.
 */
public final class CliDocs {
    private static final String NOTE = "jkeepalived:";

    private CliDocs() {
    }

    /** {@code CliDocs OUTDIR}: writes OUTDIR/jkeepalived.8, OUTDIR/jkeepalived.bash and OUTDIR/cli.md. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CliDocs OUTDIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("jkeepalived.8"), manPage(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("jkeepalived.bash"), bashCompletion(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("cli.md"), markdown(), StandardCharsets.UTF_8);
    }

    static CommandSpec spec() {
        return new CommandLine(new Main(new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream())))
                .getCommandSpec();
    }

    static List<OptionSpec> options() {
        List<OptionSpec> list = new ArrayList<>();
        for (OptionSpec o : spec().options()) {
            if (!o.hidden()) {
                list.add(o);
            }
        }
        return list;
    }

    /** keepalived's text of an option (the description lines before the "jkeepalived:" note). */
    static String keepalivedText(OptionSpec o) {
        StringBuilder b = new StringBuilder();
        for (String line : o.description()) {
            if (line.startsWith(NOTE)) {
                break;
            }
            b.append(b.length() > 0 ? " " : "").append(line);
        }
        return b.toString();
    }

    /** The "jkeepalived:" note, without its prefix; empty when the option means exactly what it means to keepalived. */
    static String note(OptionSpec o) {
        for (String line : o.description()) {
            if (line.startsWith(NOTE)) {
                return line.substring(NOTE.length()).trim();
            }
        }
        return "";
    }

    /** {@code -f, --use-file=FILE} or {@code -t, --config-test[=LOG_FILE]}. */
    static String synopsis(OptionSpec o) {
        StringBuilder b = new StringBuilder(String.join(", ", o.names()));
        if (o.arity().max() > 0) {
            String label = o.paramLabel();
            b.append(o.arity().min() == 0 ? "[=" + label + "]" : "=" + label);
        }
        return b.toString();
    }

    static String bashCompletion() {
        return AutoComplete.bash("jkeepalived", new CommandLine(new Main(new PrintStream(PrintStream.nullOutputStream()),
                new PrintStream(PrintStream.nullOutputStream()))));
    }

    static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# jkeepalived command line\n\n");
        b.append("Generated from the picocli model by `io.jkeepalived.daemon.CliDocs` (the build also makes the man page\n");
        b.append("`jkeepalived.8` and the bash completion from it); `CliDocsTest` fails when this file is out of date.\n");
        b.append("Regenerate with `./mvnw -o -q -pl packaging -am package -DskipTests && cp packaging/target/generated/cli.md docs/`.\n\n");
        b.append("Every option of keepalived 2.2.7's `keepalived --help` is accepted. Options that make no sense for one JVM\n");
        b.append("(child processes, their pid files, respawning, core dumps) are accepted and have no effect, so an existing\n");
        b.append("`DAEMON_ARGS` in /etc/default/keepalived keeps working; those that would change behaviour and are not\n");
        b.append("honoured yet are named in a log line at start.\n\n");
        b.append("| Option | keepalived 2.2.7 | jkeepalived |\n|---|---|---|\n");
        for (OptionSpec o : options()) {
            String note = note(o);
            b.append("| `").append(synopsis(o)).append("` | ").append(md(keepalivedText(o))).append(" | ")
                    .append(note.isEmpty() ? "same" : md(note)).append(" |\n");
        }
        b.append("\nNot accepted (not in Debian's keepalived 2.2.7 build either, which answers `Unknown option`): `--ignore-sigint`,\n");
        b.append("`--perf`, `--debug`, `--no-mem-check`, `--mem-check-log`, `--openssl-mem-check`. `--config-fd` (keepalived's\n");
        b.append("internal option) is accepted and ignored.\n\n");
        b.append("Differences in parsing: like getopt, a repeated option takes its last value; unlike getopt, `-t FILE`,\n");
        b.append("`-g FILE` and `-M PATN` take a separate word as their optional value (getopt only takes `-tFILE`), and an\n");
        b.append("unknown option or extra word is an error (exit 2) where keepalived prints a complaint and carries on.\n");
        return b.toString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;");
    }

    static String manPage() {
        StringBuilder b = new StringBuilder();
        b.append(".\\\" Generated by io.jkeepalived.daemon.CliDocs from the picocli model; do not edit.\n");
        b.append(".TH JKEEPALIVED 8 \"\" \"").append(roff(Main.VERSION)).append("\" \"System Manager's Manual\"\n");
        b.append(".SH NAME\njkeepalived \\- a pure-Java drop-in replacement for keepalived (VRRP, IPVS and health checks)\n");
        b.append(".SH SYNOPSIS\n.B jkeepalived\n");
        for (OptionSpec o : options()) {
            b.append("[\\fB").append(roff(o.names()[0])).append("\\fR");
            if (o.arity().max() > 0) {
                b.append(o.arity().min() == 0 ? "[=\\fI" + roff(o.paramLabel()) + "\\fR]" : " \\fI" + roff(o.paramLabel()) + "\\fR");
            }
            b.append("]\n");
        }
        b.append(".SH DESCRIPTION\n");
        b.append("\\fBjkeepalived\\fR reads keepalived's configuration (\\fIkeepalived.conf\\fR(5)) unchanged and takes\n");
        b.append("keepalived 2.2.7's command line. It runs keepalived's processes (the parent, the VRRP child and the\n");
        b.append("checkers child) as subsystems of one Java virtual machine, in the foreground.\n");
        b.append(".PP\n\\fBjkeepalived \\-t\\fR checks a configuration as \\fBkeepalived \\-t\\fR does: the same messages and\n");
        b.append("exit status (0 valid, 1 to 6 errors, as keepalived).\n");
        b.append(".SH OPTIONS\n");
        for (OptionSpec o : options()) {
            b.append(".TP\n.B ").append(roff(synopsis(o))).append('\n');
            b.append(roff(keepalivedText(o))).append('\n');
            String note = note(o);
            if (!note.isEmpty()) {
                b.append(".br\n\\fIjkeepalived:\\fR ").append(roff(note)).append('\n');
            }
        }
        b.append(".SH SIGNALS\n");
        b.append(".TP\n.B SIGTERM, SIGINT\nStop: VRRP instances send priority 0 and their addresses are removed.\n");
        b.append(".TP\n.B SIGHUP\nReload the configuration (systemd: \\fBsystemctl reload jkeepalived\\fR).\n");
        b.append(".PP\n\\fB\\-\\-signum\\fR prints the number of the signal for a function, as keepalived does.\n");
        b.append(".SH LOGGING\n");
        b.append("Unless \\fB\\-G\\fR is given, messages go to syslog through \\fI/dev/log\\fR under keepalived's idents:\n");
        b.append("\\fBKeepalived\\fR, \\fBKeepalived_vrrp\\fR and \\fBKeepalived_healthcheckers\\fR, with the facility of\n");
        b.append("\\fB\\-S\\fR (default daemon). When syslog cannot be reached and \\fB\\-l\\fR is not given, messages go to\n");
        b.append("standard error instead. \\fB\\-l\\fR logs to standard error in keepalived's console format; when\n");
        b.append("\\fBJOURNAL_STREAM\\fR is set (standard error is the systemd journal) without timestamps and with\n");
        b.append("\\fB<N>\\fR priority prefixes. \\fB\\-g\\fR adds a log file.\n");
        b.append(".SH SYSTEMD\n");
        b.append("The unit \\fBjkeepalived.service\\fR is \\fBType=notify\\fR: the daemon sends READY=1 when the\n");
        b.append("configuration is applied, RELOADING=1 around a reload and STOPPING=1 on stop, to \\fB$NOTIFY_SOCKET\\fR.\n");
        b.append("It reads \\fBDAEMON_ARGS\\fR from \\fI/etc/default/keepalived\\fR, as Debian's keepalived.service does.\n");
        b.append(".SH FILES\n");
        b.append(".TP\n.I /etc/keepalived/keepalived.conf\nThe configuration.\n");
        b.append(".TP\n.I /etc/default/keepalived\nDAEMON_ARGS for the systemd unit.\n");
        b.append(".TP\n.I /run/keepalived.pid, /run/vrrp.pid, /run/checkers.pid\n");
        b.append("Pid files (all hold the one process's pid); a second daemon on the same files does not start.\n");
        b.append(".SH ENVIRONMENT\n");
        b.append(".TP\n.B JAVA_HOME, JAVA\nThe Java runtime (17 or later) the launcher runs.\n");
        b.append(".TP\n.B JKEEPALIVED_JAVA_OPTS\nExtra JVM options.\n");
        b.append(".TP\n.B JKEEPALIVED_GC\nThe daemon's garbage collector option (default \\-XX:+UseZGC).\n");
        b.append(".SH EXIT STATUS\n0 success (and \"daemon is already running\"), 1 fatal error, 2 to 6 configuration errors as keepalived,\n");
        b.append("70 an internal error.\n");
        b.append(".SH SEE ALSO\n.BR keepalived (8),\n.BR keepalived.conf (5),\n.BR systemd.service (5)\n");
        return b.toString();
    }

    /** Escapes text for troff: backslashes, and dashes as \- so that they stay ASCII hyphens for copy and search. */
    static String roff(String s) {
        String r = s.replace("\\", "\\e").replace("-", "\\-");
        // a line starting with . or ' would be a request
        if (r.startsWith(".") || r.startsWith("'")) {
            r = "\\&" + r;
        }
        return r;
    }
}
