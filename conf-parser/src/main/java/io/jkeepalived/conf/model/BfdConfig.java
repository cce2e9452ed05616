package io.jkeepalived.conf.model;

import java.util.List;

/** The {@code bfd_instance} blocks as written (jkeepalived does not run BFD yet; they are kept and printed). */
public record BfdConfig(List<Setting> instances) {
    public BfdConfig {
        instances = List.copyOf(instances);
    }
}
