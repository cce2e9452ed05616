package io.jkeepalived.conf.parser;

/**
 * One line of {@code -t} output.
 *
 * @param severity    keepalived's error class, or {@code null} for a plain log line that does not
 *                    change the exit code (keepalived's {@code log_message})
 * @param file        the file to name in the prefix, or {@code null} when keepalived names none
 * @param line        1-based line number, or 0 when the message has no position (validation messages)
 * @param message     the text after the prefix, in keepalived's words
 * @param notice      a jkeepalived-only notice (keyword parsed but not acted on yet); never counted
 */
public record Diagnostic(ConfigError severity, String file, int line, String message, boolean notice) {

    /** keepalived's rendering: {@code (FILE: Line N) msg}, {@code (Line N) msg} or just {@code msg}. */
    public String format() {
        if (line <= 0) {
            return message;
        }
        if (file != null) {
            return "(" + file + ": Line " + line + ") " + message;
        }
        return "(Line " + line + ") " + message;
    }

    /** True when this diagnostic counts as a config error for the exit code and the differential tests. */
    public boolean isError() {
        return severity != null && severity != ConfigError.OK && !notice;
    }
}
