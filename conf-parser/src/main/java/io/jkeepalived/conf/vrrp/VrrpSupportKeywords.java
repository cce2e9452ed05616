package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;

/**
 * The VRRP root blocks other than vrrp_instance: static_ipaddress/static_routes/static_rules,
 * vrrp_sync_group, garp_group, vrrp_script, track_file (and vrrp_track_file). {@link VrrpKeywords}
 * calls these in keepalived's registration order.
 */
public final class VrrpSupportKeywords {
    private VrrpSupportKeywords() {
    }

    public static void installStatic(KeywordTable root, boolean active, ParseContext ctx, VrrpConfigBuilder b) {
    }

    public static void installSyncGroup(KeywordTable root, boolean active, ParseContext ctx, VrrpConfigBuilder b) {
    }

    public static void installGarpGroup(KeywordTable root, boolean active, ParseContext ctx, VrrpConfigBuilder b) {
    }

    public static void installScript(KeywordTable root, boolean active, ParseContext ctx, VrrpConfigBuilder b) {
    }

    public static void installTrackFile(KeywordTable root, boolean active, ParseContext ctx, VrrpConfigBuilder b) {
    }

    /** End-of-phase checks of these blocks (called from VrrpKeywords.validate at the point keepalived does them). */
    public static void validate(ParseContext ctx, VrrpConfigBuilder b) {
    }
}
