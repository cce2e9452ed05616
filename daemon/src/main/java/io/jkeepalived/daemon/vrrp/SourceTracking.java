package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.Link;
import io.jkeepalived.netlink.rtnl.RtnlEvent;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Carries the interfaces' address changes from the rtnetlink watch thread ("vrrp-addr", the one {@link VipWatch}
 * reads) to the vrrp thread, which alone owns {@link SourceAddresses} and the state machines: the watch thread
 * only queues, the vrrp thread applies the queue and asks each instance's source.
 */
final class SourceTracking {
    /**
     * An RTM_NEWADDR/RTM_DELADDR, an RTM_NEWLINK/RTM_DELLINK, or (both null) fresh dumps after lost events.
     */
    private record News(RtnlEvent.AddressChange change, RtnlEvent.LinkChange link, List<Address> dump,
                        List<Link> links) {
    }

    private final SourceAddresses addresses;
    private final ConcurrentLinkedQueue<News> news = new ConcurrentLinkedQueue<>();

    /**
     * @param dump the interfaces' addresses, read after the watch subscribed (so no change falls between)
     * @param ours every instance's VIPs, never a source
     */
    SourceTracking(List<Address> dump, Set<InetAddress> ours) {
        this.addresses = new SourceAddresses(dump, ours);
    }

    /** A reload changed the VIPs (vrrp thread). */
    void ours(Set<InetAddress> vips) {
        addresses.ours(vips);
    }

    /** Our VIPs (and excluded VIPs) of every instance. */
    static Set<InetAddress> vips(List<InstancePlan> plans) {
        Set<InetAddress> ours = new HashSet<>();
        for (InstancePlan p : plans) {
            for (Vip v : p.allVips()) {
                ours.add(v.address());
            }
        }
        return ours;
    }

    /**
     * The index of the interface whose addresses give the instance's advert source, as keepalived picks it: the
     * instance's interface, or for a {@code use_vmac} instance the interface the VMAC sits on (an IPv6 VMAC carries
     * the base's link-local address and follows it); -1 when the source does not follow the addresses
     * ({@code unicast_src_ip}).
     */
    static int sourceInterface(InstancePlan p, Vmacs vmacs, Map<String, Link> links) {
        if (p.unicastSource() != null) {
            return -1;
        }
        String name = p.interfaceName();
        for (Vmacs.Vmac v : vmacs.vmacs()) {
            if (v.instance().equals(p.name())) {
                // IPv4: the base's address; IPv6: the base's link-local one, which the VMAC carries (Vmacs)
                name = v.base();
            }
        }
        Link l = links.get(name);
        return l == null ? -1 : l.index();
    }

    /** Watch thread: queues one address change. */
    void changed(RtnlEvent.AddressChange change) {
        news.add(new News(change, null, null, null));
    }

    /** Watch thread: queues one link change (an interface created, changed or deleted). */
    void linkChanged(RtnlEvent.LinkChange change) {
        news.add(new News(null, change, null, null));
    }

    /** Watch thread: queues fresh dumps (events were lost). */
    void resynced(List<Address> dump, List<Link> linkDump) {
        news.add(new News(null, null, List.copyOf(dump), List.copyOf(linkDump)));
    }

    /**
     * Vrrp thread: applies what is queued now, link changes to {@code links} (interfaces by name, read by other
     * threads too: a concurrent map); true if there was anything.
     */
    boolean apply(Map<String, Link> links) {
        boolean any = false;
        for (int n = news.size(); n > 0; n--) { // bounded: what is queued now
            News e = news.poll();
            if (e == null) {
                break;
            }
            any = true;
            if (e.change() != null) {
                addresses.update(e.change().removed(), e.change().address());
            } else if (e.link() != null) {
                Link l = e.link().link();
                if (!e.link().removed()) {
                    links.put(l.name(), l);
                } else {
                    links.computeIfPresent(l.name(), (k, old) -> old.index() == l.index() ? null : old);
                }
            } else {
                addresses.reset(e.dump());
                for (Link l : e.links()) {
                    links.put(l.name(), l);
                }
            }
        }
        return any;
    }

    /** Vrrp thread: see {@link SourceAddresses#choose}. */
    InetAddress choose(int ifindex, boolean ipv6, InetAddress current) {
        return addresses.choose(ifindex, ipv6, current);
    }
}
