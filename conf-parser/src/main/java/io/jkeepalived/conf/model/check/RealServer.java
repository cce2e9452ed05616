package io.jkeepalived.conf.model.check;

/** Placeholder: filled in by the keyword work for this block. */
public record RealServer() {
}
