package io.jkeepalived.conf.check;

import io.jkeepalived.conf.ConfigBuilder;
import io.jkeepalived.conf.KeywordFamily;
import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.schema.SchemaTables;

/** keepalived's "check" keywords. */
public final class CheckKeywords implements KeywordFamily {
    @Override
    public void install(KeywordTable root, boolean active, ParseContext ctx, ConfigBuilder b) {
        SchemaTables.install(root, "check", active, ctx, new SchemaTables.Bindings());
    }
}
