package io.jkeepalived.e2e.conf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic mutants of valid configs, the mistakes operators make: lines deleted or duplicated,
 * keyword typos, out-of-range and malformed numbers, lost or extra braces, lower-cased values, a file
 * cut short.
 */
final class Mutator {
    /** A generated config: a stable id, what was done, and the bytes. */
    record Mutant(String id, String description, byte[] text) {
    }

    private static final Pattern NUMBER = Pattern.compile("(?<=\\s)\\d+(?=\\s|$)");
    private static final String[] BAD_NUMBERS = {"0", "256", "-1", "99999999999", "1.5", "abc", "65536"};

    private Mutator() {
    }

    /** Mutants per valid config; fixed so that a mutant's id names the same text whatever else is in the corpus. */
    static final int PER_BASE = 10;

    static List<Mutant> generate(List<Path> bases, long seed) throws Exception {
        List<Mutant> out = new ArrayList<>();
        int perBase = PER_BASE;
        for (Path base : bases) {
            String text = new String(Files.readAllBytes(base), StandardCharsets.ISO_8859_1);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            String stem = base.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
            Random rnd = new Random(seed ^ stem.hashCode());
            for (int k = 0; k < perBase; k++) {
                List<String> m = new ArrayList<>(lines);
                String what = mutate(m, rnd);
                out.add(new Mutant(String.format("%s~%02d", stem, k), what + " in " + base.getFileName(),
                        String.join("\n", m).getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        return out;
    }

    private static String mutate(List<String> lines, Random rnd) {
        int n = lines.size();
        int i = rnd.nextInt(Math.max(1, n));
        String line = n == 0 ? "" : lines.get(i);
        switch (rnd.nextInt(8)) {
            case 0:
                lines.remove(i);
                return "line " + (i + 1) + " deleted";
            case 1:
                lines.add(i, line);
                return "line " + (i + 1) + " duplicated";
            case 2: {
                Matcher w = Pattern.compile("[a-z_]{4,}").matcher(line);
                if (w.find()) {
                    String word = w.group();
                    int at = rnd.nextInt(word.length() - 1);
                    String typo = rnd.nextBoolean()
                            ? word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2)
                            : word.substring(0, at) + word.substring(at + 1);
                    lines.set(i, line.substring(0, w.start()) + typo + line.substring(w.end()));
                    return "typo '" + typo + "' on line " + (i + 1);
                }
                lines.remove(i);
                return "line " + (i + 1) + " deleted";
            }
            case 3: {
                for (int j = 0; j < n; j++) {
                    int li = (i + j) % n;
                    Matcher num = NUMBER.matcher(lines.get(li));
                    if (num.find()) {
                        String bad = BAD_NUMBERS[rnd.nextInt(BAD_NUMBERS.length)];
                        lines.set(li, lines.get(li).substring(0, num.start()) + bad + lines.get(li).substring(num.end()));
                        return "number " + num.group() + " -> " + bad + " on line " + (li + 1);
                    }
                }
                return "unchanged";
            }
            case 4: {
                for (int j = 0; j < n; j++) {
                    int li = (i + j) % n;
                    int b = lines.get(li).indexOf(rnd.nextBoolean() ? '{' : '}');
                    if (b >= 0) {
                        lines.set(li, lines.get(li).substring(0, b) + lines.get(li).substring(b + 1));
                        return "brace removed on line " + (li + 1);
                    }
                }
                return "unchanged";
            }
            case 5:
                lines.add(i, rnd.nextBoolean() ? "}" : "{");
                return "extra brace at line " + (i + 1);
            case 6: {
                for (int j = 0; j < n; j++) {
                    int li = (i + j) % n;
                    Matcher up = Pattern.compile("\\b[A-Z]{2,}\\b").matcher(lines.get(li));
                    if (up.find()) {
                        lines.set(li, lines.get(li).substring(0, up.start()) + up.group().toLowerCase()
                                + lines.get(li).substring(up.end()));
                        return "lower-cased " + up.group() + " on line " + (li + 1);
                    }
                }
                return "unchanged";
            }
            default:
                while (lines.size() > i + 1) {
                    lines.remove(lines.size() - 1);
                }
                return "cut after line " + (i + 1);
        }
    }
}
