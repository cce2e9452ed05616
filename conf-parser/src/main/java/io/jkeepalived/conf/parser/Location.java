package io.jkeepalived.conf.parser;

/**
 * Where the reader is: the file name keepalived would print (null when it prints none) and the line.
 */
public record Location(String displayFile, String path, int line) {
    public static final Location NONE = new Location(null, null, 0);
}
