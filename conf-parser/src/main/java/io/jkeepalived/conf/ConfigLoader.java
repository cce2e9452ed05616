package io.jkeepalived.conf;

import io.jkeepalived.conf.check.CheckKeywords;
import io.jkeepalived.conf.check.CheckConfigBuilder;
import io.jkeepalived.conf.global.BfdConfigBuilder;
import io.jkeepalived.conf.global.BfdKeywords;
import io.jkeepalived.conf.global.GlobalKeywords;
import io.jkeepalived.conf.parser.ConfigCopy;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ConfigReader;
import io.jkeepalived.conf.parser.Diagnostic;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.MissingParameterException;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.StreamProcessor;
import io.jkeepalived.conf.parser.SystemInfo;
import io.jkeepalived.conf.track.TrackFileKeywords;
import io.jkeepalived.conf.vrrp.VrrpConfigBuilder;
import io.jkeepalived.conf.vrrp.VrrpKeywords;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads a keepalived.conf the way keepalived 2.2.7 does under {@code -t}: the parent's pass, then the
 * checker, VRRP and BFD passes, each with its own keyword tables, each followed by its validation.
 */
public final class ConfigLoader {

    /** What to read and how. */
    /**
     * @param allConfig keepalived's {@code -e/--all-config}: every include is checked as {@code includet} (a missing
     *                  file or an unmatched pattern is an error)
     */
    public record Options(String configFile, String configId, boolean configTest, SystemInfo system,
                          Consumer<Diagnostic> sink, boolean allConfig) {
        public Options {
            if (sink == null) {
                sink = d -> { };
            }
        }

        public Options(String configFile, String configId, boolean configTest, SystemInfo system,
                       Consumer<Diagnostic> sink) {
            this(configFile, configId, configTest, system, sink, false);
        }
    }

    private static final KeywordFamily GLOBAL = new GlobalKeywords();
    private static final KeywordFamily VRRP = new VrrpKeywords();
    private static final KeywordFamily CHECK = new CheckKeywords();
    private static final KeywordFamily BFD = new BfdKeywords();
    private static final KeywordFamily TRACK = new TrackFileKeywords();

    private ConfigLoader() {
    }

    public static LoadResult load(Options opts) {
        Diagnostics diag = new Diagnostics();
        diag.setSink(opts.sink());
        ConfigBuilder b = new ConfigBuilder();
        String configId = opts.configId();
        if (configId == null) {
            String host = opts.system().hostname();
            int dot = host.indexOf('.');
            configId = dot >= 0 ? host.substring(0, dot) : host;
        }
        try {
            if (!ConfigFiles.checkMainFile(opts.configFile(), diag)) {
                // keepalived 2.2.7 exits 0 here; a missing configuration is a fatal error for us.
                return new LoadResult(null, diag.all(), ConfigError.FILE_NOT_FOUND.configTestExitCode());
            }
            ConfigCopy copy = new ConfigCopy();
            runPhase(Phase.PARENT, opts, configId, diag, b, copy);
            if (copy.hadFileError()) {
                // keepalived does not start its children when an include failed (KEEPALIVED_EXIT_NO_CONFIG)
                return new LoadResult(null, diag.all(), EXIT_NO_CONFIG);
            }
            runChildren(opts, configId, diag, b, copy);
        } catch (MissingParameterException e) {
            return new LoadResult(null, diag.all(), MissingParameterException.EXIT_CODE);
        }
        return new LoadResult(b.build(), diag.all(), diag.worst().configTestExitCode());
    }

