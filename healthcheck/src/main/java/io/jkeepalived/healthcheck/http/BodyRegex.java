package io.jkeepalived.healthcheck.http;

import io.jkeepalived.conf.model.check.HttpUrl;
import io.jkeepalived.conf.model.check.RegexOption;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A url's {@code regex} as keepalived 2.2.7 applies it ({@code check_regex}): keepalived streams every byte it
 * reads, the head included (its first read is matched whole), through PCRE2 with partial matching, so the
 * subject is the whole response and offsets count from its first byte. A match counts when it starts at or after
 * {@code regex_min_offset} and at or before {@code regex_max_offset}.
 *
 * <p>Differences, by necessity: java.util.regex instead of PCRE2 (the common syntax is the same; options without a
 * Java equivalent are ignored), and the response is kept in memory up to a cap instead of streamed: 1 MiB, or
 * 64 KiB past {@code regex_max_offset}. {@code regex_stack} sizes PCRE2's JIT stack and means nothing here.
 */
final class BodyRegex {
    /** The most of a response kept for matching when no regex_max_offset bounds it. */
    static final int MAX_SUBJECT = 1 << 20;
    /** How far a match may extend past regex_max_offset and still be seen. */
    static final int PAST_MAX_OFFSET = 64 << 10;

    private final Pattern pattern;
    private final boolean utf;
    private final long minOffset;
    private final Long maxOffset;
    private final boolean noMatch;

    private BodyRegex(Pattern pattern, boolean utf, long minOffset, Long maxOffset, boolean noMatch) {
        this.pattern = pattern;
        this.utf = utf;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.noMatch = noMatch;
    }

    /**
     * The url's regex, or null when it has none.
     *
     * @throws java.util.regex.PatternSyntaxException when Java cannot compile a pattern PCRE2 accepted
     */
    static BodyRegex of(HttpUrl url) {
        if (url.regex() == null) {
            return null;
        }
        List<RegexOption> opts = url.regexOptions();
        int flags = 0;
        boolean utf = false;
        for (RegexOption o : opts) {
            switch (o) {
                case CASELESS -> flags |= Pattern.CASE_INSENSITIVE;
                case MULTILINE -> flags |= Pattern.MULTILINE;
                case DOTALL -> flags |= Pattern.DOTALL;
                case EXTENDED -> flags |= Pattern.COMMENTS;
                case UTF -> {
                    utf = true;
                    flags |= Pattern.UNICODE_CASE;
                }
                case UCP -> flags |= Pattern.UNICODE_CHARACTER_CLASS;
                default -> {
                    // no java.util.regex equivalent (or none needed): PCRE2 compile/match tuning
                }
            }
        }
        return new BodyRegex(Pattern.compile(url.regex(), flags), utf, url.regexMinOffset(), url.regexMaxOffset(),
                url.regexNoMatch());
    }

    /** regex_no_match: the check passes when the regex does not match. */
    boolean noMatch() {
        return noMatch;
    }

    /** A fresh subject buffer for one response. */
    Window window() {
        long cap = maxOffset == null ? MAX_SUBJECT : Math.min(MAX_SUBJECT, maxOffset + 1 + PAST_MAX_OFFSET);
        return new Window((int) Math.max(cap, 1));
    }

    /** The response bytes of one attempt, as far as they can matter. */
    final class Window {
        private final int cap;
        private byte[] buf = new byte[256];
        private int len;

        private Window(int cap) {
            this.cap = cap;
        }

        void append(byte[] b, int off, int n) {
            int take = Math.min(n, cap - len);
            if (take <= 0) {
                return;
            }
            if (len + take > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(cap, Math.max((long) buf.length * 2, len + take)));
            }
            System.arraycopy(b, off, buf, len, take);
            len += take;
        }

        boolean matches() {
            String subject = new String(buf, 0, len, utf ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            if (minOffset > subject.length()) {
                return false;
            }
            Matcher m = pattern.matcher(subject);
            // PCRE2's start offset: look-behind and ^ see the text before it, as with transparent bounds
            m.region((int) minOffset, subject.length());
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            if (!m.find()) {
                return false;
            }
            return maxOffset == null || m.start() <= maxOffset;
        }
    }
}
