package io.jkeepalived.conf.parser;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The copy of the configuration keepalived's parent writes for its children: every line of every file,
 * decommented, with include lines blanked, {@code # FILE} when a file is opened, {@code !} when it is
 * closed and {@code #! MESSAGE} for include errors. The children (and so the later phases of
 * {@code -t}) read this copy, which is why their line numbers and file names differ from the parent's
 * in a few edge cases (a last line without a newline, lines longer than 1023 bytes, escaped comments).
 */
public final class ConfigCopy {
    private final List<String> lines = new ArrayList<>();
    /** Lines that are {@link ConfigReader#isPlain plain}: a child delivers them as they are. */
    private final BitSet plain = new BitSet();
    /** Lines that are plain but for a brace (see {@link #addBraced}). */
    private final BitSet braced = new BitSet();
    /** How the parent split the braced lines at their brace, by line index (see {@link #noteSplit}). */
    private String[] splitHeads = new String[0];
    private String[] splitRests = new String[0];
    private boolean fileError;

    void add(String line) {
        lines.add(line);
    }

    void addPlain(String line) {
        plain.set(lines.size());
        lines.add(line);
    }

    /**
     * A line that would be {@link ConfigReader#isPlain plain} but for a {@code {} or {@code }}: decomment
     * and the {@code @}/{@code $}/{@code ~} expansion leave it as it is, only the brace split remains.
     */
    void addBraced(String line) {
        braced.set(lines.size());
        lines.add(line);
    }

    /**
     * Notes how the parent split the last line added, a {@link #addBraced braced} one, at its brace: the
     * children deliver the same two pieces without splitting it again ({@code rest} may be null).
     */
    void noteSplit(String head, String rest) {
        int index = lines.size() - 1;
        if (index < 0 || !braced.get(index)) {
            return;
        }
        if (splitHeads.length <= index) {
            int n = Math.max(index + 1, splitHeads.length * 2);
            splitHeads = java.util.Arrays.copyOf(splitHeads, n);
            splitRests = java.util.Arrays.copyOf(splitRests, n);
        }
        splitHeads[index] = head;
        splitRests[index] = rest;
    }

    /** The first piece of a braced line as the parent split it, or null if it did not note one. */
    String splitHead(int index) {
        return index < splitHeads.length ? splitHeads[index] : null;
    }

    /** The rest of that line after the split (delivered as the next line), or null. */
    String splitRest(int index) {
        return index < splitRests.length ? splitRests[index] : null;
    }

    boolean isBraced(int index) {
        return braced.get(index);
    }

    boolean isPlain(int index) {
        return plain.get(index);
    }

    List<String> lines() {
        return lines;
    }

    void markFileError() {
        fileError = true;
    }

    /** An include error of an error class was reported: keepalived stops after the parent (exit 6). */
    public boolean hadFileError() {
        return fileError;
    }
}
