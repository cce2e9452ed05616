package io.jkeepalived.conf.model.check;

/** {@code BFD_CHECK}: the state of a bfd_instance; alpha null when not set. */
public record BfdCheck(String name, Boolean alpha) implements Checker {
    @Override
    public String keyword() {
        return "BFD_CHECK";
    }
}
