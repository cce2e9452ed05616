package io.jkeepalived.daemon.status;

/** A minimal JSON writer for the dump and {@code /status}: no library, and the output is keepalived's shape. */
final class Json {
    private final StringBuilder b = new StringBuilder();
    /** Whether a value was already written at the current nesting level (a comma is due before the next). */
    private final boolean[] started = new boolean[64];
    private int depth;

    Json beginObject() {
        separate();
        b.append('{');
        started[++depth] = false;
        return this;
    }

    Json endObject() {
        depth--;
        b.append('}');
        return this;
    }

    Json beginArray() {
        separate();
        b.append('[');
        started[++depth] = false;
        return this;
    }

    Json endArray() {
        depth--;
        b.append(']');
        return this;
    }

    /** The name of the next member; the value follows. */
    Json name(String name) {
        separate();
        string(b, name);
        b.append(':');
        started[depth] = false; // the value that follows takes no comma
        return this;
    }

    Json value(String s) {
        separate();
        if (s == null) {
            b.append("null");
        } else {
            string(b, s);
        }
        return this;
    }

    Json value(long n) {
        separate();
        b.append(n);
        return this;
    }

    Json value(boolean v) {
        separate();
        b.append(v);
        return this;
    }

    /** A number written as is (e.g. keepalived's {@code seconds.micros} times). */
    Json raw(String number) {
        separate();
        b.append(number);
        return this;
    }

    Json field(String name, String v) {
        return name(name).value(v);
    }

    Json field(String name, long v) {
        return name(name).value(v);
    }

    Json field(String name, boolean v) {
        return name(name).value(v);
    }

    private void separate() {
        if (started[depth]) {
            b.append(',');
        }
        started[depth] = true;
    }

    @Override
    public String toString() {
        return b.toString();
    }

    /** Escapes as keepalived's json_writer does, including {@code /} as {@code \/}. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
