package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/**
 * A {@code static_rules} block: policy routing rules set at start whatever the VRRP state (the lines
 * keepalived accepts, typed), and the block as written.
 */
public record StaticRule(List<Rule> rules, Setting source) {
    public StaticRule {
        rules = List.copyOf(rules);
    }
}
