package io.jkeepalived.conf.parser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * keepalived's {@code read_line()}: delivers one logical line at a time, after comments are removed,
 * include files are followed, {@code $PARAM} definitions and {@code @id} conditionals applied,
 * {@code ~SEQ}/{@code ~LST} expanded, and a line split at its first unquoted brace.
 *
 * <p>One reader reads the configuration once for one phase (keepalived reads it once in the parent and
 * once per child; the child reads a copy in which every file is named, so child-phase messages always
 * name the file).
 */
public final class ConfigReader {
    /** keepalived's MAXBUF: fgets reads at most 1023 bytes of a line at a time. */
    public static final int MAXBUF = 1024;

    private final Diagnostics diag;
    private final boolean parentPhase;
    private final String configId;
    private final String path;
    private final String content;
    private int pos;
    private int lineNo;
    private String residue;
    private int blockDepth;
    private boolean open;

    /**
     * @param path        the configuration file as named on the command line
     * @param parentPhase true for the parent's read (include errors reported; file named only when
     *                    several files are read), false for a child phase (file always named)
     * @param configId    the {@code -i} id for {@code @id} lines, or null
     */
    public ConfigReader(String path, Diagnostics diag, boolean parentPhase, String configId) throws IOException {
        this.diag = diag;
        this.parentPhase = parentPhase;
        this.configId = configId;
        this.path = path;
        this.content = new String(Files.readAllBytes(Path.of(path)), StandardCharsets.ISO_8859_1);
        this.open = true;
    }

    /** The position keepalived would print for a diagnostic reported now. */
    public Location location() {
        if (!open) {
            return Location.NONE;
        }
        return new Location(parentPhase ? null : path, path, lineNo);
    }

    /** The next logical line, never blank; null at the end of all files. */
    public String readLine() {
        String buf;
        do {
            if (residue != null) {
                buf = residue;
                residue = null;
            } else {
                buf = nextPhysical();
                if (buf == null) {
                    open = false;
                    if (blockDepth > 0) {
                        // reported once the file is closed, so without a line number, as keepalived does
                        diag.report(ConfigError.MISSING_EOB, "There are %d missing '}'s or extra '{'s", blockDepth);
                        blockDepth = 0;
                    }
                    return null;
                }
                buf = Decomment.apply(buf, diag);
                if (buf.isEmpty()) {
                    continue;
                }
                buf = conditional(buf);
            }
        } while (buf == null || buf.isEmpty());
        return splitBraces(buf);
    }

    private String conditional(String buf) {
        if (buf.charAt(0) != '@') {
            return buf;
        }
        boolean rev = buf.length() > 1 && buf.charAt(1) == '^';
        int ofs = rev ? 2 : 1;
        int sp = indexOfAny(buf, ofs, " \t");
        if (sp < 0) {
            return "";
        }
        String id = buf.substring(ofs, sp);
        boolean match = configId != null && configId.equals(id);
        if (match == rev) {
            return "";
        }
        int start = sp;
        while (start < buf.length() && (buf.charAt(start) == ' ' || buf.charAt(start) == '\t')) {
            start++;
        }
        return buf.substring(start);
    }

    private String splitBraces(String buf) {
        int p = 0;
        if (buf.charAt(0) != '{' && buf.charAt(0) != '}') {
            p = -1;
            int i = 0;
            while (i < buf.length()) {
                char c = buf.charAt(i);
                if (c == '{' || c == '}') {
                    p = i;
                    break;
                }
                if (c == '"') {
                    int close = buf.indexOf('"', i + 1);
                    if (close < 0) {
                        break;
                    }
                    i = close + 1;
                    continue;
                }
                i++;
            }
        }
        if (p >= 0) {
            int skip = 0;
            if (p == 0) {
                skip = 1;
                while (skip < buf.length() && (buf.charAt(skip) == ' ' || buf.charAt(skip) == '\t')) {
                    skip++;
                }
            }
            if (p + skip < buf.length()) {
                String rest = stripTrailing(buf.substring(p + skip));
                residue = rest;
                buf = buf.substring(0, p + skip);
            }
        }
        buf = stripTrailing(buf);
        if (buf.equals("{")) {
            blockDepth++;
        } else if (buf.equals("}")) {
            if (blockDepth-- < 1) {
                diag.report(ConfigError.UNEXPECTED_EOB, "Extra '}' found");
                blockDepth = 0;
            }
        }
        return buf;
    }

    /** fgets with MAXBUF: at most 1023 bytes; the line number advances only when a newline was read. */
    private String nextPhysical() {
        while (pos < content.length()) {
            int nl = content.indexOf('\n', pos);
            int end = nl < 0 ? content.length() : nl + 1;
            if (end - pos > MAXBUF - 1) {
                end = pos + MAXBUF - 1;
            }
            String chunk = content.substring(pos, end);
            pos = end;
            int len = chunk.length();
            if (len > 0 && chunk.charAt(len - 1) == '\n') {
                lineNo++;
                len--;
            }
            while (len > 0 && (chunk.charAt(len - 1) == '\n' || chunk.charAt(len - 1) == '\r')) {
                len--;
            }
            if (len == 0) {
                continue;
            }
            return chunk.substring(0, len);
        }
        return null;
    }

    private static String stripTrailing(String s) {
        int len = s.length();
        while (len > 0 && (s.charAt(len - 1) == ' ' || s.charAt(len - 1) == '\t')) {
            len--;
        }
        return s.substring(0, len);
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
