package io.jkeepalived.conf.script;

import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Words;

/**
 * keepalived's script handling shared by every family (core/notify.c): parsing a script keyword line
 * ({@code notify_script_init}) and the script-security checks ({@code check_script_secure}).
 */
public final class Scripts {
    private Scripts() {
    }

    /**
     * Parses a script keyword line the way keepalived does: the raw line is re-tokenised shell-style;
     * word 1 is the command (with its arguments when quoted), and when {@code extraParams} is true the
     * words after it are {@code [username [:][groupname]]}.
     *
     * @param type a description used in messages ("notify", "track", "MISC_CHECK", ...)
     * @return the script, or null after reporting why it was rejected
     */
    public static NotifyScript parse(ParseContext ctx, Words words, String type, boolean extraParams) {
        throw new UnsupportedOperationException("Scripts.parse not implemented yet");
    }
}
