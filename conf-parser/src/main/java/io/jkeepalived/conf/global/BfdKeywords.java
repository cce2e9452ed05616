package io.jkeepalived.conf.global;

import io.jkeepalived.conf.ConfigBuilder;
import io.jkeepalived.conf.KeywordFamily;
import io.jkeepalived.conf.Phase;
import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.schema.SchemaTables;

/** keepalived's {@code bfd_instance} keywords; read by the BFD, VRRP and checker processes. */
public final class BfdKeywords implements KeywordFamily {
    @Override
    public void install(KeywordTable root, boolean active, ParseContext ctx, ConfigBuilder b) {
        SchemaTables.install(root, "bfd", active, ctx, new SchemaTables.Bindings());
    }

    @Override
    public void validate(Phase phase, ParseContext ctx, ConfigBuilder b) {
        b.bfd.instances = BfdInstances.type(ctx.recorder().roots("bfd_instance"), ctx.values().configTest());
    }
}
