package io.jkeepalived.daemon.lvs;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ha_suspend}'s bookkeeping, pure (keepalived's update_checker_activity in check_api.c): which virtual servers'
 * addresses are configured on this host. A virtual server is suspended while its address is on no interface and
 * active once it is on at least one; an address on several interfaces (an IPv6 link-local on two links) counts until
 * the last copy goes. Events name the interface, so a repeated RTM_NEWADDR for the same address (a flag or lifetime
 * change) is not counted twice.
 */
final class SuspendAddresses {
    /** Virtual server {@code vs} (its index in the plans) becomes suspended or active. */
    record Change(int vs, boolean suspended) {
    }

    private final Map<InetAddress, List<Integer>> servers = new HashMap<>();
    /** Per watched address, the interfaces it is on. */
    private final Map<InetAddress, Set<Integer>> present = new HashMap<>();

    /** @param addresses per virtual server (index), its address, or null when it does not use ha_suspend */
    SuspendAddresses(List<InetAddress> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            InetAddress a = addresses.get(i);
            if (a != null) {
                servers.computeIfAbsent(a, k -> new ArrayList<>()).add(i);
            }
        }
    }

    boolean isEmpty() {
        return servers.isEmpty();
    }

    /** Whether virtual server {@code vs}'s address is configured now. */
    boolean suspended(int vs) {
        for (Map.Entry<InetAddress, List<Integer>> e : servers.entrySet()) {
            if (e.getValue().contains(vs)) {
                return !present.containsKey(e.getKey());
            }
        }
        return false;
    }

    /** Address {@code ip} was added on interface {@code ifindex}. */
    List<Change> added(int ifindex, InetAddress ip) {
        List<Integer> vs = servers.get(ip);
        if (vs == null) {
            return List.of();
        }
        Set<Integer> on = present.computeIfAbsent(ip, k -> new HashSet<>());
        boolean wasAbsent = on.isEmpty();
        on.add(ifindex);
        return wasAbsent ? changes(vs, false) : List.of();
    }

    /** Address {@code ip} was removed from interface {@code ifindex}. */
    List<Change> removed(int ifindex, InetAddress ip) {
        Set<Integer> on = present.get(ip);
        if (on == null || !on.remove(ifindex) || !on.isEmpty()) {
            return List.of();
        }
        present.remove(ip);
        return changes(servers.get(ip), true);
    }

    /**
     * The complete set of addresses now (a dump, at start or after lost events), as (interface, address) pairs:
     * the changes from what was known.
     */
    List<Change> resync(Map<InetAddress, Set<Integer>> now) {
        List<Change> out = new ArrayList<>();
        for (Map.Entry<InetAddress, List<Integer>> e : servers.entrySet()) {
            Set<Integer> on = now.getOrDefault(e.getKey(), Set.of());
            boolean was = present.containsKey(e.getKey());
            if (on.isEmpty()) {
                present.remove(e.getKey());
            } else {
                present.put(e.getKey(), new HashSet<>(on));
            }
            if (was != !on.isEmpty()) {
                out.addAll(changes(e.getValue(), on.isEmpty()));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Change::vs));
        return out;
    }

    private static List<Change> changes(List<Integer> vs, boolean suspended) {
        List<Change> out = new ArrayList<>(vs.size());
        for (int i : vs) {
            out.add(new Change(i, suspended));
        }
        return out;
    }
}
