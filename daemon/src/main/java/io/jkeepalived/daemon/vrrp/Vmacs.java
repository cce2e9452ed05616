package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.conf.model.vrrp.IpAddress;
import io.jkeepalived.conf.model.vrrp.VmacSettings;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.Link;
import io.jkeepalived.netlink.rtnl.Macvlan;
import io.jkeepalived.netlink.rtnl.MacvlanMode;
import io.jkeepalived.netlink.rtnl.RouteNetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code use_vmac} as keepalived 2.2.7 does it (vrrp_vmac.c, vrrp_if_config.c): at start each such instance gets a
 * macvlan in private mode, named {@code vrrp.VRID} unless named, on its interface, with the virtual router MAC
 * (RFC 5798 §7.3); its VIPs that name no interface go on it, its adverts are sent from it (from the base interface
 * with {@code vmac_xmit_base}), so the gratuitous ARPs and the ARP replies for the VIPs carry the virtual MAC.
 *
 * <p>For an IPv4 instance the sysctls keepalived sets: on the VMAC {@code arp_ignore=1} (answer only for its own
 * addresses), {@code accept_local=1} (hear the adverts of the peer, whose source MAC is ours), {@code rp_filter=0}
 * (receive on an interface without an address) and {@code promote_secondaries=1}; on the base interface
 * {@code arp_ignore=1} and {@code arp_filter=1} (it must not answer for the VIPs), restored when the last VMAC on it
 * goes. IPv6 is disabled on an IPv4 VMAC without IPv6 VIPs. Every VMAC gets no automatic link-local address
 * (RFC 5798 §7.4); an IPv6 one sending adverts gets the base interface's link-local address instead. At stop the
 * VMACs created are deleted.
 */
final class Vmacs {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");

    /** One VMAC: the instance, its interface and what was found or made. */
    record Vmac(String instance, String name, String base, boolean ipv6, boolean xmitBase, byte[] mac) {
    }

    private final List<Vmac> vmacs;
    private final Sysctl sysctl;
    /** base interface -> arp_ignore, arp_filter found before the first VMAC on it changed them. */
    private final Map<String, int[]> savedBase = new LinkedHashMap<>();
    /** VMAC name -> index of the links this object created (and deletes at stop). */
    private final Map<String, Integer> created = new LinkedHashMap<>();

    private Vmacs(List<Vmac> vmacs, Sysctl sysctl) {
        this.vmacs = List.copyOf(vmacs);
        this.sysctl = sysctl;
    }

    /** The VMACs the configuration asks for (pure). */
    static Vmacs plan(List<VrrpInstance> instances, Sysctl sysctl) {
        List<Vmac> out = new ArrayList<>();
        for (VrrpInstance i : instances) {
            VmacSettings v = i.vmac();
            if (v == null || !v.useVmac() || i.interfaceName() == null || i.interfaceName().isEmpty()) {
                continue;
            }
            String name = v.ifName() != null ? v.ifName() : "vrrp." + i.virtualRouterId();
            byte[] mac = v.mac() != null ? HexFormat.ofDelimiter(":").parseHex(v.mac())
                    : Macvlan.virtualRouterMac(i.virtualRouterId(), i.ipv6());
            out.add(new Vmac(i.name(), name, i.interfaceName(), i.ipv6(), v.xmitBase(), mac));
        }
        return new Vmacs(out, sysctl);
    }

    boolean isEmpty() {
        return vmacs.isEmpty();
    }

    List<Vmac> vmacs() {
        return vmacs;
    }

    private Vmac of(String instance) {
        for (Vmac v : vmacs) {
            if (v.instance().equals(instance)) {
                return v;
            }
        }
        return null;
    }

