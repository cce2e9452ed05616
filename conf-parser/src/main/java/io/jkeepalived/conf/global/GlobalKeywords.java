package io.jkeepalived.conf.global;

import io.jkeepalived.conf.ConfigBuilder;
import io.jkeepalived.conf.KeywordFamily;
import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.schema.SchemaTables;

/** keepalived's "global" keywords. */
public final class GlobalKeywords implements KeywordFamily {
    @Override
    public void install(KeywordTable root, boolean active, ParseContext ctx, ConfigBuilder b) {
        SchemaTables.install(root, "global", active, ctx, new SchemaTables.Bindings());
    }
}
