package io.jkeepalived.conf.parser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * keepalived's {@code read_line()}: delivers one logical line at a time, after comments are removed,
 * include files are followed, {@code @id} conditionals applied, and a line split at its first unquoted
 * brace.
 *
 * <p>The parent phase reads the files themselves and writes a {@link ConfigCopy}; the child phases read
 * that copy, as keepalived's children do.
 */
public final class ConfigReader {
    /** keepalived's MAXBUF: fgets reads at most 1023 bytes of a line at a time. */
    public static final int MAXBUF = 1024;

    /** include types (keepalived's include_t bits). */
    static final int INCLUDE_R = 0x01;
    static final int INCLUDE_M = 0x02;
    static final int INCLUDE_W = 0x04;
    static final int INCLUDE_B = 0x08;

    /** One open file (or, in a child, one "# FILE" section of the copy). */
    private static final class Source {
        final String displayName;
        final String path;
        final int includeType;
        final Path savedCwd;
        List<String> matches;
        int nextMatch;
        String content;
        int pos;
        int lineNo;
        String currentName;

        Source(String displayName, String path, int includeType, Path savedCwd) {
            this.displayName = displayName;
            this.path = path;
            this.includeType = includeType;
            this.savedCwd = savedCwd;
        }
    }

    private final Diagnostics diag;
    /** keepalived's include_check: include types every include has on top of its own ({@code -e}: all). */
    private int includeCheck;
    private final boolean parentPhase;
    private final String configId;
    private final String mainPath;
    private final ConfigCopy copy;
    private final Deque<Source> stack = new ArrayDeque<>();
    private int copyPos;
    private Path cwd;
    private String residue;
    private int blockDepth;
    private boolean open;
    private Location lastLocation = Location.NONE;
    private final Definitions definitions = new Definitions(() -> cwd);
    private final Sequences sequences = new Sequences();
    private final Deque<String> multilineNext = new ArrayDeque<>();
    private int multilineSeqDepth;
    private Definitions.Def collecting;
    private boolean blankSeen;
    /** The line the file readers just returned is {@link #isPlain plain}. */
    private boolean plainLine;
    /** The line the file readers just returned would be plain but for a brace (see {@link ConfigCopy#addBraced}). */
    private boolean bracedLine;
    /** In a child, the copy's index of that line. */
    private int bracedIndex;
    /** What the last {@link #decommentSimple} found: none of { } $, braces but no $, or a $. */
    private int simpleKind;
    private static final int SIMPLE_PLAIN = 0;
    private static final int SIMPLE_BRACES = 1;
    private static final int SIMPLE_OTHER = 2;

    private ConfigReader(String path, Diagnostics diag, boolean parentPhase, String configId, ConfigCopy copy) {
        this.diag = diag;
        this.parentPhase = parentPhase;
        this.configId = configId;
        this.mainPath = path;
        this.copy = copy;
        this.cwd = Path.of("").toAbsolutePath();
        this.open = true;
    }

    /** The parent's reader: reads the files and writes {@code copy} for the later phases. */
    public static ConfigReader parent(String path, Diagnostics diag, String configId, ConfigCopy copy) throws IOException {
        return parent(path, diag, configId, copy, false);
    }

    /**
     * The parent's reader; with {@code allConfig} (keepalived's {@code -e}, its include_check of every kind) a missing
     * include is an error whatever the include's own type.
     */
    public static ConfigReader parent(String path, Diagnostics diag, String configId, ConfigCopy copy,
                                      boolean allConfig) throws IOException {
        ConfigReader r = new ConfigReader(path, diag, true, configId, copy);
        r.includeCheck = allConfig ? INCLUDE_R | INCLUDE_M | INCLUDE_W | INCLUDE_B : 0;
        if (!r.openMain(path)) {
            throw new IOException("cannot read " + path);
        }
        return r;
    }

    /** A child's reader: reads the parent's copy. */
    public static ConfigReader child(String path, Diagnostics diag, String configId, ConfigCopy copy) {
        return new ConfigReader(path, diag, false, configId, copy);
    }