    /**
     * The checker, VRRP and BFD processes read the parent's copy independently, as keepalived's children
     * do, so they run in parallel; their diagnostics are reported in keepalived's order afterwards. A
     * missing parameter ends the test in the phase where it happens, as keepalived exits there.
     */
    private static void runChildren(Options opts, String configId, Diagnostics diag, ConfigBuilder b, ConfigCopy copy) {
        Phase[] children = {Phase.CHECKER, Phase.VRRP, Phase.BFD};
        b.check = new CheckConfigBuilder();
        b.vrrp = new VrrpConfigBuilder();
        b.bfd = new BfdConfigBuilder();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(children.length,
                Math.max(1, Runtime.getRuntime().availableProcessors())), r -> {
                    Thread t = new Thread(r, "config-phase");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<Diagnostics>> results = new ArrayList<>();
            for (Phase phase : children) {
                results.add(pool.submit(() -> {
                    Diagnostics own = new Diagnostics();
                    try {
                        runPhase(phase, opts, configId, own, b, copy);
                    } catch (MissingParameterException e) {
                        own.markAborted();
                    }
                    return own;
                }));
            }
            java.util.Set<String> once = new java.util.HashSet<>();
            for (Future<Diagnostics> f : results) {
                Diagnostics own = f.get();
                diag.absorb(own, d -> io.jkeepalived.conf.script.DefaultScriptUser.reportedOncePerLoad(d.message())
                        && !once.add(d.message()));
                if (own.aborted()) {
                    throw new MissingParameterException("missing parameter");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the configuration", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** keepalived's KEEPALIVED_EXIT_NO_CONFIG. */
    private static final int EXIT_NO_CONFIG = 6;

    private static final boolean TIMING = Boolean.getBoolean("jk.timing");

    private static void runPhase(Phase phase, Options opts, String configId, Diagnostics diag, ConfigBuilder b,
                                 ConfigCopy copy) {
        long start = System.nanoTime();
        try {
            runPhaseTimed(phase, opts, configId, diag, b, copy);
        } finally {
            if (TIMING) {
                System.err.printf("jk.timing %s %.1f ms%n", phase, (System.nanoTime() - start) / 1e6);
            }
        }
    }

    private static void runPhaseTimed(Phase phase, Options opts, String configId, Diagnostics diag, ConfigBuilder b,
                                      ConfigCopy copy) {
        long installStart = System.nanoTime();
        ParseContext ctx = new ParseContext(diag, opts.system(), configId, opts.configTest());
        KeywordTable root = new KeywordTable();
        // Registration order per process as keepalived's *_init_keywords(): it decides which of two
        // same-named keywords wins and the order of the checks at the end.
        switch (phase) {
            case PARENT:
                GLOBAL.install(root, true, ctx, b);
                VRRP.install(root, false, ctx, b);
                CHECK.install(root, false, ctx, b);
                BFD.install(root, false, ctx, b);
                TRACK.install(root, false, ctx, b);
                break;
            case CHECKER:
                GLOBAL.install(root, false, ctx, b);
                CHECK.install(root, true, ctx, b);
                VRRP.install(root, false, ctx, b);
                BFD.install(root, true, ctx, b);
                TRACK.install(root, true, ctx, b);
                break;
            case VRRP:
                GLOBAL.install(root, false, ctx, b);
                VRRP.install(root, true, ctx, b);
                CHECK.install(root, false, ctx, b);
                BFD.install(root, true, ctx, b);
                TRACK.install(root, true, ctx, b);
                break;
            case BFD:
                GLOBAL.install(root, false, ctx, b);
                BFD.install(root, true, ctx, b);
                CHECK.install(root, false, ctx, b);
                VRRP.install(root, false, ctx, b);
                TRACK.install(root, false, ctx, b);
                break;
            default:
                throw new IllegalStateException(phase.name());
        }
        long instEnd = System.nanoTime();
        ConfigReader reader;
        try {
            reader = phase == Phase.PARENT ? ConfigReader.parent(opts.configFile(), diag, configId, copy, opts.allConfig())
                    : ConfigReader.child(opts.configFile(), diag, configId, copy);
        } catch (IOException e) {
            diag.report(ConfigError.FILE_NOT_FOUND, "Unable to read configuration file %s", opts.configFile());
            return;
        }
        if (TIMING) {
            // the keyword tables (the schema's first use in the parent) apart from opening the file
            System.err.println("jk.timing " + phase + " install " + (instEnd - installStart) / 1_000_000
                    + " ms, open " + (System.nanoTime() - instEnd) / 1_000_000 + " ms");
        }
        StreamProcessor processor = new StreamProcessor(reader, diag);
        ctx.attach(processor);
        diag.setLocationSupplier(reader::location);
        long readStart = TIMING ? System.nanoTime() : 0;
        try {
            processor.run(root);
        } finally {
            diag.setLocationSupplier(null);
        }
        if (TIMING) {
            // reading the lines (and running the handlers) apart from the validation that follows
            System.err.println("jk.timing " + phase + " read " + (System.nanoTime() - readStart) / 1_000_000 + " ms");
        }
        long validateStart = TIMING ? System.nanoTime() : 0;
        validate(phase, ctx, b);
        if (TIMING) {
            System.err.println("jk.timing " + phase + " validate " + (System.nanoTime() - validateStart) / 1_000_000 + " ms");
        }
    }

    private static void validate(Phase phase, ParseContext ctx, ConfigBuilder b) {
        switch (phase) {
            case PARENT:
                GLOBAL.validate(phase, ctx, b);
                break;
            case CHECKER:
                CHECK.validate(phase, ctx, b);
                break;
            case VRRP:
                VRRP.validate(phase, ctx, b);
                break;
            case BFD:
                BFD.validate(phase, ctx, b);
                break;
            default:
                break;
        }
    }
}
