package io.jkeepalived.conf.track;

import io.jkeepalived.conf.ConfigBuilder;
import io.jkeepalived.conf.KeywordFamily;
import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.schema.SchemaTables;

/** keepalived's track_file blocks (and the deprecated vrrp_track_file), read by the VRRP and checker processes. */
public final class TrackFileKeywords implements KeywordFamily {
    @Override
    public void install(KeywordTable root, boolean active, ParseContext ctx, ConfigBuilder b) {
        SchemaTables.install(root, "track", active, ctx, new SchemaTables.Bindings());
    }
}