    /** The position keepalived would print for a diagnostic reported now. */
    public Location location() {
        if (!open) {
            return Location.NONE;
        }
        Source top = stack.peek();
        if (top == null) {
            return lastLocation;
        }
        return new Location(top.currentName, top.path, top.lineNo);
    }

    /** The next logical line, never blank; null at the end of all files. */
    public String readLine() {
        String buf;
        while (true) {
            if (residue != null) {
                buf = residue;
                residue = null;
                break;
            }
            if (sequences.depth() > multilineSeqDepth) {
                buf = sequences.next(definitions);
                if (buf == null) {
                    continue;
                }
            } else if (!multilineNext.isEmpty()) {
                buf = multilineNext.poll();
                if (multilineNext.isEmpty()) {
                    multilineSeqDepth = 0;
                }
            } else {
                blankSeen = false;
                buf = parentPhase ? nextParentLine() : nextChildLine();
                if (collecting != null && blankSeen) {
                    definitions.finish(collecting);
                    collecting = null;
                }
                if (buf == null) {
                    if (collecting != null) {
                        definitions.finish(collecting);
                        collecting = null;
                    }
                    open = false;
                    if (blockDepth > 0) {
                        // reported once the file is closed, so without a line number, as keepalived does
                        diag.report(ConfigError.MISSING_EOB, "There are %d missing '}'s or extra '{'s", blockDepth);
                        blockDepth = 0;
                    }
                    return null;
                }
                if (collecting != null) {
                    if (!definitions.extend(collecting, buf)) {
                        collecting = null;
                    }
                    continue;
                }
                if (plainLine && !(parentPhase && isInclude(buf))) {
                    // nothing for expand() and splitBraces() to do: the common line, delivered as it is
                    return buf;
                }
                if (bracedLine && !(parentPhase && isInclude(buf))) {
                    // nothing for expand() to do (no @ or ~ first, no $), only a brace to split at; the
                    // parent notes the split in the copy, so the children only count the brace
                    if (parentPhase) {
                        String head = splitBraces(buf);
                        copy.noteSplit(head, residue);
                        return head;
                    }
                    String head = copy.splitHead(bracedIndex);
                    if (head == null) {
                        return splitBraces(buf);
                    }
                    residue = copy.splitRest(bracedIndex);
                    return countBrace(head);
                }
            }
            buf = expand(buf);
            if (buf == null || buf.isEmpty()) {
                continue;
            }
            if (parentPhase && isInclude(buf)) {
                include(buf);
                continue;
            }
            break;
        }
        return splitBraces(buf);
    }

    /**
     * The per-line rewriting of keepalived's read_line(): {@code @id}, {@code $NAME=} definitions,
     * {@code ~SEQ}/{@code ~LST}, and parameter substitution (repeated while it produces more of them).
     * Returns null or "" when nothing is left of the line.
     */
    private String expand(String line) {
        String buf = line;
        boolean recheck;
        int rounds = 0;
        do {
            if (++rounds > 64) {
                // keepalived loops for ever on a definition that expands to itself
                diag.report(ConfigError.GENERAL_ERROR, "Parameter substitution on line '%s' does not terminate", line);
                return null;
            }
            recheck = false;
            buf = conditional(buf);
            if (buf.isEmpty()) {
                return null;
            }
            if (buf.charAt(0) == '$') {
                Definitions.Def def = definitions.define(buf);
                if (def != null) {
                    if (def.multiline) {
                        collecting = def;
                    }
                    return null;
                }
            }
            if (buf.startsWith("~SEQ") || buf.startsWith("~LST")) {
                boolean ok = buf.charAt(1) == 'S' ? sequences.addSeq(buf, definitions, diag) : sequences.addLst(buf, diag);
                if (!ok) {
                    diag.report(ConfigError.GENERAL_ERROR, "Invalid %s specification '%s'", buf.substring(0, 4), buf);
                }
                return null;
            }
            if (buf.charAt(0) == '~') {
                break;
            }
            if (!definitions.isEmpty() && buf.indexOf('$') >= 0) {
                Definitions.Replaced r = definitions.replace(buf);
                if (r == null) {
                    break;
                }
                if (!r.following().isEmpty()) {
                    multilineNext.addAll(r.following());
                    multilineSeqDepth = sequences.depth();
                }
                buf = Decomment.apply(r.line(), diag);
                if (buf.isEmpty()) {
                    return null;
                }
                recheck = buf.charAt(0) == '@' || buf.indexOf('$') >= 0;
            }
        } while (recheck);
        return buf;
    }

