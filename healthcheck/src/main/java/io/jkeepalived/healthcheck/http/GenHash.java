package io.jkeepalived.healthcheck.http;

import io.jkeepalived.conf.model.check.HttpProtocol;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.NetUtil;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * keepalived's genhash ({@code check_genhash.c} of 2.2.7): GETs one url as HTTP_GET/SSL_GET would and prints
 * the MD5 digest to put in a url's {@code digest}, as 32 lower-case hex digits and a newline. Its command line,
 * messages and exit codes are genhash's: a failure to connect or read prints keepalived's words for it on stdout
 * and exits 0; an empty reply prints "no data received from remote webserver" on stderr and exits 0; a bad command
 * line prints a message and the usage on stderr and exits 1. The status code is not looked at.
 */
public final class GenHash {
    static final String PROG = "jkeepalived genhash";

    private boolean verbose;
    private boolean ssl;
    private boolean sni;
    private InetAddress server;
    private int port = -1;
    private String url;
    private String vhost;
    private long fwmark;
    private HttpProtocol protocol = HttpProtocol.HTTP_1_0;
    private long timeoutNanos = HttpExchange.NO_TIMEOUT;

    private GenHash() {
    }

    /** Runs genhash with {@code args} (without the program name); returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        GenHash g = new GenHash();
        if (!g.parse(args, err)) {
            usage(err);
            return 1;
        }
        long start = System.nanoTime();
        g.fetch(out, err);
        if (g.verbose) {
            out.printf("%nGlobal response time for [%s] = %d usecs%n", g.url, (System.nanoTime() - start) / 1000);
        }
        out.flush();
        err.flush();
        return 0;
    }

    static void usage(PrintStream err) {
        err.print("Usage: " + PROG + " COMMAND [OPTIONS]\n"
                + "Commands:\n"
                + "   -s server-address -p port -u url\n"
                + "   -S -s server-address -p port -u url\n"
                + "   -h\n\n");
        err.print("Options:\n"
                + "Either long or short options are allowed.\n"
                + "   --use-ssl         -S       Use SSL connection to remote server.\n"
                + "   --use-sni         -I       Use SNI during SSL handshake (uses virtualhost setting; see -V).\n"
                + "   --server          -s       Use the specified remote server address.\n"
                + "   --port            -p       Use the specified remote server port.\n"
                + "   --url             -u       Use the specified remote server url.\n"
                + "   --use-virtualhost -V       Use the specified virtualhost in GET query.\n"
                + "   --verbose         -v       Use verbose mode output.\n"
                + "   --help            -h       Display this short inlined help screen.\n"
                + "   --fwmark          -m       Use the specified FW mark.\n"
                + "   --protocol        -P       Use the specified HTTP protocol - '1.0', 1.0c', '1.1'.\n"
                + "                                1.0c means 1.0 with 'Connection: close'\n"
                + "   --timeout         -t       Timeout in seconds\n");
    }

    private static final String[][] LONG = {
            {"help", "h", ""}, {"verbose", "v", ""}, {"use-ssl", "S", ""}, {"use-sni", "I", ""},
            {"server", "s", "arg"}, {"use-virtualhost", "V", "arg"}, {"port", "p", "arg"}, {"url", "u", "arg"},
            {"fwmark", "m", "arg"}, {"protocol", "P", "arg"}, {"timeout", "t", "arg"}};
    private static final String WITH_ARG = "sVpumPt";
    private static final String NO_ARG = "hvSI";

    /** getopt_long as genhash calls it (":hvSs:V:p:u:m:P:t:I", GNU argument permutation); false: usage, exit 1. */
    private boolean parse(String[] args, PrintStream err) {
        if (args.length + 1 <= 2) { // genhash's "trivial sanity check" counts the program name
            return false;
        }
        boolean bad = false;
        List<String> operands = new ArrayList<>();
        int seen = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                for (i++; i < args.length; i++) {
                    operands.add(args[i]);
                }
                break;
            }
            if (a.startsWith("--")) {
                String body = a.substring(2);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                String[] opt = longOption(name);
                if (opt == null) {
                    err.print("Unknown option " + a + "\n");
                    bad = true;
                    continue;
                }
                String value = null;
                if (!opt[2].isEmpty()) {
                    if (eq >= 0) {
                        value = body.substring(eq + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        err.print("Missing parameter for option --" + opt[0] + "\n");
                        bad = true;
                        continue;
                    }
                } else if (eq >= 0) {
                    err.print("Unknown option " + a + "\n"); // getopt: "doesn't allow an argument" -> '?'
                    bad = true;
                    continue;
                }
                int r = apply(opt[1].charAt(0), value, err);
                if (r < 0) {
                    return false;
                }
                bad |= r == 1;
                seen |= bit(opt[1].charAt(0));
                continue;
            }
            if (a.length() < 2 || a.charAt(0) != '-') {
                operands.add(a);
                continue;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                if (NO_ARG.indexOf(c) >= 0) {
                    int r = apply(c, null, err);
                    bad |= r == 1;
                    seen |= bit(c);
                    continue;
                }
                if (WITH_ARG.indexOf(c) < 0) {
                    err.print("Unknown option -" + c + "\n");
                    bad = true;
                    continue;
                }
                String value;
                if (k + 1 < a.length()) {
                    value = a.substring(k + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    err.print("Missing parameter for option -" + c + "\n");
                    bad = true;
                    break;
                }
                int r = apply(c, value, err);
                if (r < 0) {
                    return false;
                }
                seen |= bit(c);
                break;
            }
        }
        if (bad) {
            return false;
        }
        if (!operands.isEmpty()) {
            err.print("Unexpected argument(s): " + String.join(" ", operands) + "\n");
            return false;
        }
        int mandatory = bit('s') | bit('p') | bit('u');
        return (seen & mandatory) == mandatory;
    }

