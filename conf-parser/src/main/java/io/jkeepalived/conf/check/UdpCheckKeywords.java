package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.check.UdpCheck;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder.Block;
import io.jkeepalived.conf.schema.SchemaTables;

/** UDP_CHECK (keepalived's check_udp.c): payload and expected reply as hex strings. */
final class UdpCheckKeywords {
    private UdpCheckKeywords() {
    }

    static void bind(SchemaTables.Bindings on, String rs, ParseContext ctx, CheckerHost host) {
        String c = rs + "UDP_CHECK";
        on.on(c, w -> CheckerKeywords.opened(ctx, host, true));
        on.on(c + "/payload", w -> {
            if (w.size() == 1) {
                ctx.error(ConfigError.GENERAL_ERROR, "UDP_CHECK payload requires a payload");
                return;
            }
            String hex = hex(String.join(" ", w.from(1)), false);
            if (hex == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid hex string for UDP_CHECK payload");
                return;
            }
            ctx.recorder().fact("payload", hex);
        });
        on.on(c + "/require_reply", w -> {
            ctx.recorder().fact("require_reply", true);
            if (w.size() == 1) {
                return;
            }
            String hex = hex(String.join(" ", w.from(1)), true);
            if (hex == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid hex string for UDP_CHECK reply");
                return;
            }
            ctx.recorder().fact("reply", hex);
        });
        for (String k : new String[] {"min", "max"}) {
            on.on(c + "/" + k + "_reply_length", w -> {
                var n = ctx.values().readUnsigned(w.word(1), 0, 65535, false);
                if (!n.ok()) {
                    ctx.error(ConfigError.GENERAL_ERROR, "UDP_CHECK %s length %s not valid - must be between 0 & %d", k, w.word(1), 65535);
                    return;
                }
                ctx.recorder().fact(k + "_reply_length", n.intValue());
            });
        }
        on.close(c, () -> {
            if (!CheckerKeywords.connectionUsable(ctx, host)) {
                ctx.recorder().fact(CheckerKeywords.DROPPED, true);
                return;
            }
            int min = (Integer) orDefault(ctx.recorder().currentFact("min_reply_length"), 0);
            int max = (Integer) orDefault(ctx.recorder().currentFact("max_reply_length"), 255);
            if (min > max) {
                ctx.error(ConfigError.GENERAL_ERROR, "UDP_CHECK min_reply length %d > max_reply_length %d - will always fail", min, max);
            }
        });
    }

    private static Object orDefault(Object v, Object d) {
        return v == null ? d : v;
    }

    /**
     * keepalived's read_hex_str(): octets as hex pairs (a lone digit before a blank is one octet), blanks
     * between octets; X/x marks a wildcard nibble where allowed. Returns normalised upper-case pairs
     * separated by blanks, or null when keepalived reads nothing, stops on a bad digit or ends on FF.
     */
    static String hex(String s, boolean wildcard) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = s.length();
        int octets = 0;
        boolean last = false;
        while (true) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char hi = nibble(s.charAt(i++), wildcard);
            if (hi == 0) {
                return null;
            }
            char lo;
            if (i < n && s.charAt(i) != ' ') {
                lo = nibble(s.charAt(i++), wildcard);
                if (lo == 0) {
                    return null;
                }
            } else {
                lo = hi;
                hi = '0';
            }
            if (octets++ > 0) {
                out.append(' ');
            }
            out.append(hi).append(lo);
            last = hi == 'F' && lo == 'F';
        }
        // keepalived's end-of-string test cannot tell a last octet of 0xff from a bad digit
        return octets == 0 || last ? null : out.toString();
    }

    private static char nibble(char ch, boolean wildcard) {
        if (Character.digit(ch, 16) >= 0 && ch < 128) {
            return Character.toUpperCase(ch);
        }
        if (wildcard && (ch == 'x' || ch == 'X')) {
            return 'X';
        }
        return 0;
    }

    static UdpCheck build(Block c) {
        return new UdpCheck(CheckerKeywords.timing(c), CheckerKeywords.connection(c), c.fact("payload", null),
                c.fact("require_reply", false), c.fact("reply", null), c.fact("min_reply_length", 0),
                c.fact("max_reply_length", 255));
    }
}
