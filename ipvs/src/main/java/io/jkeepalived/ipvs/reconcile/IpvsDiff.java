package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.ipvs.ForwardingMethod;
import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The smallest list of requests that turns the kernel's table into the wanted one, for the services the
 * configuration owns and no other: a service that is not ours is never edited or deleted, even when the wanted
 * table lacks it (another program, or an operator with ipvsadm, put it there). Pure.
 *
 * <p>Order: services that go are deleted first (their destinations go with them, in one request), then each kept
 * or new service is edited or added before its destinations change, and within a service destinations are deleted
 * before others are added, so a weight or threshold sum never counts a server twice.
 */
public final class IpvsDiff {
    private IpvsDiff() {
    }

    /**
     * @param current what the kernel has (only the {@code owned} services matter; the rest may be absent)
     * @param desired what the configuration wants; every key in it must be in {@code owned}
     * @param owned   the services the configuration owns: the keys of its virtual servers, old and new
     */
    public static List<IpvsChange> diff(IpvsTable current, IpvsTable desired, Set<IpvsServiceKey> owned) {
        List<IpvsChange> out = new ArrayList<>();
        for (IpvsServiceKey key : current.keys()) {
            if (owned.contains(key) && desired.get(key) == null) {
                out.add(new IpvsChange.DeleteService(key));
            }
        }
        for (Map.Entry<IpvsServiceKey, IpvsTable.Entry> want : desired.services().entrySet()) {
            IpvsServiceKey key = want.getKey();
            if (!owned.contains(key)) {
                throw new IllegalArgumentException("the desired table has service " + key + " that the configuration does not own");
            }
            IpvsService service = IpvsTable.normalise(want.getValue().service());
            IpvsTable.Entry have = current.get(key);
            if (have == null) {
                out.add(new IpvsChange.AddService(service));
                for (IpvsDestination d : want.getValue().destinations().values()) {
                    out.add(new IpvsChange.AddDestination(key, IpvsTable.normalise(d)));
                }
                continue;
            }
            if (!IpvsTable.normalise(have.service()).equals(service)) {
                out.add(new IpvsChange.EditService(service));
            }
            Map<IpvsTable.DestKey, IpvsDestination> wanted = want.getValue().destinations();
            for (IpvsTable.DestKey d : have.destinations().keySet()) {
                if (!wanted.containsKey(d)) {
                    out.add(new IpvsChange.DeleteDestination(key, d));
                }
            }
            for (Map.Entry<IpvsTable.DestKey, IpvsDestination> d : wanted.entrySet()) {
                IpvsDestination target = IpvsTable.normalise(d.getValue());
                IpvsDestination existing = have.destinations().get(d.getKey());
                if (existing == null) {
                    out.add(new IpvsChange.AddDestination(key, target));
                } else if (!same(IpvsTable.normalise(existing), target)) {
                    out.add(new IpvsChange.EditDestination(key, target));
                }
            }
        }
        return out;
    }

    /**
     * The kernel turns the forwarding of a destination whose address is local into LOCAL_NODE whatever was asked
     * (ip_vs_ctl.c); such a destination matches any wanted method, or it would be edited on every pass.
     */
    static boolean same(IpvsDestination have, IpvsDestination want) {
        if (have.forwarding() == ForwardingMethod.LOCAL_NODE && want.forwarding() != ForwardingMethod.LOCAL_NODE) {
            return have.withForwarding(want.forwarding()).equals(want);
        }
        return have.equals(want);
    }

    /** {@code current} with {@code changes} applied, as the kernel would (throws as the kernel would refuse). */
    public static IpvsTable applied(IpvsTable current, List<IpvsChange> changes) {
        IpvsTable t = current.copy();
        changes.forEach(t::apply);
        return t;
    }
}