    private static int bit(char c) {
        return 1 << "hvSIsVpumPt".indexOf(c);
    }

    /** An exact long option name, else the only one it abbreviates, else null. */
    private static String[] longOption(String name) {
        String[] found = null;
        for (String[] o : LONG) {
            if (o[0].equals(name)) {
                return o;
            }
            if (!name.isEmpty() && o[0].startsWith(name)) {
                if (found != null) {
                    return null; // ambiguous
                }
                found = o;
            }
        }
        return found;
    }

    /** One option: 0 done, 1 bad option (usage after parsing), -1 fatal (usage now). */
    private int apply(char c, String v, PrintStream err) {
        switch (c) {
            case 'h' -> {
                return 1;
            }
            case 'v' -> verbose = true;
            case 'S' -> ssl = true;
            case 'I' -> sni = true;
            case 's' -> {
                byte[] raw = NetUtil.createByteArrayFromIpAddressString(v);
                if (raw == null) {
                    err.print("server should be an IP, not " + v + "\n");
                    return -1;
                }
                try {
                    server = InetAddress.getByAddress(raw);
                } catch (UnknownHostException e) {
                    err.print("server should be an IP, not " + v + "\n");
                    return -1;
                }
            }
            case 'V' -> vhost = v;
            case 'p' -> {
                long p = strtol(v);
                if (p <= 0 || p > 65535) {
                    err.print("invalid port number '" + v + "'\n");
                    return -1;
                }
                port = (int) p;
            }
            case 'u' -> url = v; // genhash asks for the last url given
            case 'm' -> {
                Long m = unsignedSeconds(v, false);
                if (m == null) {
                    err.print("invalid fwmark '" + v + "'\n");
                    return -1;
                }
                fwmark = m;
            }
            case 'P' -> {
                HttpProtocol p = switch (v) {
                    case "1.0" -> HttpProtocol.HTTP_1_0;
                    case "1.0c", "1.0C" -> HttpProtocol.HTTP_1_0C;
                    case "1.1" -> HttpProtocol.HTTP_1_1;
                    default -> null;
                };
                if (p == null) {
                    err.print("invalid HTTP protocol version '" + v + "'\n");
                    return -1;
                }
                protocol = p;
            }
            case 't' -> {
                Long t = unsignedSeconds(v, true);
                if (t == null) {
                    err.print("invalid timeout '" + v + "'\n");
                    return -1;
                }
                timeoutNanos = TimeUnit.SECONDS.toNanos(t);
            }
            default -> throw new IllegalStateException("option " + c);
        }
        return 0;
    }

