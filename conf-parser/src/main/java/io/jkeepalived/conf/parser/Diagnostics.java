package io.jkeepalived.conf.parser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Collects diagnostics the way keepalived's {@code report_config_error()} does: each is stamped with the
 * reader's current position, and the worst severity decides the {@code -t} exit code.
 */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();
    private Supplier<Location> location = () -> Location.NONE;
    private ConfigError worst = ConfigError.OK;
    private Consumer<Diagnostic> sink = d -> { };
    private boolean aborted;

    /** Where the reader currently is; set by the phase while a file is being read, reset afterwards. */
    public void setLocationSupplier(Supplier<Location> location) {
        this.location = location == null ? () -> Location.NONE : location;
    }

    /** Receives every diagnostic as it is reported (the CLI prints them as they come). */
    public void setSink(Consumer<Diagnostic> sink) {
        this.sink = sink == null ? d -> { } : sink;
    }

    /** keepalived's {@code report_config_error(err, fmt, ...)}. */
    public void report(ConfigError err, String format, Object... args) {
        Location at = location.get();
        String msg = args.length == 0 ? format : String.format(format, args);
        if (err != ConfigError.OK && (worst == ConfigError.OK || worst.compareTo(err) < 0)) {
            worst = err;
        }
        add(new Diagnostic(err, at.displayFile(), at.line(), msg, false));
    }

    /** A log line without a config error class ({@code log_message}); shown by -t but never counted. */
    public void log(String format, Object... args) {
        String msg = args.length == 0 ? format : String.format(format, args);
        add(new Diagnostic(null, null, 0, msg, false));
    }

    /**
     * jkeepalived's own category: the keyword is parsed and validated, but what it does is not built yet.
     * Printed so nothing is dropped silently; it changes neither the exit code nor the differential set.
     */
    public void notImplemented(String keyword, String what) {
        Location at = location.get();
        add(new Diagnostic(ConfigError.OK, at.displayFile(), at.line(),
                "NOTICE: '" + keyword + "' is accepted, but jkeepalived does not implement " + what + " yet", true));
    }

    private void add(Diagnostic d) {
        all.add(d);
        sink.accept(d);
    }

    /** Takes over another phase's diagnostics, in order, as if they had been reported here. */
    public void absorb(Diagnostics other) {
        absorb(other, d -> false);
    }

    /** {@link #absorb(Diagnostics)} leaving out what {@code drop} says (a line keepalived prints once per run). */
    public void absorb(Diagnostics other, java.util.function.Predicate<Diagnostic> drop) {
        for (Diagnostic d : other.all) {
            if (drop.test(d)) {
                continue;
            }
            ConfigError err = d.severity();
            if (err != null && err != ConfigError.OK && !d.notice() && (worst == ConfigError.OK || worst.compareTo(err) < 0)) {
                worst = err;
            }
            add(d);
        }
    }

    /** The phase these diagnostics belong to stopped at a missing parameter. */
    public void markAborted() {
        aborted = true;
    }

    public boolean aborted() {
        return aborted;
    }

    public ConfigError worst() {
        return worst;
    }

    public List<Diagnostic> all() {
        return Collections.unmodifiableList(all);
    }

    public Location location() {
        return location.get();
    }
}
