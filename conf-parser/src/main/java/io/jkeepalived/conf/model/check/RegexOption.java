package io.jkeepalived.conf.model.check;

import java.util.Locale;

/** The PCRE2 options {@code regex_options} accepts, by keepalived's names. */
public enum RegexOption {
    ALLOW_EMPTY_CLASS, ALT_BSUX, AUTO_CALLOUT, CASELESS, DOLLAR_ENDONLY, DOTALL, DUPNAMES, EXTENDED, FIRSTLINE,
    MATCH_UNSET_BACKREF, MULTILINE, NEVER_UCP, NEVER_UTF, NO_AUTO_CAPTURE, NO_AUTO_POSSESS, NO_DOTSTAR_ANCHOR,
    NO_START_OPTIMIZE, UCP, UNGREEDY, UTF, NEVER_BACKSLASH_C, ALT_CIRCUMFLEX, ALT_VERBNAMES, USE_OFFSET_LIMIT;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The option of that exact (lower-case) name, or null: keepalived ignores unknown names silently. */
    public static RegexOption parse(String s) {
        for (RegexOption o : values()) {
            if (o.keyword().equals(s)) {
                return o;
            }
        }
        return null;
    }
}
