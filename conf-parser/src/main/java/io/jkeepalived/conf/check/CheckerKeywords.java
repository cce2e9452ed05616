package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.check.BfdCheck;
import io.jkeepalived.conf.model.check.Checker;
import io.jkeepalived.conf.model.check.CheckerTiming;
import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.MiscCheck;
import io.jkeepalived.conf.model.check.PingCheck;
import io.jkeepalived.conf.model.check.TcpCheck;
import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder;
import io.jkeepalived.conf.parser.Recorder.Block;
import io.jkeepalived.conf.parser.ValueReader;
import io.jkeepalived.conf.schema.SchemaTables;
import io.jkeepalived.conf.script.NotifyScript;
import io.jkeepalived.conf.script.ScriptSecurity;

import java.util.ArrayList;
import java.util.List;

/**
 * The health checkers of a {@code real_server} (keepalived's check_*.c): the keywords each checker block
 * accepts, their checks and messages, the checks run when a checker block closes, and the typed
 * {@link Checker} records built from what was read. A checker keepalived drops while reading is marked
 * {@value #DROPPED} on its recorded block and left out of the model.
 */
public final class CheckerKeywords {
    /** keepalived's log_message: a log line, which keepalived -t does not print at all (only config errors). */
    static void log(ParseContext ctx, String format, Object... args) {
        if (!ctx.configTest()) {
            ctx.diag().log(format, args);
        }
    }

    static final String DROPPED = "dropped";
    static final long UINT_MAX = 0xffffffffL;

    /** Checkers whose blocks take the connection keywords (connect_ip ... fwmark). */
    static final List<String> CONNECTING = List.of("TCP_CHECK", "PING_CHECK", "UDP_CHECK", "HTTP_GET", "SSL_GET",
            "DNS_CHECK", "SMTP_CHECK");

    private CheckerKeywords() {
    }

    /**
     * Binds every checker keyword under the real server path (e.g. {@code "virtual_server/real_server"}).
     */
    public static void bind(SchemaTables.Bindings on, String realServer, ParseContext ctx, CheckerHost host) {
        String rs = realServer + "/";
        for (String c : CONNECTING) {
            connection(on, rs + c + "/", ctx, false);
            timing(on, rs + c + "/", ctx, false);
        }
        timing(on, rs + "MISC_CHECK/", ctx, false);
        connection(on, rs + "SMTP_CHECK/host/", ctx, true);
        timing(on, rs + "SMTP_CHECK/host/", ctx, true);

        for (String c : List.of("TCP_CHECK", "PING_CHECK")) {
            on.on(rs + c, w -> opened(ctx, host, true));
            on.close(rs + c, () -> closeConnection(ctx, host));
        }
        HttpCheckKeywords.bind(on, rs, ctx, host);
        MiscCheckKeywords.bind(on, rs, ctx, host);
        SmtpCheckKeywords.bind(on, rs, ctx, host);
        DnsCheckKeywords.bind(on, rs, ctx, host);
        UdpCheckKeywords.bind(on, rs, ctx, host);
        FileCheckKeywords.bind(on, rs, ctx, host);
        BfdCheckKeywords.bind(on, rs, ctx, host);
    }

    /**
     * keepalived's check_misc_script_security(): MISC_CHECK scripts that are missing or not executable are
     * dropped (with a log line), and whether any script will run is collected for the SECURITY VIOLATION
     * check validate_check_config makes at the end of the checker phase.
     */
    public static final class ScriptAudit {
        private final ParseContext ctx;
        private final io.jkeepalived.conf.global.GlobalDefsBuilder global;
        private int flags;

        public ScriptAudit(ParseContext ctx) {
            this(ctx, null);
        }

        /** With global_defs: scripts are checked as the user they run as, with keepalived's permission walk. */
        public ScriptAudit(ParseContext ctx, io.jkeepalived.conf.global.GlobalDefsBuilder global) {
            this.ctx = ctx;
            this.global = global;
        }

        /** The script flags (ScriptSecurity) of every script seen. */
        public int flags() {
            return flags;
        }

        private boolean secure() {
            return global != null && global.enableScriptSecurity;
        }

        /** A notify script of a virtual or real server (notify_up, quorum_up, ...): counted, never dropped here. */
        public void notifyScript(io.jkeepalived.conf.model.Setting line) {
            if (line != null) {
                NotifyScript n = io.jkeepalived.conf.script.Scripts.parseQuietly(ctx, line);
                int[] ids = n == null || n.uid() == null ? io.jkeepalived.conf.script.DefaultScriptUser.ids(ctx, global)
                        : new int[] {n.uid(), n.gid() == null ? 0 : n.gid()};
                flags |= ScriptSecurity.check(n, ctx.system(), ids[0], ids[1], secure());
            }
        }

