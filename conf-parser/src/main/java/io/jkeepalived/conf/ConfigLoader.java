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
import java.util.function.Consumer;

/**
 * Reads a keepalived.conf the way keepalived 2.2.7 does under {@code -t}: the parent's pass, then the
 * checker, VRRP and BFD passes, each with its own keyword tables, each followed by its validation.
 */
public final class ConfigLoader {

    /** What to read and how. */
    public record Options(String configFile, String configId, boolean configTest, SystemInfo system,
                          Consumer<Diagnostic> sink) {
        public Options {
            if (sink == null) {
                sink = d -> { };
            }
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
            for (Phase phase : Phase.values()) {
                runPhase(phase, opts, configId, diag, b, copy);
                if (phase == Phase.PARENT && copy.hadFileError()) {
                    // keepalived does not start its children when an include failed (KEEPALIVED_EXIT_NO_CONFIG)
                    return new LoadResult(null, diag.all(), EXIT_NO_CONFIG);
                }
            }
        } catch (MissingParameterException e) {
            return new LoadResult(null, diag.all(), MissingParameterException.EXIT_CODE);
        }
        return new LoadResult(b.build(), diag.all(), diag.worst().configTestExitCode());
    }

    /** keepalived's KEEPALIVED_EXIT_NO_CONFIG. */
    private static final int EXIT_NO_CONFIG = 6;

    private static void runPhase(Phase phase, Options opts, String configId, Diagnostics diag, ConfigBuilder b,
                                 ConfigCopy copy) {
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
                b.check = new CheckConfigBuilder();
                b.bfd = new BfdConfigBuilder();
                GLOBAL.install(root, false, ctx, b);
                CHECK.install(root, true, ctx, b);
                VRRP.install(root, false, ctx, b);
                BFD.install(root, true, ctx, b);
                TRACK.install(root, true, ctx, b);
                break;
            case VRRP:
                b.vrrp = new VrrpConfigBuilder();
                b.bfd = new BfdConfigBuilder();
                GLOBAL.install(root, false, ctx, b);
                VRRP.install(root, true, ctx, b);
                CHECK.install(root, false, ctx, b);
                BFD.install(root, true, ctx, b);
                TRACK.install(root, true, ctx, b);
                break;
            case BFD:
                b.bfd = new BfdConfigBuilder();
                GLOBAL.install(root, false, ctx, b);
                BFD.install(root, true, ctx, b);
                CHECK.install(root, false, ctx, b);
                VRRP.install(root, false, ctx, b);
                TRACK.install(root, false, ctx, b);
                break;
            default:
                throw new IllegalStateException(phase.name());
        }
        ConfigReader reader;
        try {
            reader = phase == Phase.PARENT ? ConfigReader.parent(opts.configFile(), diag, configId, copy)
                    : ConfigReader.child(opts.configFile(), diag, configId, copy);
        } catch (IOException e) {
            diag.report(ConfigError.FILE_NOT_FOUND, "Unable to read configuration file %s", opts.configFile());
            return;
        }
        StreamProcessor processor = new StreamProcessor(reader, diag);
        ctx.attach(processor);
        diag.setLocationSupplier(reader::location);
        try {
            processor.run(root);
        } finally {
            diag.setLocationSupplier(null);
        }
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
