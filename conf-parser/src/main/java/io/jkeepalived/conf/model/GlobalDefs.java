package io.jkeepalived.conf.model;

/** Placeholder: filled in by the keyword work for this block family. */
public record GlobalDefs() {
}
