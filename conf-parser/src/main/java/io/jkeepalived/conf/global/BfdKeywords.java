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
        SchemaTables.Bindings on = new SchemaTables.Bindings();
        on.on("bfd_instance", w -> {
            if (ctx.recorder().roots("bfd_instance").size() == 1) {
                ctx.diag().notImplemented("bfd_instance", "BFD");
            }
        });
        SchemaTables.install(root, "bfd", active, ctx, on);
    }

    @Override
    public void validate(Phase phase, ParseContext ctx, ConfigBuilder b) {
        b.bfd.instances = ctx.recorder().roots("bfd_instance");
    }
}
