package io.jkeepalived.conf.parser;

/**
 * Sees what the stream processor accepts, so the lines can be kept as written (the generic
 * {@code Setting} model) without every handler having to store them.
 */
public interface ParseListener {
    /** A known keyword of an active block, before its handler runs; {@code opensBlock} when sub-keywords follow. */
    void keyword(Words words, boolean opensBlock);

    /** The block opened by the last {@code keyword(.., true)} has ended. */
    void leave();

    /** The current keyword's handler starts reading a value block. */
    default void valueBlock() {
    }

    /** One line of the value block the current keyword's handler is reading. */
    void value(Words line);

    ParseListener NONE = new ParseListener() {
        @Override
        public void keyword(Words words, boolean opensBlock) {
        }

        @Override
        public void leave() {
        }

        @Override
        public void value(Words line) {
        }
    };
}
