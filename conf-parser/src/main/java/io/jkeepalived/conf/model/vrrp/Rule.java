package io.jkeepalived.conf.model.vrrp;

import java.util.List;

/**
 * One rule line of {@code static_rules} or {@code virtual_rules} (keepalived's vrrp_iprule.c grammar,
 * iproute2's spelling): {@code [not] [from P] [to P] [iif IF] [oif IF] [fwmark M] [preference N] ACTION}.
 *
 * @param ipv6            the rule's family ({@code inet6}, or from its addresses; IPv4 otherwise)
 * @param from            source prefix; null = all
 * @param to              destination prefix; null = all
 * @param action          {@code table}, {@code goto}, {@code nop}, {@code blackhole}, {@code unreachable},
 *                        {@code prohibit} or {@code l3mdev}
 * @param table           the table as written for a {@code table}/{@code lookup} action; null otherwise
 * @param gotoTarget      the {@code goto} target; -1 otherwise
 * @param preference      {@code preference}/{@code order}/{@code priority}; -1 when none is written:
 *                        keepalived then assigns 16384, 16383, ... per family in the order it reads
 *                        {@code static_rules} and {@code virtual_rules} lines (left to the engine, so the
 *                        model does not depend on the order the blocks are printed in)
 * @param fwmark          {@code fwmark} as written ({@code MARK[/MASK]}); null = none
 * @param iif             {@code iif}/{@code dev}; null = none
 * @param oif             {@code oif}; null = none
 * @param words           the whole line as written, for the options not typed here
 */
public record Rule(boolean ipv6, boolean not, String from, String to, String action, String table, long gotoTarget,
                   long preference, String fwmark, String iif, String oif, boolean noTrack,
                   List<String> words) {
    public Rule {
        words = List.copyOf(words);
    }
}