        /** keepalived's check_misc_script_security() for one MISC_CHECK: whether it stays. */
        boolean keep(MiscCheck misc) {
            NotifyScript script = new NotifyScript(misc.script(), null, null);
            int[] ids = io.jkeepalived.conf.script.DefaultScriptUser.ids(ctx, global, misc.user(), misc.group());
            int f = ScriptSecurity.check(script, ctx.system(), ids[0], ids[1], secure());
            flags |= f;
            if ((f & ScriptSecurity.INHIBIT) != 0) {
                CheckerKeywords.log(ctx, "Disabling misc script %s due to insecure", script.quoted());
                return false;
            }
            if ((f & ScriptSecurity.NOT_FOUND) != 0) {
                CheckerKeywords.log(ctx, "Disabling misc script %s since not found/accessible", script.quoted());
                return false;
            }
            return (f & (ScriptSecurity.EXECUTABLE | ScriptSecurity.SYSTEM)) != 0;
        }
    }

    /** {@link #build(Block)}, dropping MISC_CHECKs whose script would not run, as keepalived does at phase end. */
    public static List<Checker> build(Block realServer, ScriptAudit audit) {
        return build(realServer).stream().filter(c -> !(c instanceof MiscCheck m) || audit.keep(m)).toList();
    }

    /**
     * The checkers of a recorded real_server block that keepalived keeps after reading, in file order
     * (the deprecated SMTP_CHECK host blocks stay inside their SMTP_CHECK).
     */
    public static List<Checker> build(Block realServer) {
        List<Checker> out = new ArrayList<>();
        for (Block c : realServer.children()) {
            if (c.fact(DROPPED, false) || !c.setting().block()) {
                continue;
            }
            Checker built = switch (c.keyword()) {
                case "TCP_CHECK" -> new TcpCheck(timing(c), connection(c));
                case "PING_CHECK" -> new PingCheck(timing(c), connection(c));
                case "HTTP_GET", "SSL_GET" -> HttpCheckKeywords.build(c);
                case "MISC_CHECK" -> MiscCheckKeywords.build(c);
                case "SMTP_CHECK" -> SmtpCheckKeywords.build(c);
                case "DNS_CHECK" -> DnsCheckKeywords.build(c);
                case "UDP_CHECK" -> UdpCheckKeywords.build(c);
                case "FILE_CHECK" -> FileCheckKeywords.build(c);
                case "BFD_CHECK" -> new BfdCheck(c.fact("name", null), c.fact("alpha", null));
                default -> null;
            };
            if (built != null) {
                out.add(built);
            }
        }
        return List.copyOf(out);
    }

    /** A checker block opens (keepalived's queue_checker): its destination defaults to the real server. */
    static void opened(ParseContext ctx, CheckerHost host, boolean destinationIsRealServer) {
        ctx.recorder().lineFact("dstFamily", destinationIsRealServer ? family(host.realServerAddress()) : 0);
    }

