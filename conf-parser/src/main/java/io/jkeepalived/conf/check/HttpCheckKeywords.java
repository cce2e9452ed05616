package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.check.HttpCheck;
import io.jkeepalived.conf.model.check.HttpProtocol;
import io.jkeepalived.conf.model.check.HttpUrl;
import io.jkeepalived.conf.model.check.RegexOption;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder;
import io.jkeepalived.conf.parser.Recorder.Block;
import io.jkeepalived.conf.parser.ValueReader;
import io.jkeepalived.conf.schema.SchemaTables;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;

/** HTTP_GET and SSL_GET (keepalived's check_http.c): urls with status codes, digests and regexes. */
final class HttpCheckKeywords {
    static final int STATUS_MIN = 100;
    static final int STATUS_MAX = 599;

    private HttpCheckKeywords() {
    }

    static void bind(SchemaTables.Bindings on, String rs, ParseContext ctx, CheckerHost host) {
        // urls of the checker being read: added when the url keyword is read, removed when one closes without path
        int[] urls = {0};
        for (String c : List.of("HTTP_GET", "SSL_GET")) {
            String p = rs + c + "/";
            on.on(rs + c, w -> {
                urls[0] = 0;
                CheckerKeywords.opened(ctx, host, true);
            });
            on.close(rs + c, () -> {
                if (urls[0] == 0) {
                    ctx.error(ConfigError.GENERAL_ERROR, "HTTP/SSL_GET checker has no urls specified - ignoring");
                    ctx.recorder().fact(CheckerKeywords.DROPPED, true);
                }
                CheckerKeywords.closeConnection(ctx, host);
            });
            on.on(p + "nb_get_retry", w -> {
                // keepalived reports the deprecation as a general error, so it counts
                ctx.error(ConfigError.GENERAL_ERROR, "nb_get_retry is deprecated - please use 'retry'");
                var n = ctx.values().readUnsigned(w.word(1), 0, CheckerKeywords.UINT_MAX, true);
                if (!n.ok()) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid nb_get_retry value '%s'", w.word(1));
                    return;
                }
                ctx.recorder().fact("retry", n.value());
            });
            on.on(p + "virtualhost", w -> {
                if (w.size() < 2) {
                    ctx.error(ConfigError.GENERAL_ERROR, "HTTP_GET virtualhost name missing");
                    return;
                }
                ctx.recorder().fact("virtualhost", w.word(1));
            });
            on.on(p + "http_protocol", w -> {
                if (w.size() < 2) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Missing http_protocol version");
                    return;
                }
                HttpProtocol proto = HttpProtocol.parse(w.word(1));
                if (proto == null) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid http_protocol version %s", w.word(1));
                    return;
                }
                ctx.recorder().fact("http_protocol", proto);
            });
            for (String k : List.of("enable_sni", "fast_recovery")) {
                on.on(p + k, w -> {
                    int res = 1;
                    if (w.size() >= 2) {
                        res = ValueReader.checkTrueFalse(w.word(1));
                        if (res == -1) {
                            ctx.error(ConfigError.GENERAL_ERROR, "Invalid %s parameter %s", k, w.word(1));
                            return;
                        }
                    }
                    ctx.recorder().fact(k, res == 1);
                });
            }
            url(on, p + "url", ctx, urls);
        }
    }

    private static void url(SchemaTables.Bindings on, String u, ParseContext ctx, int[] urls) {
        String p = u + "/";
        // keepalived adds the url to the checker when the url keyword is read, before its block
        on.on(u, w -> urls[0]++);
        on.on(p + "path", w -> ctx.recorder().fact("path", w.word(1)));
        on.on(p + "digest", w -> {
            String d = w.word(1);
            Recorder r = ctx.recorder();
            if (r.currentFact("digest") != null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Digest '%s' is a duplicate", d);
                return;
            }
            if (d.length() != 32) {
                ctx.error(ConfigError.GENERAL_ERROR, "digest '%s' character length should be %d rather than %d", d, 32, d.length());
                return;
            }
            // keepalived reads the pairs from the last, each with strtoul (so "+f" or " f" pass as a pair)
            for (int i = 15; i >= 0; i--) {
                if (!hexPair(d.substring(2 * i, 2 * i + 2))) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Unable to interpret hex digit in '%s' at offset %d/%d",
                            d.substring(0, 2 * i + 2), 2 * i, 2 * i + 1);
                    return;
                }
            }
            StringBuilder norm = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                norm.append(String.format("%02x", pairValue(d.substring(2 * i, 2 * i + 2))));
            }
            r.fact("digest", norm.toString());
        });
        on.on(p + "status_code", w -> {
            Recorder r = ctx.recorder();
            BitSet codes = (BitSet) r.currentFact("status_code");
            codes = codes == null ? new BitSet() : (BitSet) codes.clone();
            for (int i = 1; i < w.size(); i++) {
                String s = w.word(i);
                int[] range = statusRange(s);
                if (range == null) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid HTTP_GET status code '%s'", s);
                    continue;
                }
                codes.set(range[0], range[1] + 1);
            }
            r.fact("status_code", codes);
        });
        on.on(p + "virtualhost", w -> {
            if (w.size() < 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "Missing HTTP_GET virtualhost name");
                return;
            }
            ctx.recorder().fact("virtualhost", w.word(1));
        });
        on.on(p + "regex", w -> {
            List<String> q = w.quoted();
            if (q == null || q.size() != 2) {
                CheckerKeywords.log(ctx, "regex missing or too many fields");
                return;
            }
            ctx.recorder().fact("regex", q.get(1));
        });
        on.on(p + "regex_no_match", w -> ctx.recorder().fact("regex_no_match", true));
        on.on(p + "regex_options", w -> {
            Recorder r = ctx.recorder();
            @SuppressWarnings("unchecked")
            EnumSet<RegexOption> opts = (EnumSet<RegexOption>) r.currentFact("regex_options");
            opts = opts == null ? EnumSet.noneOf(RegexOption.class) : EnumSet.copyOf(opts);
            for (int i = 1; i < w.size(); i++) {
                RegexOption o = RegexOption.parse(w.word(i));
                if (o != null) {
                    opts.add(o);
                }
            }
            r.fact("regex_options", opts);
        });
        for (String k : List.of("min", "max")) {
            on.on(p + "regex_" + k + "_offset", w -> {
                long v = 0;
                if (w.size() != 2) {
                    CheckerKeywords.log(ctx, "Missing or too may options for regex_%s_offset", k);
                } else {
                    Long n = strtoul(w.word(1));
                    if (n == null) {
                        CheckerKeywords.log(ctx, "Invalid regex_%s_offset %s specified", k, w.word(1));
                    } else {
                        v = n;
                    }
                }
                // keepalived keeps max as one beyond the last position, so "max 0" still counts as set
                ctx.recorder().fact("regex_" + k + "_offset", k.equals("max") ? v + 1 : v);
            });
        }
        on.on(p + "regex_stack", w -> {
            if (w.size() != 3) {
                CheckerKeywords.log(ctx, "regex_stack requires start and max values");
                return;
            }
            Long start = strtoul(w.word(1));
            if (start == null) {
                CheckerKeywords.log(ctx, "regex_stack invalid start value");
                return;
            }
            Long max = strtoul(w.word(2));
            if (max == null) {
                CheckerKeywords.log(ctx, "regex_stack invalid max value");
                return;
            }
            if (Long.compareUnsigned(start, max) > 0) {
                CheckerKeywords.log(ctx, "regex stack start cannot exceed max value");
                return;
            }
            ctx.recorder().fact("regex_stack", List.of(start, max));
        });
        on.close(u, () -> {
            if (!urlClosed(ctx)) {
                urls[0]--;
            }
        });
    }

    /**
     * keepalived's url_check(): a url needs a path; regex settings without a regex are dropped.
     * Returns whether the url is kept.
     */
    private static boolean urlClosed(ParseContext ctx) {
        Recorder r = ctx.recorder();
        if (r.currentFact("path") == null) {
            ctx.error(ConfigError.GENERAL_ERROR, "HTTP/SSL_GET checker url has no path - ignoring");
            r.fact(CheckerKeywords.DROPPED, true);
            return false;
        }
        boolean regexExtras = r.currentFact("regex_options") != null && !((EnumSet<?>) r.currentFact("regex_options")).isEmpty()
                || Boolean.TRUE.equals(r.currentFact("regex_no_match"))
                || nonZero(r.currentFact("regex_min_offset")) || nonZero(r.currentFact("regex_max_offset"))
                || r.currentFact("regex_stack") != null;
        if (r.currentFact("regex") == null) {
            if (regexExtras) {
                CheckerKeywords.log(ctx, "regex parameters specified without regex");
                r.fact("regex_cleared", true);
            }
            return true;
        }
        long min = r.currentFact("regex_min_offset") == null ? 0 : (Long) r.currentFact("regex_min_offset");
        long max = r.currentFact("regex_max_offset") == null ? 0 : (Long) r.currentFact("regex_max_offset");
        if (max != 0 && Long.compareUnsigned(min, max) >= 0) {
            CheckerKeywords.log(ctx, "regex min offset %d > regex_max_offset %d - ignoring", min, max - 1);
            r.fact("regex_offsets_cleared", true);
        }
        return true;
    }

    private static boolean nonZero(Object o) {
        return o != null && (Long) o != 0;
    }

    /** strtoul(s, &end, 10) with *end required to be the end; leading blanks and a sign are accepted as C does. */
    static Long strtoul(String s) {
        String t = s.stripLeading();
        boolean neg = false;
        if (t.startsWith("+") || t.startsWith("-")) {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        if (t.isEmpty() || !t.chars().allMatch(Character::isDigit)) {
            return s.isEmpty() ? 0L : null;
        }
        long v;
        try {
            v = Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            v = -1L;
        }
        return neg ? -v : v;
    }

    private static boolean hexPair(String pair) {
        String t = pair.stripLeading();
        if (t.startsWith("+") || t.startsWith("-")) {
            t = t.substring(1);
        }
        return !t.isEmpty() && t.chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
    }

    private static int pairValue(String pair) {
        String t = pair.strip();
        boolean neg = t.startsWith("-");
        if (t.startsWith("+") || t.startsWith("-")) {
            t = t.substring(1);
        }
        int v = Integer.parseInt(t, 16);
        return (neg ? -v : v) & 0xff;
    }

    /** One status_code word: N or N-M, both in 100..599 and N <= M; null when keepalived rejects it. */
    static int[] statusRange(String s) {
        int dash = s.indexOf('-', 1);
        String lo = dash < 0 ? s : s.substring(0, dash);
        String hi = dash < 0 ? null : s.substring(dash + 1);
        Long min = lo.isEmpty() ? Long.valueOf(0) : strtoul(lo);
        Long max = hi == null ? min : hi.isEmpty() ? Long.valueOf(0) : strtoul(hi);
        if (min == null || max == null || min < STATUS_MIN || min > STATUS_MAX || max < STATUS_MIN || max > STATUS_MAX
                || min > max) {
            return null;
        }
        return new int[] {min.intValue(), max.intValue()};
    }

    static HttpCheck build(Block c) {
        List<HttpUrl> urls = new ArrayList<>();
        for (Block u : c.all("url")) {
            if (u.fact(CheckerKeywords.DROPPED, false)) {
                continue;
            }
            BitSet codes = u.fact("status_code", null);
            if (codes == null || codes.isEmpty()) {
                codes = new BitSet();
                codes.set(200, 300);
            }
            List<List<Integer>> ranges = new ArrayList<>();
            for (int lo = codes.nextSetBit(0); lo >= 0; ) {
                int hi = codes.nextClearBit(lo) - 1;
                ranges.add(List.of(lo, hi));
                lo = codes.nextSetBit(hi + 1);
            }
            String regex = u.fact("regex", null);
            boolean extras = regex != null;
            boolean offsets = extras && !u.fact("regex_offsets_cleared", false);
            EnumSet<RegexOption> opts = u.fact("regex_options", null);
            long maxPlusOne = u.fact("regex_max_offset", 0L);
            urls.add(new HttpUrl(u.fact("path", null), u.fact("digest", null), ranges, u.fact("virtualhost", null),
                    regex, extras && u.fact("regex_no_match", false),
                    extras && opts != null ? new ArrayList<>(opts) : List.of(),
                    offsets ? u.fact("regex_min_offset", 0L) : 0L,
                    offsets && maxPlusOne != 0 ? Long.valueOf(maxPlusOne - 1) : null,
                    extras ? u.fact("regex_stack", List.of()) : List.of()));
        }
        return new HttpCheck(c.keyword().equals("SSL_GET"), CheckerKeywords.timing(c), CheckerKeywords.connection(c),
                c.fact("virtualhost", null), c.fact("http_protocol", HttpProtocol.HTTP_1_0), c.fact("enable_sni", false),
                c.fact("fast_recovery", false), urls);
    }
}
