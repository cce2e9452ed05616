package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.model.vrrp.IpAddress;
import io.jkeepalived.conf.model.vrrp.Route;
import io.jkeepalived.conf.model.vrrp.Rule;
import io.jkeepalived.conf.model.vrrp.StaticAddress;
import io.jkeepalived.conf.model.vrrp.StaticRoute;
import io.jkeepalived.conf.model.vrrp.StaticRule;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.conf.vrrp.RouteParsing;
import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.IpRoute;
import io.jkeepalived.netlink.rtnl.IpRule;
import io.jkeepalived.netlink.rtnl.Link;
import io.jkeepalived.netlink.rtnl.RouteNetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalived's static and virtual routing state: {@code static_ipaddress}, {@code static_routes} and
 * {@code static_rules} are set when the VRRP process starts and removed when it stops (vrrp_daemon.c clears them
 * on shutdown); an instance's {@code virtual_routes} and {@code virtual_rules} are set when it becomes MASTER,
 * after its VIPs, and removed when it leaves MASTER (BACKUP, FAULT, stop).
 *
 * <p>All requests are worked out once, at start, from the configuration and the interfaces then present
 * ({@link #plan}); a line naming a missing interface is logged and left out. The requests themselves run on
 * the caller's thread (the VRRP service's netlink thread): an add that finds the entry already there and a
 * delete that finds it gone are not errors.
 */
final class VrrpRouting {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");

    /** Add and delete forms of one route: a delete carries scope NOWHERE unless one is written. */
    record RoutePair(IpRoute add, IpRoute delete) {
    }

    /** What one instance sets as master. */
    record InstanceRouting(List<RoutePair> routes, List<IpRule> rules) {
        InstanceRouting {
            routes = List.copyOf(routes);
            rules = List.copyOf(rules);
        }

        boolean isEmpty() {
            return routes.isEmpty() && rules.isEmpty();
        }
    }

    private final List<Address> staticAddresses;
    private final List<RoutePair> staticRoutes;
    private final List<IpRule> staticRules;
    private final Map<String, InstanceRouting> virtual;

    VrrpRouting(List<Address> staticAddresses, List<RoutePair> staticRoutes, List<IpRule> staticRules,
                Map<String, InstanceRouting> virtual) {
        this.staticAddresses = List.copyOf(staticAddresses);
        this.staticRoutes = List.copyOf(staticRoutes);
        this.staticRules = List.copyOf(staticRules);
        this.virtual = Map.copyOf(virtual);
    }

    List<Address> staticAddresses() {
        return staticAddresses;
    }

    List<RoutePair> staticRoutes() {
        return staticRoutes;
    }

    List<IpRule> staticRules() {
        return staticRules;
    }

    InstanceRouting virtual(String instance) {
        return virtual.getOrDefault(instance, new InstanceRouting(List.of(), List.of()));
    }

    /** Works out every request from the configuration; {@code links} are the interfaces by name. */
    static VrrpRouting plan(VrrpConfig config, Map<String, Link> links) {
        return plan(config, links, RouteRequests.readTableNames());
    }

    static VrrpRouting plan(VrrpConfig config, Map<String, Link> links, Map<String, Long> tableNames) {
        RouteRequests requests = new RouteRequests(name -> {
            Link l = links.get(name);
            return l == null ? 0 : l.index();
        }, tableNames);
        // rules without a preference are numbered 16384, 16383, ... per family, static ones first
        long[] next = {RouteRequests.RULE_START_PRIORITY, RouteRequests.RULE_START_PRIORITY};
        List<Address> addresses = new ArrayList<>();
        for (StaticAddress block : config.staticAddresses()) {
            for (IpAddress a : block.addresses()) {
                Address address = staticAddress(a, links);
                if (address != null) {
                    addresses.add(address);
                }
            }
        }
        List<RoutePair> routes = new ArrayList<>();
        for (StaticRoute block : config.staticRoutes()) {
            for (Route r : block.routes()) {
                addRoute(requests, r, routes);
            }
        }
        List<IpRule> rules = new ArrayList<>();
        for (StaticRule block : config.staticRules()) {
            for (Rule r : block.rules()) {
                addRule(requests, r, next, rules);
            }
        }
        Map<String, InstanceRouting> virtual = new LinkedHashMap<>();
        for (VrrpInstance i : config.instances()) {
            List<RoutePair> vr = new ArrayList<>();
            for (List<String> words : i.virtualRoutes()) {
                Route r = RouteParsing.route(words);
                if (r != null) {
                    addRoute(requests, r, vr);
                }
            }
            List<IpRule> rr = new ArrayList<>();
            for (List<String> words : i.virtualRules()) {
                Rule r = RouteParsing.rule(words);
                if (r != null) {
                    addRule(requests, r, next, rr);
                }
            }
            if (!vr.isEmpty() || !rr.isEmpty()) {
                virtual.put(i.name(), new InstanceRouting(vr, rr));
            }
        }
        return new VrrpRouting(addresses, routes, rules, virtual);
    }

    private static void addRoute(RouteRequests requests, Route r, List<RoutePair> out) {
        try {
            out.add(new RoutePair(requests.route(r, false), requests.route(r, true)));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring route: {}", e.getMessage());
        }
    }

    private static void addRule(RouteRequests requests, Rule r, long[] next, List<IpRule> out) {
        int f = r.ipv6() ? 1 : 0;
        long priority = r.preference() >= 0 ? r.preference() : next[f]--;
        try {
            out.add(requests.rule(r, priority));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring rule: {}", e.getMessage());
        }
    }

    private static Address staticAddress(IpAddress a, Map<String, Link> links) {
        if (a.dev() == null) {
            LOG.warn("Ignoring static address {}: it names no interface (dev)", a.address());
            return null;
        }
        Link l = links.get(a.dev());
        if (l == null) {
            LOG.warn("Ignoring static address {}: interface {} does not exist", a.address(), a.dev());
            return null;
        }
        Vip v = VrrpPlanner.vip(a, a.dev());
        Address address = Address.of(l.index(), v.address(), v.prefix()).withScope(v.scope());
        if (v.label() != null) {
            address = address.withLabel(v.label());
        }
        if (v.broadcast() != null) {
            address = address.withBroadcast(v.broadcast());
        }
        return v.ipv6() ? address.withFlags(Address.IFA_F_NODAD) : address;
    }

    /** Sets the static addresses, routes and rules, in that order (routes may use the addresses). */
    void applyStatic(RouteNetlink rtnl) {
        for (Address a : staticAddresses) {
            tolerate(() -> rtnl.addAddress(a), "adding static address " + a.ip().getHostAddress(), "EEXIST");
        }
        addRoutes(rtnl, staticRoutes, "static");
        addRules(rtnl, staticRules, "static");
    }

    /** Removes them again, in the opposite order, as keepalived does at shutdown. */
    void removeStatic(RouteNetlink rtnl) {
        deleteRules(rtnl, staticRules, "static");
        deleteRoutes(rtnl, staticRoutes, "static");
        for (Address a : staticAddresses) {
            tolerate(() -> rtnl.deleteAddress(a), "removing static address " + a.ip().getHostAddress(), "EADDRNOTAVAIL");
        }
    }

    /** The instance became MASTER: its virtual routes, then its virtual rules. */
    void addVirtual(String instance, RouteNetlink rtnl) {
        InstanceRouting r = virtual.get(instance);
        if (r != null) {
            addRoutes(rtnl, r.routes(), "(" + instance + ") virtual");
            addRules(rtnl, r.rules(), "(" + instance + ") virtual");
        }
    }

    /** The instance left MASTER: its virtual rules, then its virtual routes. */
    void removeVirtual(String instance, RouteNetlink rtnl) {
        InstanceRouting r = virtual.get(instance);
        if (r != null) {
            deleteRules(rtnl, r.rules(), "(" + instance + ") virtual");
            deleteRoutes(rtnl, r.routes(), "(" + instance + ") virtual");
        }
    }

    /**
     * The instance became MASTER (called on the VRRP thread, after its VIPs were queued): logs as keepalived
     * does and queues the requests on {@code netlink}, so they follow the VIPs they may use.
     */
    void becameMaster(String instance, java.util.concurrent.Executor netlink, RouteNetlink rtnl) {
        InstanceRouting r = virtual.get(instance);
        if (r == null) {
            return;
        }
        logChange(instance, r, true);
        netlink.execute(() -> addVirtual(instance, rtnl));
    }

    /** The instance leaves MASTER (called on the VRRP thread, before its VIPs are queued for removal). */
    void leavingMaster(String instance, java.util.concurrent.Executor netlink, RouteNetlink rtnl) {
        InstanceRouting r = virtual.get(instance);
        if (r == null) {
            return;
        }
        logChange(instance, r, false);
        netlink.execute(() -> removeVirtual(instance, rtnl));
    }

    /**
     * At start keepalived removes every instance's virtual rules and routes (left behind by a kill -9), logging it,
     * before any instance runs.
     */
    void removeAllVirtual(RouteNetlink rtnl) {
        for (Map.Entry<String, InstanceRouting> e : virtual.entrySet()) {
            logChange(e.getKey(), e.getValue(), false);
            removeVirtual(e.getKey(), rtnl);
        }
    }

    /** keepalived's lines: "setting Virtual Routes", "setting Virtual Rules"; removal in the opposite order. */
    private static void logChange(String instance, InstanceRouting r, boolean add) {
        if (add) {
            if (!r.routes().isEmpty()) {
                LOG.info("({}) setting Virtual Routes", instance);
            }
            if (!r.rules().isEmpty()) {
                LOG.info("({}) setting Virtual Rules", instance);
            }
        } else {
            if (!r.rules().isEmpty()) {
                LOG.info("({}) removing Virtual Rules", instance);
            }
            if (!r.routes().isEmpty()) {
                LOG.info("({}) removing Virtual Routes", instance);
            }
        }
    }

    boolean hasVirtual(String instance) {
        return virtual.containsKey(instance);
    }

    private static void addRoutes(RouteNetlink rtnl, List<RoutePair> routes, String what) {
        for (RoutePair r : routes) {
            tolerate(() -> rtnl.addRoute(r.add()), "adding " + what + " route " + describe(r.add()), "EEXIST");
        }
    }

    private static void deleteRoutes(RouteNetlink rtnl, List<RoutePair> routes, String what) {
        for (int k = routes.size() - 1; k >= 0; k--) {
            RoutePair r = routes.get(k);
            tolerate(() -> rtnl.deleteRoute(r.delete()), "removing " + what + " route " + describe(r.add()), "ESRCH");
        }
    }

    private static void addRules(RouteNetlink rtnl, List<IpRule> rules, String what) {
        for (IpRule r : rules) {
            tolerate(() -> rtnl.addRule(r), "adding " + what + " rule " + r.priority(), "EEXIST");
        }
    }

    private static void deleteRules(RouteNetlink rtnl, List<IpRule> rules, String what) {
        for (int k = rules.size() - 1; k >= 0; k--) {
            IpRule r = rules.get(k);
            tolerate(() -> rtnl.deleteRule(r), "removing " + what + " rule " + r.priority(), "ENOENT");
        }
    }

    private static String describe(IpRoute r) {
        return (r.destination() == null ? "default" : r.destination().getHostAddress() + "/" + r.dstLength())
                + (r.table() == IpRoute.RT_TABLE_MAIN ? "" : " table " + r.table());
    }

    private interface Request {
        void run() throws IOException;
    }

    private static void tolerate(Request request, String what, String harmless) {
        try {
            request.run();
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (!m.contains(harmless)) {
                LOG.warn("{} failed: {}", what, m);
            }
        }
    }
}
