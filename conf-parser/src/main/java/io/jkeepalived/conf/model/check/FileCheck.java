package io.jkeepalived.conf.model.check;

/** {@code FILE_CHECK}: a track_file's value; weight null means the track_file's own weight (and reverse). */
public record FileCheck(String trackFile, Integer weight, boolean reverse) implements Checker {
    @Override
    public String keyword() {
        return "FILE_CHECK";
    }
}
