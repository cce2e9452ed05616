package io.jkeepalived.conf.parser;

/**
 * keepalived's {@code decomment()}: strips leading white space, a {@code #} or {@code !} comment outside
 * double quotes (an escaped {@code \#} or {@code \!} outside quotes becomes the plain character), and
 * trailing blanks; a trailing backslash is kept as the continuation mark of a multi-line definition.
 */
final class Decomment {
    private Decomment() {
    }

    /**
     * {@code apply(text.substring(from, to), diag)}, without making that substring first when the range
     * has nothing to remove but blanks (most lines of a large configuration).
     */
    static String apply(String text, int from, int to, Diagnostics diag) {
        int start = from;
        while (start < to && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        for (int i = start; i < to; i++) {
            char c = text.charAt(i);
            if (c == '#' || c == '!' || c == '"' || c == '\\') {
                return apply(text.substring(from, to), diag);
            }
        }
        int end = to;
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    static String apply(String in, Diagnostics diag) {
        int start = 0;
        while (start < in.length() && (in.charAt(start) == ' ' || in.charAt(start) == '\t')) {
            start++;
        }
        if (in.indexOf('#', start) < 0 && in.indexOf('!', start) < 0 && in.indexOf('"', start) < 0
                && in.indexOf('\\', start) < 0) {
            // nothing to remove but blanks: most lines of a large configuration
            int end = in.length();
            while (end > start && (in.charAt(end - 1) == ' ' || in.charAt(end - 1) == '\t')) {
                end--;
            }
            return start == 0 && end == in.length() ? in : in.substring(start, end);
        }
        StringBuilder str = new StringBuilder(in.substring(start));
        boolean quote = false;
        boolean cont = false;
        int skip = -1;
        int p = 0;
        while (p < str.length()) {
            char c = str.charAt(p);
            if (c != '!' && c != '#' && c != '"' && c != '\\') {
                p++;
                continue;
            }
            if (c == '"') {
                if (skip < 0) {
                    quote = !quote;
                }
                p++;
                continue;
            }
            if (c == '\\') {
                if (p + 1 < str.length()) {
                    char nx = str.charAt(p + 1);
                    if (!quote && (nx == '#' || nx == '!')) {
                        str.deleteCharAt(p);
                        p++;
                    } else {
                        p += 2;
                    }
                    continue;
                }
                str.setLength(p);
                cont = true;
                break;
            }
            if (!quote && skip < 0) {
                skip = p;
            }
            p++;
        }
        if (quote) {
            diag.report(ConfigError.GENERAL_ERROR, "Unterminated quote '%s'", str);
        }
        if (skip >= 0 && skip < str.length()) {
            str.setLength(skip);
        }
        int len = str.length();
        while (len > 0 && (str.charAt(len - 1) == ' ' || str.charAt(len - 1) == '\t')) {
            len--;
        }
        str.setLength(len);
        if (cont) {
            str.append('\\');
        }
        return str.toString();
    }
}
