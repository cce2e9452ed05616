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
@Command(name = "jkeepalived", mixinStandardHelpOptions = false, sortOptions = false, abbreviateSynopsis = true,
        description = "A pure-Java drop-in replacement for keepalived.")
public final class Main implements Callable<Integer> {

    static final String VERSION = "jkeepalived 0.1.0 (keepalived 2.2.7 compatible)";
    /** keepalived's {@code -g} default. */
    static final String DEFAULT_LOG_FILE = "/tmp/keepalived.log";

    // keepalived 2.2.7's options, in the order of its --help. A second description line starting "jkeepalived:"
    // says how jkeepalived differs; CliDocs turns both into the man page and docs/cli.md.

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "Use the specified configuration file (default /etc/keepalived/keepalived.conf).")
    String configFile = "/etc/keepalived/keepalived.conf";

    @Option(names = {"-P", "--vrrp"}, description = "Only run with VRRP subsystem.")
    boolean vrrpOnly;

    @Option(names = {"-C", "--check"}, description = "Only run with Health-checker subsystem.")
    boolean checkOnly;

    @Option(names = {"-B", "--no_bfd"}, description = {"Don't run BFD subsystem.", "jkeepalived: there is no BFD subsystem yet; accepted, no effect."})
    boolean noBfd;

    @Option(names = {"--all"}, description = {"Force all child processes to run, even if have no configuration.",
            "jkeepalived: one process; subsystems start only when configured. Accepted, no effect."})
    boolean all;

    @Option(names = {"-l", "--log-console"}, description = {"Log messages to local console.",
            "jkeepalived: to stderr, in keepalived's format; without timestamps, with <N> priority prefixes, when stderr is the systemd journal."})
    boolean logConsole;

    @Option(names = {"-D", "--log-detail"}, description = "Detailed log messages.")
    boolean logDetail;

    @Option(names = {"-S", "--log-facility"}, paramLabel = "([0-7]|local[0-7]|user|daemon)",
            description = "Set syslog facility to LOG_LOCAL[0-7], user or daemon (default).")
    String logFacility;

    @Option(names = {"-g", "--log-file"}, arity = "0..1", fallbackValue = DEFAULT_LOG_FILE, paramLabel = "FILE",
            description = {"Also log to a file (default " + DEFAULT_LOG_FILE + ").",
                    "jkeepalived: one file for all subsystems (keepalived writes one per child process); always available (Debian's keepalived is built without it)."})
    String logFile;

    @Option(names = {"--flush-log-file"}, description = {"Flush the log file after each write.",
            "jkeepalived: the log file is always flushed after each line; accepted."})
    boolean flushLogFile;

    @Option(names = {"-G", "--no-syslog"}, description = "Don't log via syslog.")
    boolean noSyslog;

    @Option(names = {"-u", "--umask"}, paramLabel = "MASK", description = {"umask for file creation (in numeric form).",
            "jkeepalived: applied to the whole process (pid files, log file, FIFOs, dumps); without it the JVM keeps its umask and the dumps are created 0600 as keepalived's."})
    String umask;

    @Option(names = {"-X", "--release-vips"}, description = {"Drop VIP on transition from signal.",
            "jkeepalived: always its behaviour: an instance leaving MASTER removes all its VIPs, whether this run set them or not."})
    boolean releaseVips;

    @Option(names = {"-V", "--dont-release-vrrp"}, description = {"Don't remove VRRP VIPs and VROUTEs on daemon stop.",
            "jkeepalived: as keepalived: on stop no priority-0 advert; VIPs, virtual routes/rules and VMACs stay; a later start removes the VIPs."})
    boolean dontReleaseVrrp;

    @Option(names = {"-I", "--dont-release-ipvs"}, description = {"Don't remove IPVS topology on daemon stop.",
            "jkeepalived: as keepalived: the IPVS table is left as it is on stop (lvs_flush_on_stop too)."})
    boolean dontReleaseIpvs;

    @Option(names = {"-R", "--dont-respawn"}, description = {"Don't respawn child processes.",
            "jkeepalived: no child processes; a failed subsystem stops the daemon (exit 1) for systemd's Restart= to handle. Accepted, no effect."})
    boolean dontRespawn;

    @Option(names = {"-n", "--dont-fork"}, description = {"Don't fork the daemon process.",
            "jkeepalived: always runs in the foreground (systemd Type=notify); accepted."})
    boolean dontFork;

    @Option(names = {"-d", "--dump-conf"}, description = {"Dump the configuration data.",
            "jkeepalived: with -t, prints the parsed configuration in keepalived.conf syntax."})
    boolean dumpConf;

    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Use specified pidfile for parent process (default /run/keepalived.pid).")
    String pidFile = "/run/keepalived.pid";

    @Option(names = {"-r", "--vrrp_pid"}, paramLabel = "FILE", description = {"Use specified pidfile for VRRP child process (default /run/vrrp.pid).",
            "jkeepalived: holds the daemon's own pid, as all subsystems run in one process."})
    String vrrpPidFile = "/run/vrrp.pid";

    @Option(names = {"-T", "--genhash"}, description = {"Enter into genhash utility mode (this should be the first option used).",
            "jkeepalived: as keepalived, only as the first option (also: jkeepalived genhash ...)."})
    boolean genhash;

    @Option(names = {"-c", "--checkers_pid"}, paramLabel = "FILE", description = {"Use specified pidfile for checkers child process (default /run/checkers.pid).",
            "jkeepalived: holds the daemon's own pid, as all subsystems run in one process."})
    String checkersPidFile = "/run/checkers.pid";

    @Option(names = {"-a", "--address-monitoring"}, description = {"Report all address additions/deletions notified via netlink.",
            "jkeepalived: keepalived's lines of each running subsystem (VRRP: 'Netlink reflector reports IP A added to IF'; checkers: '... IP A added')."})
    boolean addressMonitoring;

    @Option(names = {"-b", "--bfd_pid"}, paramLabel = "FILE", description = {"Use specified pidfile for BFD child process (default /run/bfd.pid).",
            "jkeepalived: there is no BFD subsystem yet; accepted, no file is written."})
    String bfdPidFile = "/run/bfd.pid";

    @Option(names = {"-x", "--snmp"}, description = {"Enable SNMP subsystem.", "jkeepalived: no SNMP; accepted, logged at start, no effect."})
    boolean snmp;

    @Option(names = {"-A", "--snmp-agent-socket"}, paramLabel = "FILE", description = {"Use the specified socket for master agent.",
            "jkeepalived: no SNMP; accepted, no effect."})
    String snmpAgentSocket;

    @Option(names = {"-s", "--namespace"}, paramLabel = "NAME", description = {"Run in network namespace NAME (overrides config).",
            "jkeepalived: not supported: the daemon refuses to start (exit 1); run it under 'ip netns exec NAME' instead. Ignored by -t."})
    String namespace;

    @Option(names = {"-m", "--core-dump"}, description = {"Produce core dump if terminate abnormally.",
            "jkeepalived: the JVM writes hs_err_pid<N>.log on a crash; accepted, no effect."})
    boolean coreDump;

    @Option(names = {"-M", "--core-dump-pattern"}, arity = "0..1", fallbackValue = "core", paramLabel = "PATN",
            description = {"Also set /proc/sys/kernel/core_pattern to PATN (default 'core').",
                    "jkeepalived: accepted, no effect; core_pattern is left alone."})
    String coreDumpPattern;

    @Option(names = {"-e", "--all-config"}, description = "Error if any configuration file missing (same as includet).")
    boolean allConfig;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = {"Skip any configuration lines beginning '@' that don't match id",
            "or any lines beginning @^ that do match. The config-id defaults to the node name if option not used."})
    String configId;

    @Option(names = {"--signum"}, paramLabel = "SIGFUNC", description = "Return signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON.")
    String signum;

    @Option(names = {"-t", "--config-test"}, arity = "0..1", fallbackValue = "", paramLabel = "LOG_FILE",
            description = "Check the configuration for obvious errors, output to stderr by default.")
    String configTest;

    /** keepalived's internal option for its reload-time config check child; accepted so such command lines parse. */
    @Option(names = {"--config-fd"}, hidden = true, paramLabel = "N")
    String configFd;

    @Option(names = "--dry-run", description = "Print the IPVS changes the daemon would make instead of making them.")
    boolean dryRun;

    @Option(names = {"--metrics-address"}, paramLabel = "[HOST:]PORT", description = {
            "jkeepalived: serve /metrics (Prometheus), /status and /json over HTTP on this address "
                    + "(HOST defaults to 127.0.0.1; IPv6 as [ADDR]:PORT). Off by default."})
    String metricsAddress;

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
        if (args.length > 0 && (args[0].equals("genhash") || args[0].equals("-T") || args[0].equals("--genhash"))) {
            // keepalived's genhash mode (-T/--genhash must come first): its own getopt command line and messages;
            // logging as the daemon's (stderr, INFO), so netty's start-up DEBUG lines never reach stdout
            Logging.configure(new Logging.Options(true, false, false, io.jkeepalived.daemon.log.SyslogFacility.DAEMON, null, false));
            return io.jkeepalived.healthcheck.http.GenHash.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        Main main = new Main(out, err);
        main.commandLine = java.util.List.of(args);
        if (args.length > 0 && args[0].equals("reload")) {
            return ReloadCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
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
            cl.setOverwrittenOptionsAllowed(true); // getopt takes the last of repeated options, and so do we
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
                    // kill -s $(jkeepalived --signum=RELOAD) ... must not pay for picocli either
                    if (a.startsWith("--signum=") && signum == null && a.length() > "--signum=".length()) {
                        signum = a.substring("--signum=".length());
                    } else {
                        return false;
                    }
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
        if (signum != null) {
            return signum();
        }
        if (genhash) {
            return genhash();
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
        if (namespace != null) {
            err.println("jkeepalived: --namespace (-s) is not supported; run 'ip netns exec " + namespace
                    + " jkeepalived ...' instead");
            return 1;
        }
        try {
            // The daemon: logging is set up only here, so -t never loads it.
            Logging.Options logging = logOptions(); // reports a bad -u before it would apply
            DaemonOptions.applyUmask(this); // before the log file and the pid files are created, as keepalived
            Logging.configure(logging);
            DaemonOptions.logIgnored(this);
            return new Daemon(new Daemon.Options(configFile, configId, vrrpOnly, checkOnly,
                    java.nio.file.Path.of(pidFile), java.nio.file.Path.of(vrrpPidFile),
                    java.nio.file.Path.of(checkersPidFile), commandLine, dryRun, metricsAddress,
                    DaemonOptions.operatorOptions(this))).run();
        } catch (RuntimeException | Error e) {
            // a bug or a broken installation (a missing jar): one line, no stack trace
            err.println("jkeepalived: internal error: " + e + " - please report it");
            return 70;
        }
    }

    /** keepalived's {@code --signum}: the number to send for a function, on stdout. */
    private int signum() {
        Integer n = DaemonOptions.signalNumber(signum);
        if (n == null) {
            err.println("Unknown sigfunc " + signum);
            return 1;
        }
        out.println(n);
        return 0;
    }

    private int genhash() {
        err.println("jkeepalived: genhash mode (-T, --genhash) must be the first option");
        return 1;
    }

    /** The logging switches, with keepalived's complaints about bad values (which do not stop it). */
    Logging.Options logOptions() {
        io.jkeepalived.daemon.log.SyslogFacility facility = io.jkeepalived.daemon.log.SyslogFacility.DAEMON;
        if (logFacility != null) {
            io.jkeepalived.daemon.log.SyslogFacility parsed = io.jkeepalived.daemon.log.SyslogFacility.parse(logFacility);
            if (parsed == null) {
                err.println("Invalid log facility '" + logFacility + "'");
            } else {
                facility = parsed;
            }
        }
        if (umask != null && DaemonOptions.parseUmask(umask) < 0) {
            err.print("Invalid --umask option " + umask); // keepalived's message, without a newline
            err.println();
        }
        String journal = System.getenv("JOURNAL_STREAM");
        return new Logging.Options(logConsole, logDetail, !noSyslog, facility, logFile, journal != null && !journal.isEmpty());
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
                    new LiveSystemInfo(), d -> diag.println(d.format()), allConfig));
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
