package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.model.vrrp.Addressing;
import io.jkeepalived.conf.model.vrrp.GarpSettings;
import io.jkeepalived.conf.model.vrrp.InstanceOptions;
import io.jkeepalived.conf.model.vrrp.IpAddress;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.vrrp.fsm.VrrpInstanceConfig;
import io.jkeepalived.vrrp.fsm.VrrpState;
import io.jkeepalived.vrrp.packet.AdvertExpectation;
import io.jkeepalived.vrrp.packet.AuthData;
import io.jkeepalived.vrrp.packet.AuthType;
import io.jkeepalived.vrrp.packet.UnicastPeer;
import io.jkeepalived.vrrp.packet.VrrpVersion;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the parsed configuration into {@link InstancePlan}s. Pure: the one thing it needs from the machine, each
 * interface's primary address (the advert source, and the tie-break on equal priority), comes through
 * {@link PrimaryAddresses}.
 */
final class VrrpPlanner {
    /** RFC 5798 §5.1.1.2 / §5.1.2.2: the groups VRRP uses unless {@code vrrp_mcast_group4/6} says otherwise. */
    static final InetAddress GROUP_V4 = literal("224.0.0.18");
    static final InetAddress GROUP_V6 = literal("ff02::12");

    /** The address adverts are sent from on an interface: its primary IPv4 address, or its IPv6 link-local one. */
    interface PrimaryAddresses {
        InetAddress primary(String interfaceName, boolean ipv6);
    }

    private VrrpPlanner() {
    }

    static List<InstancePlan> plan(KeepalivedConfig config, PrimaryAddresses primaries) {
        List<InstancePlan> plans = new ArrayList<>();
        GlobalDefs.VrrpDefaults defaults = config.global().vrrp();
        for (VrrpInstance i : config.vrrp().instances()) {
            plans.add(GarpPacing.withExtraIf(plan(i, defaults.mcastGroup4(), defaults.mcastGroup6(), primaries),
                    i.garp(), config.global()));
        }
        return plans;
    }

    /**
     * @param group4 {@code vrrp_mcast_group4} of global_defs, or null for 224.0.0.18
     * @param group6 {@code vrrp_mcast_group6}, or null for ff02::12
     */
    static InstancePlan plan(VrrpInstance i, String group4, String group6, PrimaryAddresses primaries) {
        boolean v3 = i.version() == 3;
        // keepalived keeps advert_int in microseconds; v2 sends whole seconds, v3 centiseconds
        int centis = (int) Math.max(1, i.advertIntervalMicros() / 10_000);
        int wire = v3 ? centis : Math.max(1, centis / 100);
        Addressing addressing = i.addressing();
        boolean unicast = !addressing.peers().isEmpty();
        InetAddress configuredSource = addressing.srcIp() == null ? null : literal(addressing.srcIp());
        InetAddress source = configuredSource != null ? configuredSource
                : primaries.primary(i.interfaceName(), i.ipv6());
        GarpSettings garp = i.garp();
        InstanceOptions o = i.options();
        VrrpInstanceConfig fsm = VrrpInstanceConfig.builder(i.name(), i.virtualRouterId())
                .version(i.version())
                .priority(i.priority())
                .advertIntervalCentis(v3 ? centis : wire * 100)
                .initialState(i.state() == VrrpInstance.State.MASTER ? VrrpState.MASTER : VrrpState.BACKUP)
                .nopreempt(i.nopreempt())
                .preemptDelay(micros(i.preemptDelayMicros()))
                .downTimerAdverts(o.downTimerAdverts())
                .garpMasterRepeat(garp.masterRepeat())
                .garpMasterDelay(micros(garp.masterDelayMicros()))
                .garpMasterRefresh(micros(garp.masterRefreshMicros()))
                .garpMasterRefreshRepeat(garp.masterRefreshRepeat())
                .garpLowerPrioRepeat(garp.lowerPrioRepeat())
                .garpLowerPrioDelay(micros(garp.lowerPrioDelayMicros()))
                .lowerPrioNoAdvert(o.lowerPrioNoAdvert())
                .higherPrioSendAdvert(o.higherPrioSendAdvert())
                .primaryAddress(source)
                .build();
        AuthType auth = v3 || i.ipv6() ? AuthType.NONE : switch (i.authType()) {
            case NONE -> AuthType.NONE;
            case PASS -> AuthType.PASS;
            case AH -> AuthType.AH;
        };
        AuthData authData = auth == AuthType.NONE || i.authPass() == null ? AuthData.ZERO
                : AuthData.fromPassword(i.authPass());
        List<Vip> vips = new ArrayList<>();
        for (IpAddress a : i.virtualIpAddresses()) {
            vips.add(vip(a, i.interfaceName()));
        }
        // virtual_ipaddress_excluded: moved with the VIPs, never listed in the adverts
        List<Vip> excluded = new ArrayList<>();
        for (IpAddress a : i.excludedIpAddresses()) {
            excluded.add(vip(a, i.interfaceName()));
        }
        List<InetAddress> peers = new ArrayList<>();
        List<UnicastPeer> checkedPeers = new ArrayList<>();
        for (io.jkeepalived.conf.model.vrrp.UnicastPeer p : addressing.peers()) {
            InetAddress a = literal(p.address());
            peers.add(a);
            checkedPeers.add(new UnicastPeer(a, p.minTtl(), p.maxTtl()));
        }
        List<InetAddress> vipAddresses = new ArrayList<>();
        for (Vip v : vips) {
            if (v.ipv6() == i.ipv6()) {
                vipAddresses.add(v.address());
            }
        }
        AdvertExpectation expectation = new AdvertExpectation(v3 ? VrrpVersion.V3 : VrrpVersion.V2,
                i.virtualRouterId(), auth, authData, micros(i.advertIntervalMicros()), vipAddresses, unicast,
                addressing.checkUnicastSrc(), checkedPeers);
        InetAddress group = null;
        if (!unicast) {
            String global = i.ipv6() ? group6 : group4;
            group = addressing.mcastDstIp() != null ? literal(addressing.mcastDstIp())
                    : global != null ? literal(global) : i.ipv6() ? GROUP_V6 : GROUP_V4;
        }
        return new InstancePlan(i.name(), i.interfaceName(), i.ipv6(), fsm, expectation, auth, authData, wire, vips,
                excluded, group, configuredSource, peers);
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    static Vip vip(IpAddress a, String instanceInterface) {
        InetAddress brd = null;
        List<String> options = a.options();
        for (int k = 0; k + 1 < options.size(); k++) {
            if (options.get(k).equals("brd") || options.get(k).equals("broadcast")) {
                String b = options.get(k + 1);
                // "brd +" / "brd -" ask the kernel to compute or skip it: nothing to send
                brd = b.equals("+") || b.equals("-") ? null : literal(b);
            }
        }
        return new Vip(literal(a.address()), a.prefix(), a.dev() != null ? a.dev() : instanceInterface,
                scope(a.scope()), brd, a.label());
    }

    /** iproute2's scope names (rt_scopes), as keepalived reads them. */
    static int scope(String s) {
        if (s == null) {
            return 0;
        }
        return switch (s) {
            case "global", "universe" -> 0;
            case "site" -> 200;
            case "link" -> 253;
            case "host" -> 254;
            case "nowhere" -> 255;
            default -> {
                try {
                    yield Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    yield 0; // the parser already reported it
                }
            }
        };
    }

    /** An address the parser has already checked is a literal: no name lookup ever happens here. */
    static InetAddress literal(String text) {
        try {
            return InetAddress.getByAddress(InetText.parse(text));
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
