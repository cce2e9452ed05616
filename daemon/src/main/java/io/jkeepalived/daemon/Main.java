package io.jkeepalived.daemon;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.ConfigWriter;
import io.jkeepalived.conf.LiveSystemInfo;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.parser.Diagnostic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The {@code jkeepalived} command. Options carry keepalived's names and meanings.
 */
@Command(name = "jkeepalived", mixinStandardHelpOptions = false, sortOptions = false,
        description = "A pure-Java drop-in replacement for keepalived.")
public final class Main implements Callable<Integer> {

    static final String VERSION = "jkeepalived 0.1.0 (keepalived 2.2.7 compatible)";

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "Use the specified configuration file (default /etc/keepalived/keepalived.conf).")
    String configFile = "/etc/keepalived/keepalived.conf";

    @Option(names = {"-t", "--config-test"}, arity = "0..1", fallbackValue = "", paramLabel = "LOGFILE",
            description = "Check the configuration for obvious errors; output to stderr, or to LOGFILE.")
    String configTest;

    @Option(names = {"-d", "--dump-conf"}, description = "Dump the configuration data.")
    boolean dumpConf;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Skip any configuration lines beginning '@' that don't match ID (default: the host name up to the first '.').")
    String configId;

    @Option(names = {"-n", "--dont-fork"}, description = "Don't fork the daemon process (jkeepalived always runs in the foreground).")
    boolean dontFork;

    @Option(names = {"-l", "--log-console"}, description = "Log messages to the local console.")
    boolean logConsole;

    @Option(names = {"-D", "--log-detail"}, description = "Detailed log messages.")
    boolean logDetail;

    @Option(names = {"-G", "--no-syslog"}, description = "Don't log via syslog.")
    boolean noSyslog;

    @Option(names = {"-S", "--log-facility"}, paramLabel = "FACILITY", description = "Set syslog facility to LOG_LOCAL[0-7] or daemon/user (default daemon).")
    String logFacility;

    @Option(names = {"-P", "--vrrp"}, description = "Only run with VRRP subsystem.")
    boolean vrrpOnly;

    @Option(names = {"-C", "--check"}, description = "Only run with Health-checker subsystem.")
    boolean checkOnly;

    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Use specified pidfile for parent process (default /run/keepalived.pid).")
    String pidFile = "/run/keepalived.pid";

    @Option(names = {"-r", "--vrrp_pid"}, paramLabel = "FILE", description = "Use specified pidfile for VRRP child process (default /run/vrrp.pid).")
    String vrrpPidFile = "/run/vrrp.pid";

    @Option(names = {"-c", "--checkers_pid"}, paramLabel = "FILE", description = "Use specified pidfile for checkers child process (default /run/checkers.pid).")
    String checkersPidFile = "/run/checkers.pid";

    @Option(names = "--dry-run", description = "Print the IPVS changes the daemon would make instead of making them.")
    boolean dryRun;

    @Option(names = {"-v", "--version"}, description = "Display the version number.")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help message.")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;
    private java.util.List<String> commandLine = java.util.List.of();

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. Never throws for bad input. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Main main = new Main(out, err);
        main.commandLine = java.util.List.of(args);
        if (args.length > 0 && args[0].equals("ipvs")) {
            return io.jkeepalived.daemon.check.IpvsCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (main.parseCommon(args)) {
            // The common command lines (-t, -f FILE, -i ID, -d, -v) are parsed here: picocli is compiled
            // for Java 5, so its classes can be neither archived (CDS) nor quickly verified, and loading
            // and reflecting over it costs more than a whole config test of a small file.
            try {
                return main.call();
            } catch (RuntimeException e) {
                return internalError(err, e);
            }
        }
        return runPicocli(args, out, err);
    }

    /** The command as picocli parses it, whatever the arguments (the tests compare it with {@link #run}). */
    static int runPicocli(String[] args, PrintStream out, PrintStream err) {
        Main main = new Main(out, err);
        main.commandLine = java.util.List.of(args);
        return Picocli.run(main, args, out, err);
    }

    private static int internalError(PrintStream err, Exception ex) {
        err.println("jkeepalived: internal error: " + ex);
        return 70;
    }

    /** Everything else (help, errors, attached values, argument files) is picocli's, with its messages. */
    private static final class Picocli {
        static int run(Main main, String[] args, PrintStream out, PrintStream err) {
            CommandLine cl = new CommandLine(main);
            cl.setOut(new java.io.PrintWriter(out, true));
            cl.setErr(new java.io.PrintWriter(err, true));
            cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> internalError(err, ex));
            return cl.execute(args);
        }
    }

    /**
     * Sets the options from {@code args} when they are all in a form whose meaning is plain: each option
     * once, as a separate word, with a value that does not look like an option. Returns false, having
     * set nothing that matters, for anything picocli has to decide ({@code -t LOGFILE}, {@code -fFILE},
     * {@code --use-file=FILE}, {@code @argfile}, repeated or unknown options, positional words).
     */
    boolean parseCommon(String[] args) {
        boolean seenF = false;
        boolean seenI = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String next = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "-t", "--config-test" -> {
                    if (configTest != null || (next != null && !next.startsWith("-"))) {
                        return false;
                    }
                    configTest = "";
                }
                case "-f", "--use-file" -> {
                    if (seenF || !plainValue(next)) {
                        return false;
                    }
                    seenF = true;
                    configFile = next;
                    i++;
                }
                case "-i", "--config-id" -> {
                    if (seenI || !plainValue(next)) {
                        return false;
                    }
                    seenI = true;
                    configId = next;
                    i++;
                }
                case "-d", "--dump-conf" -> {
                    if (dumpConf) {
                        return false;
                    }
                    dumpConf = true;
                }
                case "-v", "--version" -> {
                    if (version) {
                        return false;
                    }
                    version = true;
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean plainValue(String v) {
        return v != null && !v.isEmpty() && !v.startsWith("-") && !v.startsWith("@");
    }

    @Override
    public Integer call() {
        if (version) {
            out.println(VERSION);
            return 0;
        }
        if (configTest != null) {
            try {
                return configTest();
            } catch (RuntimeException | Error e) {
                // a bug of ours, never the operator's input: say so in one line, no stack trace
                err.println("jkeepalived: internal error while checking the configuration: " + e
                        + " - please report it with the configuration that caused it");
                return 70;
            }
        }
        try {
            // The daemon: logging is set up only here, so -t never loads it.
            Logging.configure(logDetail);
            return new Daemon(new Daemon.Options(configFile, configId, vrrpOnly, checkOnly,
                    java.nio.file.Path.of(pidFile), java.nio.file.Path.of(vrrpPidFile),
                    java.nio.file.Path.of(checkersPidFile), commandLine, dryRun)).run();
        } catch (RuntimeException | Error e) {
            // a bug or a broken installation (a missing jar): one line, no stack trace
            err.println("jkeepalived: internal error: " + e + " - please report it");
            return 70;
        }
    }

    private int configTest() {
        OutputStream target = err;
        FileOutputStream logFile = null;
        if (!configTest.isEmpty()) {
            try {
                logFile = new FileOutputStream(configTest);
                target = logFile;
            } catch (IOException e) {
                err.println("Unable to open config test log file " + configTest + ": " + e.getMessage());
                return 4;
            }
        }
        // Config text is bytes; ISO-8859-1 echoes them back unchanged.
        PrintStream diag = new PrintStream(target, true, StandardCharsets.ISO_8859_1);
        try {
            LoadResult result = ConfigLoader.load(new ConfigLoader.Options(configFile, configId, true,
                    new LiveSystemInfo(), d -> diag.println(d.format())));
            if (dumpConf && result.config() != null) {
                out.print(ConfigWriter.write(result.config()));
            }
            return result.exitCode();
        } finally {
            diag.flush();
            if (logFile != null) {
                try {
                    logFile.close();
                } catch (IOException ignored) {
                    // nothing useful to do: the exit code already says what happened
                }
            }
        }
    }

    static String render(Diagnostic d) {
        return d.format();
    }
}