    // ---- the parent: files, includes, the copy -------------------------------------------------

    private boolean openMain(String path) {
        Source main = new Source(null, path, INCLUDE_R, cwd);
        main.matches = List.of(path);
        stack.push(main);
        if (!openNextMatch(main)) {
            stack.pop();
            return false;
        }
        return true;
    }

    /** The next decommented, non-empty physical line of the current files, writing the copy as it goes. */
    private String nextParentLine() {
        plainLine = false;
        bracedLine = false;
        while (!stack.isEmpty()) {
            Source f = stack.peek();
            String content = f.content;
            if (f.pos >= content.length()) {
                endFile(f);
                continue;
            }
            // fgets with MAXBUF: at most 1023 bytes, or up to and including the newline; the chunk is
            // kept as a range of the file's text, so a line is copied out once, after decommenting
            int start = f.pos;
            int nl = content.indexOf('\n', start);
            int end = nl < 0 ? content.length() : nl + 1;
            if (end - start > MAXBUF - 1) {
                end = start + MAXBUF - 1;
            }
            f.pos = end;
            int len = end;
            if (len > start && content.charAt(len - 1) == '\n') {
                f.lineNo++;
                len--;
            }
            while (len > start && (content.charAt(len - 1) == '\n' || content.charAt(len - 1) == '\r')) {
                len--;
            }
            if (len == start) {
                copy.add("");
                blankSeen = true;
                continue;
            }
            String buf = decommentSimple(content, start, len);
            boolean plain;
            boolean braced = false;
            if (buf != null) {
                boolean simple = !buf.isEmpty() && buf.charAt(0) != '@' && buf.charAt(0) != '~';
                plain = simple && simpleKind == SIMPLE_PLAIN;
                braced = simple && simpleKind == SIMPLE_BRACES;
            } else {
                buf = Decomment.apply(content, start, len, diag);
                plain = isPlain(buf);
            }
            if (isInclude(buf)) {
                copy.add("");
            } else if (plain) {
                copy.addPlain(buf);
                plainLine = true;
            } else if (braced) {
                copy.addBraced(buf);
                bracedLine = true;
            } else {
                copy.add(buf);
            }
            if (!buf.isEmpty()) {
                return buf;
            }
            plainLine = false;
            bracedLine = false;
        }
        return null;
    }

