package io.jkeepalived.conf.parser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * glibc's {@code glob(GLOB_MARK | GLOB_BRACE)} as keepalived calls it for {@code include}, with the counts
 * keepalived's directory hooks keep (missing files and directories, whether a wildcard was expanded),
 * which decide its include messages. Paths are returned as glob spells them: relative to {@code cwd}
 * when the pattern is, directories marked with a trailing '/'.
 */
final class Glob {
    /** What a glob found. */
    record Result(List<String> paths, int missingFiles, int missingDirectories, boolean haveWildcards) {
    }

    private final Path cwd;
    private final List<String> out = new ArrayList<>();
    private int missingFiles;
    private int missingDirectories;
    private boolean haveWildcards;

    private Glob(Path cwd) {
        this.cwd = cwd;
    }

    static Result expand(String pattern, Path cwd) {
        Glob g = new Glob(cwd);
        for (String alt : braces(pattern)) {
            int from = g.out.size();
            g.one(alt);
            g.out.subList(from, g.out.size()).sort(null);
        }
        return new Result(List.copyOf(g.out), g.missingFiles, g.missingDirectories, g.haveWildcards);
    }

    /** GLOB_BRACE: {@code a{b,c{d,e}}f} becomes abf, acdf, acef; an unbalanced brace is literal. */
    static List<String> braces(String p) {
        int open = -1;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                open = i;
                break;
            }
        }
        if (open < 0) {
            return List.of(p);
        }
        int depth = 0;
        List<String> parts = new ArrayList<>();
        int start = open + 1;
        int close = -1;
        for (int i = open; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (--depth == 0) {
                    parts.add(p.substring(start, i));
                    close = i;
                    break;
                }
            } else if (c == ',' && depth == 1) {
                parts.add(p.substring(start, i));
                start = i + 1;
            }
        }
        if (close < 0) {
            return List.of(p);
        }
        String head = p.substring(0, open);
        String tail = p.substring(close + 1);
        List<String> all = new ArrayList<>();
        for (String part : parts) {
            all.addAll(braces(head + part + tail));
        }
        return all;
    }

    private void one(String pattern) {
        if (!magic(pattern)) {
            Path p = resolve(pattern);
            if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                missingFiles++;
                return;
            }
            out.add(mark(unescape(pattern), p));
            return;
        }
        boolean absolute = pattern.startsWith("/");
        String[] comps = pattern.split("/+", -1);
        walk(absolute ? "/" : "", comps, absolute ? 1 : 0);
    }

    private void walk(String prefix, String[] comps, int i) {
        if (i == comps.length) {
            return;
        }
        String comp = comps[i];
        boolean last = i == comps.length - 1;
        if (comp.isEmpty()) {
            if (last) {
                Path p = resolve(prefix);
                if (p != null && Files.isDirectory(p)) {
                    out.add(prefix.endsWith("/") ? prefix : prefix + "/");
                }
            } else {
                walk(prefix, comps, i + 1);
            }
            return;
        }
        if (!magic(comp)) {
            String next = prefix + unescape(comp);
            if (last) {
                Path p = resolve(next);
                if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    missingFiles++;
                    return;
                }
                out.add(mark(next, p));
            } else {
                walk(next + "/", comps, i + 1);
            }
            return;
        }
        haveWildcards = true;
        Path dir = resolve(prefix.isEmpty() ? "." : prefix);
        List<String> names;
        try (Stream<Path> s = dir == null ? null : Files.list(dir)) {
            if (s == null) {
                missingDirectories++;
                return;
            }
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | SecurityException e) {
            missingDirectories++;
            return;
        }
        for (String name : names) {
            if (!FnMatch.matches(comp, name)) {
                continue;
            }
            String next = prefix + name;
            if (last) {
                Path p = resolve(next);
                out.add(p == null ? next : mark(next, p));
            } else if (Files.isDirectory(resolve(next))) {
                walk(next + "/", comps, i + 1);
            }
        }
    }

    private Path resolve(String path) {
        try {
            return cwd.resolve(path.isEmpty() ? "." : path);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String mark(String name, Path p) {
        return Files.isDirectory(p) && !name.endsWith("/") ? name + "/" : name;
    }

    private static boolean magic(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** fnmatch(3) without flags but with glob's rule that a leading '.' must be matched explicitly. */
    static final class FnMatch {
        private FnMatch() {
        }

        static boolean matches(String pattern, String name) {
            if (name.startsWith(".") && !pattern.startsWith(".")) {
                return false;
            }
            return match(pattern, 0, name, 0);
        }

        private static boolean match(String p, int pi, String s, int si) {
            while (pi < p.length()) {
                char c = p.charAt(pi);
                switch (c) {
                    case '*': {
                        while (pi < p.length() && p.charAt(pi) == '*') {
                            pi++;
                        }
                        if (pi == p.length()) {
                            return true;
                        }
                        for (int k = si; k <= s.length(); k++) {
                            if (match(p, pi, s, k)) {
                                return true;
                            }
                        }
                        return false;
                    }
                    case '?':
                        if (si >= s.length()) {
                            return false;
                        }
                        pi++;
                        si++;
                        break;
                    case '[': {
                        int end = classEnd(p, pi);
                        if (end < 0) {
                            if (si >= s.length() || s.charAt(si) != '[') {
                                return false;
                            }
                            pi++;
                            si++;
                            break;
                        }
                        if (si >= s.length() || !inClass(p, pi + 1, end, s.charAt(si))) {
                            return false;
                        }
                        pi = end + 1;
                        si++;
                        break;
                    }
                    case '\\':
                        if (pi + 1 < p.length()) {
                            pi++;
                            c = p.charAt(pi);
                        }
                        // fall through: literal
                    default:
                        if (si >= s.length() || s.charAt(si) != c) {
                            return false;
                        }
                        pi++;
                        si++;
                }
            }
            return si == s.length();
        }

        private static int classEnd(String p, int open) {
            int i = open + 1;
            if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
                i++;
            }
            if (i < p.length() && p.charAt(i) == ']') {
                i++;
            }
            while (i < p.length() && p.charAt(i) != ']') {
                i++;
            }
            return i < p.length() ? i : -1;
        }

        private static boolean inClass(String p, int from, int end, char c) {
            boolean negate = p.charAt(from) == '!' || p.charAt(from) == '^';
            int i = negate ? from + 1 : from;
            boolean found = false;
            boolean first = true;
            while (i < end) {
                char lo = p.charAt(i);
                if (lo == ']' && !first) {
                    break;
                }
                first = false;
                if (i + 2 < end && p.charAt(i + 1) == '-') {
                    char hi = p.charAt(i + 2);
                    if (c >= lo && c <= hi) {
                        found = true;
                    }
                    i += 3;
                } else {
                    if (c == lo) {
                        found = true;
                    }
                    i++;
                }
            }
            return found != negate;
        }
    }
}
