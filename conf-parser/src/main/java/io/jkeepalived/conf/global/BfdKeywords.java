package io.jkeepalived.conf.global;

import io.jkeepalived.conf.ConfigBuilder;
import io.jkeepalived.conf.KeywordFamily;
import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;

/** Placeholder keyword family; its work item fills it in. */
public final class BfdKeywords implements KeywordFamily {
    @Override
    public void install(KeywordTable root, boolean active, ParseContext ctx, ConfigBuilder b) {
    }
}
