package io.jkeepalived.conf.global;

import io.jkeepalived.conf.model.GlobalDefs;

/** Mutable global_defs while reading. */
public final class GlobalDefsBuilder {
    public GlobalDefs build() {
        return new GlobalDefs();
    }
}