    /** strtol(v, &end, 10) with *end required to be NUL; a value outside 1..65535 when not a number. */
    private static long strtol(String v) {
        String s = v.stripLeading();
        if (s.isEmpty() || !s.matches("[+-]?[0-9]+")) {
            return -1;
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** genhash's -t/-m reading: blanks skipped, no sign '-', digits to the end (a value that fits 32 bits). */
    private static Long unsignedSeconds(String v, boolean rejectEmpty) {
        String s = v.replaceFirst("^[ \t]+", "");
        if ((rejectEmpty && s.isEmpty()) || s.startsWith("-") || (!rejectEmpty && s.startsWith(" "))) {
            return null;
        }
        if (s.isEmpty()) {
            return 0L;
        }
        if (!s.matches("\\+?[0-9]+")) {
            return null;
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s) & 0xffffffffL; // (unsigned) cast
        } catch (NumberFormatException e) {
            return 0xffffffffL;
        }
    }

    private void fetch(PrintStream out, PrintStream err) {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends SocketChannel> type = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        try {
            InetSocketAddress dst = new InetSocketAddress(server, port);
            // SNI: the url's virtualhost, else the checker's (-V); genhash has no virtual server
            HttpExchange.Spec spec = new HttpExchange.Spec(dst, null, null, fwmark, timeoutNanos, ssl,
                    ssl && sni ? vhost : null, GetRequest.build(url, protocol, vhost, dst));
            ResponseScanner scanner = new ResponseScanner(true, null, verbose ? new VerboseTrace(out) : null);
            CompletableFuture<HttpExchange.Outcome> result = new CompletableFuture<>();
            EventLoop loop = group.next();
            HttpExchange.start(loop, type, spec, scanner, result::complete);
            HttpExchange.Outcome o = result.join();
            if (o.error() != null) {
                out.print(o.error() + "\n");
            } else if (!o.result().extracted()) {
                err.print("no data received from remote webserver\n");
            } else {
                if (verbose) {
                    out.print("\n" + VerboseTrace.HTML_HASH);
                    VerboseTrace.dumpBuffer(out, o.result().digest(), 0, 16);
                    out.print(VerboseTrace.HTML_HASH_FINAL);
                }
                out.print(HexFormat.of().formatHex(o.result().digest()) + "\n");
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** genhash -v's dumps: the head in hex and as text, the body in hex, the digest in hex (dump_buffer's format). */
    static final class VerboseTrace implements ResponseScanner.Trace {
        private static final String BEGIN = "-----------------------[";
        private static final String END = "]-----------------------\n";
        static final String HTTP_HEADER_HEXA = BEGIN + "    HTTP Header Buffer    " + END;
        static final String HTTP_HEADER_ASCII = BEGIN + " HTTP Header Ascii Buffer " + END;
        static final String HTML_HEADER_HEXA = BEGIN + "        HTML Buffer        " + END;
        static final String HTML_HASH = BEGIN + "    HTML hash resulting    " + END;
        static final String HTML_HASH_FINAL = BEGIN + " HTML hash final resulting " + END;

        private final PrintStream out;

        VerboseTrace(PrintStream out) {
            this.out = out;
        }

        @Override
        public void headPending() {
            out.print(HTTP_HEADER_HEXA);
        }

        @Override
        public void head(byte[] head, byte[] firstBody) {
            dumpBuffer(out, head, 0, head.length);
            out.print(HTTP_HEADER_ASCII);
            out.print(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1) + "\n");
            if (firstBody.length > 0) {
                out.print(HTML_HEADER_HEXA);
                dumpBuffer(out, firstBody, 0, firstBody.length);
            }
        }

        @Override
        public void body(byte[] bytes, int off, int len) {
            dumpBuffer(out, bytes, off, len);
        }

        /** keepalived's dump_buffer: offset, 16 bytes in hex split by " -", then their printable characters. */
        static void dumpBuffer(PrintStream out, byte[] b, int off, int count) {
            StringBuilder s = new StringBuilder();
            int c = count % 16 == 0 ? count : count + 16 - count % 16;
            for (int i = 0; i < c; i++) {
                if (i % 16 == 0) {
                    s.append(String.format("%04d ", i & 0xffff));
                }
                s.append(i < count ? String.format("%3s", String.format("%02x", b[off + i] & 0xff)) : "   ");
                if ((i + 1) % 8 == 0) {
                    if ((i + 1) % 16 != 0) {
                        s.append(" -");
                    } else {
                        s.append("   ");
                        for (int j = i - 15; j <= i; j++) {
                            if (j < count) {
                                int v = b[off + j] & 0xff;
                                s.append(v >= 0x20 && v <= 0x7e ? (char) v : '.');
                            } else {
                                s.append(' ');
                            }
                        }
                        s.append('\n');
                    }
                }
            }
            out.print(s);
        }
    }
}
