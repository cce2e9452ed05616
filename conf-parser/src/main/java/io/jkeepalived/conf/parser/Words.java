package io.jkeepalived.conf.parser;

import java.util.List;

/**
 * The words of one configuration line (keepalived's {@code strvec}), with the raw line kept for the
 * keywords that re-tokenise it shell-style ({@code script}, {@code notify*}, ...).
 */
public final class Words {
    private final List<String> words;
    private final String raw;
    private final Diagnostics diagnostics;

    public Words(List<String> words, String raw, Diagnostics diagnostics) {
        this(java.util.Collections.unmodifiableList(new java.util.ArrayList<>(words)), raw, diagnostics, true);
    }

    /** Takes {@code words} as it is: a list nobody else holds (the tokeniser's), so it need not be copied. */
    private Words(List<String> words, String raw, Diagnostics diagnostics, boolean owned) {
        this.words = words;
        this.raw = raw;
        this.diagnostics = diagnostics;
    }

    /** The tokeniser's fresh list, wrapped without a copy. */
    static Words owned(List<String> fresh, String raw, Diagnostics diagnostics) {
        return new Words(java.util.Collections.unmodifiableList(fresh), raw, diagnostics, true);
    }

    public int size() {
        return words.size();
    }

    public boolean has(int index) {
        return index >= 0 && index < words.size() && words.get(index) != null;
    }

    /** The keyword (word 0). */
    public String keyword() {
        return words.isEmpty() ? "" : words.get(0);
    }

    /**
     * Word {@code index}; when absent, reports keepalived's missing-parameter error and aborts the
     * parse with {@link MissingParameterException} (keepalived exits there too).
     */
    public String word(int index) {
        if (has(index)) {
            return words.get(index);
        }
        String first = words.isEmpty() || words.get(0) == null ? "***MISSING ***" : words.get(0);
        String msg;
        if (index > 0 && index - 1 < words.size()) {
            msg = String.format("*** Configuration line starting `%s` is missing a parameter after keyword `%s` at word position %d",
                    first, words.get(index - 1), index + 1);
        } else {
            msg = String.format("*** Configuration line starting `%s` is missing a parameter at word position %d", first, index + 1);
        }
        diagnostics.report(ConfigError.MISSING_PARAMETER, msg);
        throw new MissingParameterException(msg);
    }

    /** Word {@code index} or {@code null}, without keepalived's abort. */
    public String wordOrNull(int index) {
        return has(index) ? words.get(index) : null;
    }

    public List<String> list() {
        return words;
    }

    /** Words from {@code from} to the end. */
    public List<String> from(int from) {
        return from >= words.size() ? List.of() : words.subList(from, words.size());
    }

    /** The line as read (after comments, parameters and brace splitting), before tokenising. */
    public String raw() {
        return raw;
    }

    /**
     * keepalived's {@code alloc_strvec_quoted_escaped(NULL)}: the raw line re-tokenised shell-style.
     * Returns {@code null} after reporting an unterminated quote (keepalived 2.2.7 crashes there).
     */
    public List<String> quoted() {
        return Tokenizer.quotedEscaped(raw, diagnostics);
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }
}
