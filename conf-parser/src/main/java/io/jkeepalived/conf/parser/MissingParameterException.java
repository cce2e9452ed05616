package io.jkeepalived.conf.parser;

/**
 * A handler asked for a word the line does not have. keepalived reports
 * {@code *** Configuration line starting `x` is missing a parameter ...} and exits at once with
 * status 2 ({@code null_strvec}, KEEPALIVED_EXIT_CONFIG); the config test does the same so both
 * report the same lines and the same status. The diagnostic is already recorded when this is thrown.
 */
public final class MissingParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** keepalived's exit status after a missing parameter. */
    public static final int EXIT_CODE = 2;

    public MissingParameterException(String message) {
        super(message, null, false, false);
    }
}
