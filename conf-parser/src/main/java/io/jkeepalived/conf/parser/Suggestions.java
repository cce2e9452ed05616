package io.jkeepalived.conf.parser;

/**
 * jkeepalived's addition to "Unknown keyword": the nearest known keyword within edit distance 2.
 */
final class Suggestions {
    private Suggestions() {
    }

    static String suffix(String word, KeywordTable table) {
        if (word.length() < 4) {
            return ""; // short words are too close to too many keywords to suggest anything useful
        }
        String best = null;
        int bestDist = 3;
        for (KeywordTable.Keyword k : table.keywords()) {
            int d = distance(word, k.name(), bestDist);
            if (d < bestDist) {
                bestDist = d;
                best = k.name();
            }
        }
        return best == null || best.equals(word) ? "" : " - did you mean '" + best + "'?";
    }

    /** Damerau-Levenshtein (optimal string alignment), giving up once the distance exceeds {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
