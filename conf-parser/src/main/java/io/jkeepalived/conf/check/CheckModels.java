package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.model.check.CheckOptions;
import io.jkeepalived.conf.model.check.Checker;
import io.jkeepalived.conf.model.check.HttpCheck;
import io.jkeepalived.conf.model.check.MiscCheck;
import io.jkeepalived.conf.model.check.OtherCheck;
import io.jkeepalived.conf.model.check.TcpCheck;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.Tokenizer;
import io.jkeepalived.conf.script.NotifyScript;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed checker records from the recorded blocks. The lines were checked, and reported, when they were
 * read; this only turns the accepted text into values, keeping keepalived's "not set" where a line is
 * absent or was rejected.
 */
final class CheckModels {
    private static final Set<String> CHECKERS =
            Set.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK", "PING_CHECK",
                    "FILE_CHECK", "BFD_CHECK");

    private CheckModels() {
    }

    static List<Checker> checkers(Setting realServer) {
        List<Checker> out = new ArrayList<>();
        for (Setting c : realServer.children()) {
            if (!CHECKERS.contains(c.keyword())) {
                continue;
            }
            CheckOptions o = options(c);
            out.add(switch (c.keyword()) {
                case "TCP_CHECK" -> new TcpCheck(o, c);
                case "HTTP_GET", "SSL_GET" -> new HttpCheck(c.keyword().equals("SSL_GET"), o, text(c, "virtualhost"),
                        text(c, "http_protocol"), c.child("enable_sni") != null, urls(c), c);
                case "MISC_CHECK" -> new MiscCheck(o, script(c.child("misc_path")), timer(c, "misc_timeout"),
                        c.child("misc_dynamic") != null, text(c, "user"), c);
                default -> new OtherCheck(c.keyword(), o, c);
            });
        }
        return out;
    }

    private static CheckOptions options(Setting c) {
        return new CheckOptions(text(c, "connect_ip"), integer(c, "connect_port"), text(c, "bindto"),
                integer(c, "bind_port"), text(c, "bind_if"), timer(c, "connect_timeout"),
                number(c, "fwmark"), count(c), timer(c, "delay_before_retry"), timer(c, "warmup"),
                timer(c, "delay_loop"), c.child("alpha") != null, c.child("log_all_failures") != null);
    }

    /** retry, or its old spelling nb_get_retry where keepalived accepts it; -1 when unset. */
    private static long count(Setting c) {
        Long retry = number(c, "retry");
        if (retry == null) {
            retry = number(c, "nb_get_retry");
        }
        return retry == null ? -1 : retry;
    }

    private static List<HttpCheck.Url> urls(Setting c) {
        List<HttpCheck.Url> urls = new ArrayList<>();
        for (Setting u : c.all("url")) {
            Setting codes = u.child("status_code");
            urls.add(new HttpCheck.Url(text(u, "path"), text(u, "digest"), codes == null ? List.of() : codes.args(),
                    text(u, "virtualhost"), text(u, "regex"), u.child("regex_no_match") != null));
        }
        return urls;
    }

    static NotifyScript script(Setting line) {
        if (line == null || line.args().isEmpty()) {
            return null;
        }
        List<String> args = Tokenizer.quotedEscaped(line.args().get(0), new Diagnostics());
        return args == null || args.isEmpty() ? null : new NotifyScript(args, null, null);
    }

    static String text(Setting block, String keyword) {
        Setting s = last(block, keyword);
        return s == null ? null : s.arg();
    }

    static Long number(Setting block, String keyword) {
        String t = text(block, keyword);
        if (t == null) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer integer(Setting block, String keyword) {
        Long n = number(block, keyword);
        return n == null || n < 0 || n > 65535 ? null : n.intValue();
    }

    /** A keepalived timer (seconds, possibly fractional) in microseconds; -1 when unset or not a number. */
    static long timer(Setting block, String keyword) {
        String t = text(block, keyword);
        if (t == null) {
            return -1;
        }
        try {
            BigDecimal v = new BigDecimal(t);
            return v.signum() < 0 ? -1 : v.movePointRight(6).longValue();
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }

    /** The last line of a keyword in a block wins, as each handler overwrites the previous value. */
    private static Setting last(Setting block, String keyword) {
        Setting found = null;
        for (Setting s : block.children()) {
            if (s.keyword().equals(keyword)) {
                found = s;
            }
        }
        return found;
    }
}
