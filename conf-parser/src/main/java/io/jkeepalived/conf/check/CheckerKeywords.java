package io.jkeepalived.conf.check;

import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;

/**
 * The checker blocks inside {@code real_server}: TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK, SMTP_CHECK,
 * DNS_CHECK, UDP_CHECK, PING_CHECK, FILE_CHECK, BFD_CHECK. Called by {@link CheckKeywords} while it
 * builds the real_server sub-table, in keepalived's registration order.
 */
public final class CheckerKeywords {
    private CheckerKeywords() {
    }

    public static void install(KeywordTable realServer, ParseContext ctx, CheckerHost host) {
        // filled in by the checker work item
    }
}
