package io.jkeepalived.conf.parser;

/**
 * Severity of a configuration diagnostic, in keepalived's order ({@code config_err_t}, lib/parser.h).
 *
 * <p>The order matters: the config test keeps the highest value reported, so one unknown keyword
 * (5) outranks a missing interface (4), and a script-security violation (6) outranks everything.
 */
public enum ConfigError {
    OK,
    /* keepalived cannot run the config */
    FILE_NOT_FOUND,
    BAD_IF,
    FATAL,
    /* configuration errors, but keepalived still runs */
    MULTIPLE_FILES,
    UNKNOWN_KEYWORD,
    UNEXPECTED_BOB,
    MISSING_BOB,
    UNEXPECTED_EOB,
    MISSING_EOB,
    UNMATCHED_QUOTE,
    MISSING_PARAMETER,
    INVALID_NUMBER,
    GENERAL_ERROR,
    WARNING,
    DEPRECATED,
    /* script security not enabled when needed */
    SECURITY_ERROR;

    /** Exit status of {@code keepalived -t} when this is the worst error reported (core/main.c config_test_exit). */
    public int configTestExitCode() {
        switch (this) {
            case OK:
                return 0;
            case FILE_NOT_FOUND:
            case BAD_IF:
            case FATAL:
                return 4;
            case SECURITY_ERROR:
                return 6;
            default:
                return 5;
        }
    }
}