    /**
     * The plans as they run with VMACs: the interface the adverts go out on (the VMAC, unless vmac_xmit_base),
     * and the VIPs that name no interface moved onto the VMAC. Plans without a VMAC are returned unchanged.
     */
    List<InstancePlan> apply(List<InstancePlan> plans, List<VrrpInstance> instances) {
        Map<String, VrrpInstance> byName = new HashMap<>();
        for (VrrpInstance i : instances) {
            byName.put(i.name(), i);
        }
        List<InstancePlan> out = new ArrayList<>();
        for (InstancePlan p : plans) {
            Vmac v = of(p.name());
            VrrpInstance i = byName.get(p.name());
            if (v == null || i == null) {
                out.add(p);
                continue;
            }
            out.add(p.onInterfaces(v.xmitBase() ? p.interfaceName() : v.name(),
                    moved(p.vips(), i.virtualIpAddresses(), v.name()),
                    moved(p.excludedVips(), i.excludedIpAddresses(), v.name())));
        }
        return out;
    }

    /** keepalived puts a VIP without {@code dev} on the instance's interface, which with use_vmac is the VMAC. */
    private static List<Vip> moved(List<Vip> vips, List<IpAddress> lines, String vmac) {
        List<Vip> out = new ArrayList<>();
        for (int k = 0; k < vips.size(); k++) {
            Vip v = vips.get(k);
            boolean named = k < lines.size() && lines.get(k).dev() != null;
            out.add(named ? v : new Vip(v.address(), v.prefix(), vmac, v.scope(), v.broadcast(), v.label()));
        }
        return out;
    }

    /**
     * Creates (or takes over) every VMAC, sets the sysctls and brings it up. {@code plans} give the advert source
     * an IPv6 VMAC carries.
     *
     * @throws IOException naming the VMAC that cannot be made; those already made are deleted by {@link #remove}
     */
    void create(RouteNetlink rtnl, List<InstancePlan> plans) throws IOException {
        for (Vmac v : vmacs) {
            Map<String, Link> links = byName(rtnl.links());
            Link base = links.get(v.base());
            if (base == null) {
                throw new IOException("(" + v.instance() + ") interface " + v.base() + " does not exist");
            }
            Link existing = links.get(v.name());
            if (existing != null) {
                Macvlan old = rtnl.macvlans().stream().filter(m -> m.name().equals(v.name())).findFirst().orElse(null);
                if (old == null) {
                    throw new IOException("VMAC " + v.name() + " conflicts with existing interface");
                }
                if (old.parentIndex() == base.index() && Arrays.equals(old.mac(), v.mac()) && old.mode() == MacvlanMode.PRIVATE) {
                    created.put(v.name(), old.index()); // left behind by a kill -9: ours to use and delete
                } else {
                    LOG.info("({}) Removing old VMAC interface {} due to conflicting interface or MAC", v.instance(), v.name());
                    rtnl.deleteLink(old.index());
                }
            }
            if (!created.containsKey(v.name())) {
                try {
                    rtnl.addMacvlan(new Macvlan(0, v.name(), base.index(), v.mac(), MacvlanMode.PRIVATE));
                } catch (IOException e) {
                    throw new IOException("(" + v.instance() + "): Unable to create VMAC interface " + v.name()
                            + ": " + e.getMessage(), e);
                }
                LOG.info("({}): Success creating VMAC interface {}", v.instance(), v.name());
                Link made = byName(rtnl.links()).get(v.name());
                if (made == null) {
                    throw new IOException("(" + v.instance() + ") VMAC interface " + v.name() + " vanished after creation");
                }
                created.put(v.name(), made.index());
            }
            int index = created.get(v.name());
            InstancePlan plan = plans.stream().filter(p -> p.name().equals(v.instance())).findFirst().orElse(null);
            if (!v.ipv6()) {
                configureIpv4(v);
            }
            boolean ipv6Vips = plan != null && plan.allVips().stream().anyMatch(x -> x.ipv6() && x.dev().equals(v.name()));
            if (!v.ipv6() && !ipv6Vips) {
                set("ipv6", v.name(), "disable_ipv6", 1);
            }
            try {
                rtnl.setAddrGenModeNone(index);
            } catch (IOException e) {
                LOG.info("({}) Error setting ADDR_GEN_MODE to NONE on {}: {}", v.instance(), v.name(), e.getMessage());
            }
            rtnl.setLinkUp(index, true);
            if (v.ipv6() && !v.xmitBase() && plan != null && plan.fsm().primaryAddress() instanceof Inet6Address ll) {
                // adverts leave the VMAC from a non-VIP address: the base interface's link-local one
                Address a = Address.of(index, ll, 64).withFlags(Address.IFA_F_NODAD);
                try {
                    rtnl.addAddress(a);
                } catch (IOException e) {
                    if (!String.valueOf(e.getMessage()).contains("EEXIST")) {
                        LOG.info("({}) adding link-local address to {} failed: {}", v.instance(), v.name(), e.getMessage());
                    }
                }
            }
        }
    }

