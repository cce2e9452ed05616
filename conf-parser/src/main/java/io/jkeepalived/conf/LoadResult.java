package io.jkeepalived.conf;

import io.jkeepalived.conf.parser.Diagnostic;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of reading a configuration.
 *
 * @param config      the model (null when reading was aborted)
 * @param diagnostics everything reported, in keepalived's order
 * @param exitCode    what {@code keepalived -t} exits with for this input
 */
public record LoadResult(KeepalivedConfig config, List<Diagnostic> diagnostics, int exitCode) {

    /**
     * The line numbers keepalived prints a configuration message for (errors, and the include notices it
     * reports without counting them): what the differential tests compare.
     */
    public Set<Integer> errorLines() {
        Set<Integer> lines = new TreeSet<>();
        for (Diagnostic d : diagnostics) {
            if (d.severity() != null && !d.notice() && d.line() > 0) {
                lines.add(d.line());
            }
        }
        return lines;
    }
}
