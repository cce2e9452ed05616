package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.model.vrrp.GarpGroup;
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

    static List<StaticRule> rules(List<Setting> roots) {
        List<StaticRule> out = new ArrayList<>();
        for (Setting s : roots) {
            if (s.keyword().equals("static_rules")) {
                out.add(new StaticRule(lines(s).stream().map(RouteLines::toRule).filter(Objects::nonNull).toList(), s));
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
