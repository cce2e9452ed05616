package io.jkeepalived.conf;

import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;

/**
 * One of keepalived's keyword sets (global, VRRP, checker/LVS, BFD): installs its root keywords into a
 * phase's table, active or not, and validates what it read at the end of its own phase.
 */
public interface KeywordFamily {

    /** keepalived's {@code init_*_keywords(active)}. */
    void install(KeywordTable root, boolean active, ParseContext ctx, ConfigBuilder b);

    /** The end-of-phase checks ({@code *_validate_config}, {@code *_complete_init}); runs only in the family's own phase. */
    default void validate(Phase phase, ParseContext ctx, ConfigBuilder b) {
    }
}