    /**
     * keepalived's reset_link_local_address: an IPv6 VMAC (not {@code vmac_xmit_base}) carries the base interface's
     * link-local address it sends adverts from; when the instance's source moves to another of the base's link-local
     * addresses (the one in use deleted, or the first one added), the VMAC's address follows. Netlink thread.
     */
    void followLinkLocal(RouteNetlink rtnl, String instance, InetAddress old, InetAddress now) {
        Vmac v = of(instance);
        Integer index = v == null ? null : created.get(v.name());
        if (index == null || !v.ipv6() || v.xmitBase() || java.util.Objects.equals(old, now)) {
            return;
        }
        if (old instanceof Inet6Address) {
            try {
                rtnl.deleteAddress(Address.of(index, old, 64));
            } catch (IOException e) {
                // gone with the base's already, or never set: nothing to undo
            }
        }
        if (now instanceof Inet6Address) {
            try {
                rtnl.addAddress(Address.of(index, now, 64).withFlags(Address.IFA_F_NODAD));
                LOG.info("({}) link-local address of {} now {}", instance, v.name(), now.getHostAddress());
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("EEXIST")) {
                    LOG.info("({}) adding link-local address to {} failed: {}", instance, v.name(), e.getMessage());
                }
            }
        }
    }

    private void configureIpv4(Vmac v) {
        set("ipv4", v.name(), "arp_ignore", 1);
        set("ipv4", v.name(), "accept_local", 1);
        set("ipv4", v.name(), "rp_filter", 0);
        set("ipv4", v.name(), "promote_secondaries", 1);
        if (!savedBase.containsKey(v.base())) {
            int ignore = sysctl.get("ipv4", v.base(), "arp_ignore");
            int filter = sysctl.get("ipv4", v.base(), "arp_filter");
            savedBase.put(v.base(), new int[] {ignore, filter});
            if (ignore != 1) {
                set("ipv4", v.base(), "arp_ignore", 1);
            }
            if (filter != 1) {
                set("ipv4", v.base(), "arp_filter", 1);
            }
        }
    }

    private void set(String family, String ifname, String parameter, int value) {
        try {
            sysctl.set(family, ifname, parameter, value);
        } catch (IOException e) {
            LOG.info("Unable to set {} on {}: {}", parameter, ifname, e.getMessage());
        }
    }

    /** Restores the base interfaces' ARP sysctls and deletes the VMACs made; never throws. */
    void remove(RouteNetlink rtnl) {
        for (Map.Entry<String, int[]> e : savedBase.entrySet()) {
            int[] old = e.getValue();
            if (old[0] >= 0 && old[0] != 1) {
                set("ipv4", e.getKey(), "arp_ignore", old[0]);
            }
            if (old[1] >= 0 && old[1] != 1) {
                set("ipv4", e.getKey(), "arp_filter", old[1]);
            }
        }
        savedBase.clear();
        for (Vmac v : vmacs) {
            Integer index = created.remove(v.name());
            if (index == null) {
                continue;
            }
            try {
                rtnl.deleteLink(index);
                LOG.info("({}) Success removing VMAC interface {}", v.instance(), v.name());
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("ENODEV")) {
                    LOG.info("({}) Error removing VMAC interface {}: {}", v.instance(), v.name(), e.getMessage());
                }
            }
        }
    }

    private static Map<String, Link> byName(List<Link> links) {
        Map<String, Link> m = new HashMap<>();
        for (Link l : links) {
            m.put(l.name(), l);
        }
        return m;
    }
}