    /** check_conn_opts() at a checker's close: a link-local destination needs bind_if. */
    static boolean connectionUsable(ParseContext ctx, CheckerHost host) {
        Recorder r = ctx.recorder();
        if (!Integer.valueOf(6).equals(r.currentFact("dstFamily")) || r.currentFact("bind_if") != null) {
            return true;
        }
        Object ip = r.currentFact("connect_ip");
        String dst = ip != null ? (String) ip : host.realServerAddress();
        byte[] a = InetText.parse6(strip(dst));
        if (a != null && (a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80) {
            ctx.error(ConfigError.GENERAL_ERROR, "Checker link local address %s requires a bind_if", dst);
            return false;
        }
        return true;
    }

    static void closeConnection(ParseContext ctx, CheckerHost host) {
        if (!connectionUsable(ctx, host)) {
            ctx.recorder().fact(DROPPED, true);
        }
    }

    static int family(String address) {
        return address == null ? 0 : address.indexOf(':') >= 0 ? 6 : 4;
    }

    /** inet_stosockaddr() cuts ranges and masks off before reading the address. */
    static String strip(String ip) {
        int cut = ip.indexOf('-');
        if (cut < 0) {
            cut = ip.indexOf('/');
        }
        return cut >= 0 ? ip.substring(0, cut) : ip;
    }

    /** The address family inet_stosockaddr() gives, or 0 when the address is invalid. */
    static int addressFamily(String ip) {
        int f = family(ip);
        String a = strip(ip);
        byte[] bytes = f == 6 ? InetText.parse6(a) : InetText.parse4(a);
        return bytes == null ? 0 : f;
    }

    private static void connection(SchemaTables.Bindings on, String p, ParseContext ctx, boolean host) {
        on.on(p + "connect_ip", w -> {
            String ip = w.word(1);
            int f = addressFamily(ip);
            Recorder r = ctx.recorder();
            Integer bind = (Integer) r.currentFact("bindFamily");
            if (f == 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid connect_ip address %s - ignoring", ip);
                r.fact("dstFamily", 0);
                r.fact("connect_ip", "");
            } else if (bind != null && bind != 0 && bind != f) {
                ctx.error(ConfigError.GENERAL_ERROR, "connect_ip address %s does not match address family of bindto - skipping", ip);
                r.fact("dstFamily", 0);
                r.fact("connect_ip", "");
            } else {
                r.fact("dstFamily", f);
                r.fact("connect_ip", ip);
            }
        });
        on.on(p + "connect_port", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 1, 65535, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid checker connect_port '%s'", w.word(1));
                return;
            }
            ctx.recorder().fact("connect_port", n.intValue());
        });
        on.on(p + "bindto", w -> {
            String ip = w.word(1);
            int f = addressFamily(ip);
            Recorder r = ctx.recorder();
            Integer dst = (Integer) r.currentFact("dstFamily");
            if (f == 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid bindto address %s - ignoring", ip);
                r.fact("bindFamily", 0);
                r.fact("bindto", "");
            } else if (dst != null && dst != 0 && dst != f) {
                ctx.error(ConfigError.GENERAL_ERROR, "bindto address %s does not match address family of connect_ip - skipping", ip);
                r.fact("bindFamily", 0);
                r.fact("bindto", "");
            } else {
                r.fact("bindFamily", f);
                r.fact("bindto", ip);
            }
        });
        on.on(p + "bind_port", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 1, 65535, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid checker bind_port '%s'", w.word(1));
                return;
            }
            ctx.recorder().fact("bind_port", n.intValue());
        });
        on.on(p + "bind_if", w -> {
            String name = w.word(1);
            if (name.length() > 15) {
                ctx.error(ConfigError.GENERAL_ERROR, "Interface name %s is too long - ignoring", name);
                return;
            }
            ctx.recorder().fact("bind_if", name);
        });
        on.on(p + "connect_timeout", w -> {
            var n = ctx.values().readTimer(w.word(1), 1, UINT_MAX, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "connect_timeout %s invalid - ignoring", w.word(1));
                return;
            }
            ctx.recorder().fact("connect_timeout", n.value());
        });
        on.on(p + "fwmark", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 0, UINT_MAX, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid fwmark connection value '%s'", w.word(1));
                return;
            }
            ctx.recorder().fact("fwmark", n.value());
        });
    }

    /**
     * retry ... log_all_failures. Inside an SMTP_CHECK host block they still set the checker's own
     * values (keepalived's CHECKER_GET_CURRENT), so they are noted on the enclosing block.
     */
    static void timing(SchemaTables.Bindings on, String p, ParseContext ctx, boolean inHost) {
        on.on(p + "retry", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 0, UINT_MAX, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid retry connection value '%s'", w.word(1));
                return;
            }
            note(ctx, inHost, "retry", n.value());
        });
        timer(on, p + "delay_before_retry", ctx, inHost, 0, "Invalid delay_before_retry connection value '%s'");
        timer(on, p + "warmup", ctx, inHost, 0, "Invalid warmup connection value '%s'");
        timer(on, p + "delay_loop", ctx, inHost, 1, "delay_loop '%s' is invalid - ignoring");
        for (String k : List.of("alpha", "log_all_failures")) {
            on.on(p + k, w -> {
                int res = 1;
                if (w.size() >= 2) {
                    res = ValueReader.checkTrueFalse(w.word(1));
                    if (res == -1) {
                        ctx.error(ConfigError.GENERAL_ERROR, "Invalid %s parameter %s", k, w.word(1));
                        return;
                    }
                }
                note(ctx, inHost, k, res == 1);
            });
        }
    }

    private static void timer(SchemaTables.Bindings on, String path, ParseContext ctx, boolean inHost, long min, String error) {
        String key = path.substring(path.lastIndexOf('/') + 1);
        on.on(path, w -> {
            var n = ctx.values().readTimer(w.word(1), min, 0, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, error, w.word(1));
                return;
            }
            note(ctx, inHost, key, n.value());
        });
    }

    private static void note(ParseContext ctx, boolean inHost, String key, Object value) {
        if (inHost) {
            ctx.recorder().parentFact(key, value);
        } else {
            ctx.recorder().fact(key, value);
        }
    }

    static CheckerTiming timing(Block c) {
        return new CheckerTiming(c.fact("retry", null), c.fact("delay_before_retry", null), c.fact("warmup", null),
                c.fact("delay_loop", null), c.fact("alpha", null), c.fact("log_all_failures", false));
    }

    static ConnectionOptions connection(Block c) {
        return new ConnectionOptions(nonEmpty(c.fact("connect_ip", null)), c.fact("connect_port", null),
                nonEmpty(c.fact("bindto", null)), c.fact("bind_port", null), c.fact("bind_if", null),
                c.fact("connect_timeout", null), c.fact("fwmark", null));
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
