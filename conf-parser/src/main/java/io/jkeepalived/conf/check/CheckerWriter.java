package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.check.BfdCheck;
import io.jkeepalived.conf.model.check.Checker;
import io.jkeepalived.conf.model.check.CheckerTiming;
import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.DnsCheck;
import io.jkeepalived.conf.model.check.FileCheck;
import io.jkeepalived.conf.model.check.HttpCheck;
import io.jkeepalived.conf.model.check.HttpUrl;
import io.jkeepalived.conf.model.check.MiscCheck;
import io.jkeepalived.conf.model.check.PingCheck;
import io.jkeepalived.conf.model.check.RegexOption;
import io.jkeepalived.conf.model.check.SmtpCheck;
import io.jkeepalived.conf.model.check.TcpCheck;
import io.jkeepalived.conf.model.check.UdpCheck;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a {@link Checker} as the keepalived.conf block that reads back to an equal record; only what
 * differs from "not set" is written.
 */
public final class CheckerWriter {
    private CheckerWriter() {
    }

    /** Writes the checker's block, each line prefixed by {@code indent} (one more level inside). */
    public static void write(Checker checker, StringBuilder out, String indent) {
        Lines l = new Lines(out, indent + "    ");
        out.append(indent).append(checker.keyword()).append(" {\n");
        if (checker instanceof TcpCheck c) {
            connection(l, c.connection());
            timing(l, c.timing());
        } else if (checker instanceof PingCheck c) {
            connection(l, c.connection());
            timing(l, c.timing());
        } else if (checker instanceof HttpCheck c) {
            http(l, c);
        } else if (checker instanceof MiscCheck c) {
            l.line("misc_path", quoteScript(c.script()));
            l.line("misc_timeout", c.timeout());
            if (c.dynamic()) {
                l.line("misc_dynamic");
            }
            if (c.user() != null) {
                l.line("user", c.user(), c.group());
            }
            timing(l, c.timing());
        } else if (checker instanceof SmtpCheck c) {
            l.line("helo_name", c.heloName());
            connection(l, c.connection());
            timing(l, c.timing());
            for (ConnectionOptions h : c.hosts()) {
                out.append(l.indent).append("host {\n");
                connection(new Lines(out, l.indent + "    "), h);
                out.append(l.indent).append("}\n");
            }
        } else if (checker instanceof DnsCheck c) {
            connection(l, c.connection());
            timing(l, c.timing());
            l.line("type", c.type().name());
            if (!c.name().isEmpty()) {
                l.line("name", c.name());
            }
        } else if (checker instanceof UdpCheck c) {
            connection(l, c.connection());
            timing(l, c.timing());
            l.line("payload", c.payload());
            if (c.requireReply()) {
                if (c.reply() == null) {
                    l.line("require_reply");
                } else {
                    l.line("require_reply", c.reply());
                }
            }
            l.line("min_reply_length", c.minReplyLength());
            l.line("max_reply_length", c.maxReplyLength());
        } else if (checker instanceof FileCheck c) {
            l.line("track_file", c.trackFile());
            if (c.weight() != null) {
                l.line("weight", c.weight(), c.reverse() ? "reverse" : null);
            }
        } else if (checker instanceof BfdCheck c) {
            l.line("name", c.name());
            l.line("alpha", yesNo(c.alpha()));
        }
        out.append(indent).append("}\n");
    }

    private static void http(Lines l, HttpCheck c) {
        connection(l, c.connection());
        timing(l, c.timing());
        l.line("virtualhost", c.virtualhost());
        l.line("http_protocol", c.protocol().text());
        l.line("enable_sni", yesNo(c.enableSni()));
        l.line("fast_recovery", yesNo(c.fastRecovery()));
        for (HttpUrl u : c.urls()) {
            l.out.append(l.indent).append("url {\n");
            Lines in = new Lines(l.out, l.indent + "    ");
            in.line("path", u.path());
            in.line("digest", u.digest());
            in.line("status_code", u.statusCodes().stream()
                    .map(r -> r.get(0).equals(r.get(1)) ? String.valueOf(r.get(0)) : r.get(0) + "-" + r.get(1))
                    .collect(Collectors.joining(" ")));
            in.line("virtualhost", u.virtualhost());
            if (u.regex() != null) {
                in.line("regex", quote(u.regex()));
                if (u.regexNoMatch()) {
                    in.line("regex_no_match");
                }
                if (!u.regexOptions().isEmpty()) {
                    in.line("regex_options", u.regexOptions().stream().map(RegexOption::keyword).collect(Collectors.joining(" ")));
                }
                if (u.regexMinOffset() != 0) {
                    in.line("regex_min_offset", Long.toUnsignedString(u.regexMinOffset()));
                }
                if (u.regexMaxOffset() != null) {
                    in.line("regex_max_offset", Long.toUnsignedString(u.regexMaxOffset()));
                }
                if (!u.regexStack().isEmpty()) {
                    in.line("regex_stack", Long.toUnsignedString(u.regexStack().get(0)), Long.toUnsignedString(u.regexStack().get(1)));
                }
            }
            l.out.append(l.indent).append("}\n");
        }
    }

    private static void connection(Lines l, ConnectionOptions c) {
        l.line("connect_ip", c.connectIp());
        l.line("connect_port", c.connectPort());
        l.line("bindto", c.bindTo());
        l.line("bind_port", c.bindPort());
        l.line("bind_if", c.bindIf());
        l.line("connect_timeout", timer(c.connectTimeout()));
        l.line("fwmark", c.fwmark());
    }

    private static void timing(Lines l, CheckerTiming t) {
        l.line("retry", t.retry());
        l.line("delay_before_retry", timer(t.delayBeforeRetry()));
        l.line("warmup", timer(t.warmup()));
        l.line("delay_loop", timer(t.delayLoop()));
        l.line("alpha", yesNo(t.alpha()));
        if (t.logAllFailures()) {
            l.line("log_all_failures", "yes");
        }
    }

    private static String yesNo(Boolean b) {
        return b == null ? null : b ? "yes" : "no";
    }

    /** Microseconds as keepalived's seconds with up to six decimals. */
    static String timer(Long micros) {
        if (micros == null) {
            return null;
        }
        String whole = Long.toUnsignedString(Long.divideUnsigned(micros, 1_000_000));
        long frac = Long.remainderUnsigned(micros, 1_000_000);
        if (frac == 0) {
            return whole;
        }
        String f = String.format("%06d", frac).replaceAll("0+$", "");
        return whole + "." + f;
    }

    /** A double-quoted word for lines keepalived re-reads with escapes (regex). */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The script as one double-quoted word; arguments with blanks are single-quoted inside it. */
    private static String quoteScript(List<String> args) {
        return '"' + args.stream().map(a -> a.isEmpty() || a.chars().anyMatch(ch -> ch == ' ' || ch == '\t' || ch == '"')
                ? "'" + a + "'" : a).collect(Collectors.joining(" ")) + '"';
    }

    private static final class Lines {
        final StringBuilder out;
        final String indent;

        Lines(StringBuilder out, String indent) {
            this.out = out;
            this.indent = indent;
        }

        /** keyword value... ; skipped when the first value is null (not set). */
        void line(String keyword, Object... values) {
            if (values.length > 0 && values[0] == null) {
                return;
            }
            out.append(indent).append(keyword);
            for (Object v : values) {
                if (v != null) {
                    out.append(' ').append(v);
                }
            }
            out.append('\n');
        }
    }
}
