package io.jkeepalived.conf.schema;

import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.ValueReader;
import io.jkeepalived.conf.parser.Words;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalived 2.2.7's range checks of a keyword's value ({@code value-checks-2.2.7.txt}), applied to the
 * keywords no family binds a handler to, so a value keepalived rejects is rejected here too, on the same
 * line and with its message.
 */
final class ValueChecks {
    /** One check: how the value is read and what is reported when it is out of range. */
    record Check(String reader, long min, long max, int digits, boolean ignoreError, ConfigError severity,
                 String cFormat, List<String> args) {
        /**
         * The message as a Java format: C conversions ({@code %u, %zu, %.2f}, ...) become {@code %s}, every
         * argument being passed as text. Made when a value is rejected rather than when the table is
         * loaded, so that start-up compiles no regular expression (bench/README.md).
         */
        String format() {
            return cFormat.replace("%%", "\u0000").replaceAll("%[-+ #0-9.]*[hlzjt]*[a-zA-Z]", "%s")
                    .replace("\u0000", "%%").replace("\\\"", "\"");
        }
    }

    private static final String RESOURCE = "/io/jkeepalived/conf/value-checks-2.2.7.txt";
    private static final Map<String, Check> CHECKS = load();

    private ValueChecks() {
    }

    static Check forPath(String path) {
        return CHECKS.get(path);
    }

    /** Reads word 1 as keepalived's handler does; reports keepalived's message when it is rejected. */
    static void apply(Check c, ParseContext ctx, Words w) {
        String value = w.word(1);
        ValueReader v = ctx.values();
        ValueReader.Num n = switch (c.reader()) {
            case "int" -> v.readInt(value, (int) c.min(), (int) c.max(), c.ignoreError());
            case "decimal" -> v.readDecimal(value, c.min(), c.max(), c.digits(), c.ignoreError());
            case "timer" -> v.readTimer(value, c.min(), c.max(), c.ignoreError());
            default -> v.readUnsigned(value, c.min(), c.max(), c.ignoreError());
        };
        if (n.ok()) {
            return;
        }
        Object[] args = c.args().stream().map(a -> switch (a) {
            case "w1" -> value;
            case "name" -> ctx.recorder().currentBlockName();
            default -> a;
        }).toArray();
        ctx.error(c.severity(), c.format(), args);
    }

    /** A bound as written: negative, or unsigned up to ULONG_MAX. */
    private static long number(String s) {
        return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
    }

    private static Map<String, Check> load() {
        Map<String, Check> m = new HashMap<>();
        try (InputStream in = ValueChecks.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                List<String> args = f[8].isEmpty() ? List.of() : List.of(f[8].split(","));
                m.put(f[0], new Check(f[1], number(f[2]), number(f[3]),
                        Integer.parseInt(f[4]), f[5].equals("1"), ConfigError.valueOf(f[6]), f[7], args));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
