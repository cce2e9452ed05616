package io.jkeepalived.conf.parser;

/**
 * A keyword handler. For an inactive keyword (one owned by another phase) it is called with
 * {@code null}, as keepalived calls {@code handler(NULL)} so a phase can note that such config exists.
 */
@FunctionalInterface
public interface Handler {
    void handle(Words words);
}