    /**
     * {@link Decomment#apply} of a range that has nothing to remove but blanks (no {@code # ! " \}), in one
     * pass over the file's text that also notes in {@link #simpleKind} whether it has any of
     * {@link #isPlain}'s other special characters ({@code { } $}): the line without its edge blanks,
     * or null when the line needs the general path. Most lines of a large configuration take this one.
     */
    private String decommentSimple(String text, int from, int to) {
        int start = from;
        while (start < to && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        int kind = SIMPLE_PLAIN;
        for (int i = start; i < to; i++) {
            char c = text.charAt(i);
            if (c == '#' || c == '!' || c == '"' || c == '\\') {
                return null;
            }
            if (c == '$') {
                kind = SIMPLE_OTHER;
            } else if ((c == '{' || c == '}') && kind == SIMPLE_PLAIN) {
                kind = SIMPLE_BRACES;
            }
        }
        simpleKind = kind;
        int end = to;
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * A decommented line that neither {@link #expand} nor {@link #splitBraces} would change, and that a
     * child's decomment leaves as it is: not empty, no blank at either end, none of {@code # ! " \ { } $},
     * and not starting with {@code @} or {@code ~}. Most lines of a large configuration are plain.
     */
    static boolean isPlain(String buf) {
        int n = buf.length();
        if (n == 0) {
            return false;
        }
        char first = buf.charAt(0);
        if (first == '@' || first == '~' || first == ' ' || first == '\t') {
            return false;
        }
        char last = buf.charAt(n - 1);
        if (last == ' ' || last == '\t') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = buf.charAt(i);
            if (c == '#' || c == '!' || c == '"' || c == '\\' || c == '{' || c == '}' || c == '$') {
                return false;
            }
        }
        return true;
    }

    private void endFile(Source f) {
        copy.add("!");
        cwd = f.savedCwd;
        if (!openNextMatch(f)) {
            lastLocation = new Location(f.currentName, f.path, f.lineNo);
            stack.pop();
            if (!stack.isEmpty()) {
                cwd = dirOf(stack.peek());
            }
        }
    }

    /** keepalived's open_conf_file(): the next readable regular file of the glob, or false. */
    private boolean openNextMatch(Source f) {
        while (f.nextMatch < f.matches.size()) {
            String name = f.matches.get(f.nextMatch++);
            Path p;
            try {
                p = cwd.resolve(name);
            } catch (InvalidPathException e) {
                fileError(f.includeType, INCLUDE_R, "Configuration file '%s' open problem (%s) - skipping", name, "Invalid argument");
                continue;
            }
            if (name.endsWith("/")) {
                fileError(f.includeType, INCLUDE_R, "Configuration file '%s' is a directory - skipping", name);
                continue;
            }
            if (!Files.isRegularFile(p) || executable(p)) {
                fileError(f.includeType, INCLUDE_R, "Configuration file '%s' is not a regular non-executable file - skipping", name);
                continue;
            }
            try {
                f.content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                fileError(f.includeType, INCLUDE_R, "Configuration file '%s' open problem (%s) - skipping", name, e.getMessage());
                continue;
            }
            f.pos = 0;
            f.lineNo = 0;
            copy.add("# " + name);
            // keepalived names the file in messages only when it is an included one or one of several
            boolean nested = stack.size() > 1 || stack.peek() != f;
            f.currentName = nested || f.matches.size() > 1 ? name : null;
            if (name.indexOf('/') >= 0) {
                Path parent = p.getParent();
                if (parent != null) {
                    cwd = parent.normalize();
                }
            }
            return true;
        }
        return false;
    }

    private Path dirOf(Source s) {
        if (s.nextMatch == 0) {
            return cwd;
        }
        String name = s.matches.get(s.nextMatch - 1);
        if (name.indexOf('/') < 0) {
            return s.savedCwd;
        }
        Path parent = s.savedCwd.resolve(name).getParent();
        return parent == null ? s.savedCwd : parent.normalize();
    }

    private static boolean executable(Path p) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE) || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** keepalived's is_include(): {@code include}, {@code includer}, {@code includem}, ... followed by a blank. */
    static boolean isInclude(String buf) {
        if (!buf.startsWith("include") || buf.length() == 7) {
            return false;
        }
        char c = buf.charAt(7);
        if (Character.isWhitespace(c)) {
            return true;
        }
        return buf.length() > 8 && Character.isWhitespace(buf.charAt(8)) && "rmwba".indexOf(c) >= 0;
    }

    /** keepalived's check_include() and open_glob_file(). */
    private void include(String buf) {
        char t = buf.charAt(7);
        int type;
        int start;
        if (Character.isWhitespace(t)) {
            type = 0;
            start = 8;
        } else {
            start = 9;
            type = switch (t) {
                case 'r' -> INCLUDE_R;
                case 'a' -> INCLUDE_R | INCLUDE_M | INCLUDE_B | INCLUDE_W;
                case 'w' -> INCLUDE_R | INCLUDE_M | INCLUDE_W;
                case 'm' -> INCLUDE_R | INCLUDE_M;
                default -> INCLUDE_R | INCLUDE_B;
            };
        }
        while (start < buf.length() && (buf.charAt(start) == ' ' || buf.charAt(start) == '\t')) {
            start++;
        }
        String pattern = buf.substring(Math.min(start, buf.length()));
        if (stack.size() > 64) {
            // keepalived recurses until it runs out of file descriptors; a loop is an error here
            fileError(INCLUDE_R, INCLUDE_R, "Configuration file '%s' included too deeply - skipping", pattern);
            return;
        }
        type |= includeCheck;
        Glob.Result g = Glob.expand(pattern, cwd);
        if (g.paths().isEmpty()) {
            if (g.missingFiles() > 0 || g.missingDirectories() > 0) {
                fileError(type, Glob.braces(pattern).size() > 1 || pattern.indexOf('{') >= 0 ? INCLUDE_B : INCLUDE_M,
                        "Config files missing '%s'.", pattern);
            } else if (g.haveWildcards() && (type & INCLUDE_W) != 0) {
                fileError(type, INCLUDE_W, "No config files matched '%s'.", pattern);
            }
            return;
        }
        if (g.missingFiles() > 0 || g.missingDirectories() > 0) {
            fileError(type, INCLUDE_B, "Some config files missing: \"%s\".", pattern);
            if ((type & INCLUDE_B) != 0) {
                return;
            }
        }
        Source inc = new Source(pattern, null, type, cwd);
        inc.matches = g.paths();
        Source includer = stack.peek();
        stack.push(inc);
        if (!openNextMatch(inc)) {
            stack.pop();
            cwd = inc.savedCwd;
            if (includer != null) {
                lastLocation = new Location(includer.currentName, includer.path, includer.lineNo);
            }
        }
    }

    /** keepalived's file_config_error(): an error only when the include type asks for it. */
    private void fileError(int includeType, int errorType, String format, Object... args) {
        boolean error = (includeType & errorType) != 0;
        diag.report(error ? ConfigError.FILE_NOT_FOUND : ConfigError.OK, format, args);
        if (error) {
            copy.markFileError();
        }
        copy.add("#! " + String.format(format, args));
    }

    // ---- a child: the copy ------------------------------------------------------------------------

    private String nextChildLine() {
        plainLine = false;
        bracedLine = false;
        List<String> lines = copy.lines();
        while (copyPos < lines.size()) {
            int index = copyPos++;
            String line = lines.get(index);
            if (copy.isPlain(index)) {
                // what decomment would return unchanged; counted like any other line
                Source top = stack.peek();
                if (top != null) {
                    top.lineNo++;
                }
                plainLine = true;
                return line;
            }
            if (copy.isBraced(index)) {
                // the same, with a brace for splitBraces() to split at
                Source top = stack.peek();
                if (top != null) {
                    top.lineNo++;
                }
                bracedLine = true;
                bracedIndex = index;
                return line;
            }
            if (line.startsWith("#!")) {
                continue;
            }
            if (line.startsWith("# ")) {
                String name = line.substring(2);
                Source s = new Source(name, name, 0, cwd);
                s.currentName = name;
                stack.push(s);
                continue;
            }
            if (line.equals("!")) {
                Source s = stack.poll();
                if (s != null) {
                    lastLocation = new Location(s.currentName, s.path, s.lineNo);
                }
                continue;
            }
            Source top = stack.peek();
            if (top != null) {
                top.lineNo++;
            }
            if (line.isEmpty()) {
                blankSeen = true;
                continue;
            }
            String buf = Decomment.apply(line, diag);
            if (!buf.isEmpty()) {
                return buf;
            }
        }
        return null;
    }

    // ---- shared: @id, braces -------------------------------------------------------------------------

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
        char first = buf.charAt(0);
        if (first != '{' && first != '}' && buf.indexOf('"') < 0) {
            // no quotes: the first brace, if any, is where the line splits
            int open = buf.indexOf('{');
            int close = buf.indexOf('}');
            p = open < 0 ? close : close < 0 ? open : Math.min(open, close);
        } else if (first != '{' && first != '}') {
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
                residue = stripTrailing(buf.substring(p + skip));
                buf = buf.substring(0, p + skip);
            }
        }
        return countBrace(stripTrailing(buf));
    }

    /** keepalived's count of unbalanced braces, on a line as split: reports an extra '}'. */
    private String countBrace(String buf) {
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

    private static String stripTrailing(String s) {
        int len = s.length();
        if (len == 0 || (s.charAt(len - 1) != ' ' && s.charAt(len - 1) != '\t')) {
            return s;
        }
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
