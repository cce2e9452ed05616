package io.jkeepalived.daemon.status;

/** A strict JSON (RFC 8259) syntax check for the tests: throws on the first error. */
public final class MiniJson {
    private final String s;
    private int i;

    private MiniJson(String s) {
        this.s = s;
    }

    public static void validate(String text) {
        MiniJson p = new MiniJson(text);
        p.value();
        p.ws();
        if (p.i != text.length()) {
            throw p.error("trailing text");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + i + ": " + s.substring(Math.max(0, i - 20), Math.min(s.length(), i + 20)));
    }

    private void ws() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(i);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected " + c);
        }
        i++;
    }

    private void value() {
        ws();
        char c = peek();
        if (c == '{') {
            i++;
            ws();
            if (peek() == '}') {
                i++;
                return;
            }
            while (true) {
                ws();
                string();
                ws();
                expect(':');
                value();
                ws();
                if (peek() == ',') {
                    i++;
                } else {
                    expect('}');
                    return;
                }
            }
        } else if (c == '[') {
            i++;
            ws();
            if (peek() == ']') {
                i++;
                return;
            }
            while (true) {
                value();
                ws();
                if (peek() == ',') {
                    i++;
                } else {
                    expect(']');
                    return;
                }
            }
        } else if (c == '"') {
            string();
        } else if (s.startsWith("true", i)) {
            i += 4;
        } else if (s.startsWith("false", i)) {
            i += 5;
        } else if (s.startsWith("null", i)) {
            i += 4;
        } else {
            int start = i;
            while (i < s.length() && "-+.eE0123456789".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (!s.substring(start, i).matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
                throw error("bad number");
            }
        }
    }

    private void string() {
        expect('"');
        while (true) {
            char c = peek();
            i++;
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c == '\\') {
                char e = peek();
                i++;
                if (e == 'u') {
                    if (i + 4 > s.length() || !s.substring(i, i + 4).matches("[0-9a-fA-F]{4}")) {
                        throw error("bad \\u escape");
                    }
                    i += 4;
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw error("bad escape");
                }
            }
        }
    }
}
