package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.model.vrrp.GarpGroup;
import io.jkeepalived.conf.model.vrrp.Route;
import io.jkeepalived.conf.model.vrrp.Rule;
import io.jkeepalived.conf.model.vrrp.StaticRoute;
import io.jkeepalived.conf.model.vrrp.StaticRule;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.ValueReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Types the VRRP process's static network blocks ({@code static_routes}, {@code static_rules},
 * {@code garp_group}) from the recorded lines, with keepalived's acceptance rules and defaults. Reports
 * nothing: the messages were given while reading.
 */
final class StaticNetwork {
    /** keepalived's RULE_START_PRIORITY: rules without a preference get 16384, 16383, ... per family. */
    static final long RULE_START_PRIORITY = 16384;

    private StaticNetwork() {
    }

    /** The lines of a value block, each as its words. */
    private static List<List<String>> lines(Setting s) {
        return s.values();
    }

    static List<StaticRoute> routes(List<Setting> roots) {
        List<StaticRoute> out = new ArrayList<>();
        for (Setting s : roots) {
            if (s.keyword().equals("static_routes")) {
                out.add(new StaticRoute(lines(s).stream().map(RouteLines::toRoute).filter(Objects::nonNull).toList(), s));
            }
        }
        return out;
    }

    /** Preference counters per family, shared by static_rules and virtual_rules in file order. */
    static final class RulePreferences {
        private long next4 = RULE_START_PRIORITY;
        private long next6 = RULE_START_PRIORITY;

        List<Rule> type(Setting block) {
            List<Rule> rules = new ArrayList<>();
            for (List<String> line : block.values()) {
                Rule r = RouteLines.toRule(line);
                if (r == null) {
                    continue;
                }
                if (!r.preferenceGiven()) {
                    long p = r.ipv6() ? next6-- : next4--;
                    r = new Rule(r.ipv6(), r.not(), r.from(), r.to(), r.action(), r.table(), r.gotoTarget(), p, false,
                            r.fwmark(), r.iif(), r.oif(), r.noTrack(), r.words());
                }
                rules.add(r);
            }
            return rules;
        }
    }

    /** The static_rules blocks; the virtual_rules of instances read before them take preferences first. */
    static List<StaticRule> rules(List<Setting> roots) {
        RulePreferences prefs = new RulePreferences();
        List<StaticRule> out = new ArrayList<>();
        for (Setting s : roots) {
            if (s.keyword().equals("static_rules")) {
                out.add(new StaticRule(prefs.type(s), s));
            } else if (s.keyword().equals("vrrp_instance")) {
                s.all("virtual_rules").forEach(prefs::type);
            }
        }
        return out;
    }

    static List<GarpGroup> garpGroups(List<Setting> roots, boolean configTest) {
        ValueReader quiet = new ValueReader(new Diagnostics(), configTest);
        List<GarpGroup> out = new ArrayList<>();
        for (Setting s : roots) {
            if (!s.keyword().equals("garp_group")) {
                continue;
            }
            long garp = -1;
            long gna = -1;
            List<String> interfaces = new ArrayList<>();
            for (Setting c : s.children()) {
                switch (c.keyword()) {
                    case "garp_interval", "gna_interval" -> {
                        if (c.args().isEmpty()) {
                            continue;
                        }
                        var n = quiet.readDecimal(c.arg(), 0, Integer.MAX_VALUE, 6, true);
                        if (n.ok()) {
                            if (c.keyword().equals("garp_interval")) {
                                garp = n.value();
                            } else {
                                gna = n.value();
                            }
                        }
                    }
                    case "interface" -> {
                        if (!c.args().isEmpty()) {
                            interfaces.add(c.arg());
                        }
                    }
                    case "interfaces" -> c.values().forEach(interfaces::addAll);
                    default -> {
                    }
                }
            }
            out.add(new GarpGroup(garp, gna, interfaces, s));
        }
        return out;
    }
}
