package io.jkeepalived.conf.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * keepalived's two tokenisers (lib/parser.c): {@code alloc_strvec} for ordinary keywords and
 * {@code alloc_strvec_quoted_escaped} for script keywords.
 *
 * <p>Config text is handled as ISO-8859-1 throughout so a char is a byte, as in keepalived: line
 * lengths, escapes and the bytes echoed in messages are the same.
 */
public final class Tokenizer {
    private Tokenizer() {
    }

    /** keepalived's WHITE_SPACE: {@code " \t\f\n\r\v"}. */
    public static boolean isWhite(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r' || c == 0x0b;
    }

    /**
     * Ordinary words: whitespace-separated, a {@code "..."} run is one word without its quotes (no
     * escapes). An unmatched quote is reported and ends the line. Returns an empty list for a blank line.
     */
    public static List<String> words(String line, Diagnostics diag) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && isWhite(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (line.charAt(i) == '"') {
                int close = line.indexOf('"', i + 1);
                if (close < 0) {
                    diag.report(ConfigError.UNMATCHED_QUOTE, "Unmatched quote: '%s'", line);
                    break;
                }
                out.add(line.substring(i + 1, close));
                i = close + 1;
            } else {
                int start = i;
                while (i < n && !isWhite(line.charAt(i)) && line.charAt(i) != '"') {
                    i++;
                }
                out.add(line.substring(start, i));
            }
        }
        return out;
    }

    /**
     * Shell-like words for script keywords: single and double quotes, backslash escapes
     * ({@code \a \b \E \f \n \r \t \v \nnn \xXX \cC}, anything else literal).
     *
     * @return the words, or {@code null} after reporting an unterminated quote or a trailing backslash
     *         (keepalived 2.2.7 dereferences that null and crashes; callers must report and carry on)
     */
    public static List<String> quotedEscaped(String src, Diagnostics diag) {
        List<String> out = new ArrayList<>();
        char curQuote = 0;
        int ofs = 0;
        int n = src.length();
        while (ofs < n) {
            while (ofs < n && isWhite(src.charAt(ofs))) {
                ofs++;
            }
            if (ofs >= n) {
                break;
            }
            StringBuilder op = new StringBuilder();
            while (ofs < n) {
                int ofs1 = findSpecial(src, ofs, curQuote);
                if (ofs1 < 0) {
                    if (curQuote != 0) {
                        diag.report(ConfigError.UNMATCHED_QUOTE, "String '%s': missing terminating %c", src, curQuote);
                        return null;
                    }
                    op.append(src, ofs, n);
                    ofs = n;
                    break;
                }
                op.append(src, ofs, ofs1);
                ofs = ofs1;
                char c = src.charAt(ofs);
                if (c == '\\') {
                    ofs++;
                    if (ofs >= n) {
                        diag.log("Missing escape char at end: '%s'", src);
                        return null;
                    }
                    char e = src.charAt(ofs);
                    int opChar;
                    if (e == 'x' && ofs + 1 < n && isHex(src.charAt(ofs + 1))) {
                        opChar = 0;
                        ofs++;
                        while (ofs < n && isHex(src.charAt(ofs))) {
                            opChar = ((opChar << 4) | Character.digit(src.charAt(ofs), 16)) & 0xff;
                            ofs++;
                        }
                    } else if (e == 'c' && ofs + 1 < n) {
                        opChar = src.charAt(++ofs) & 0x1f;
                        ofs++;
                    } else if (e >= '0' && e <= '7') {
                        opChar = src.charAt(ofs++) - '0';
                        if (ofs < n && src.charAt(ofs) >= '0' && src.charAt(ofs) <= '7') {
                            opChar = (opChar << 3) + (src.charAt(ofs++) - '0');
                        }
                        if (ofs < n && src.charAt(ofs) >= '0' && src.charAt(ofs) <= '7') {
                            opChar = (opChar << 3) + (src.charAt(ofs++) - '0');
                        }
                        opChar &= 0xff;
                    } else {
                        switch (e) {
                            case 'a': opChar = 7; break;
                            case 'b': opChar = 8; break;
                            case 'E': opChar = 0x1b; break;
                            case 'f': opChar = '\f'; break;
                            case 'n': opChar = '\n'; break;
                            case 'r': opChar = '\r'; break;
                            case 't': opChar = '\t'; break;
                            case 'v': opChar = 0x0b; break;
                            default: opChar = e; break;
                        }
                        ofs++;
                    }
                    op.append((char) opChar);
                    continue;
                }
                if (curQuote != 0) {
                    ofs++;
                    curQuote = 0;
                    continue;
                }
                if (c == '"' || c == '\'') {
                    curQuote = c;
                    ofs++;
                    continue;
                }
                break; // whitespace ends the word
            }
            out.add(op.toString());
        }
        return out;
    }

    private static boolean isHex(char c) {
        return c < 0x80 && Character.digit(c, 16) >= 0;
    }

    private static int findSpecial(String s, int from, char curQuote) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                return i;
            }
            if (curQuote == '"') {
                if (c == '"') {
                    return i;
                }
            } else if (curQuote == '\'') {
                if (c == '\'') {
                    return i;
                }
            } else if (isWhite(c) || c == '\'' || c == '"') {
                return i;
            }
        }
        return -1;
    }
}
