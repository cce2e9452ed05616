package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.conf.model.check.VirtualServerGroup;
import io.jkeepalived.conf.net.InetText;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The log lines keepalived 2.2.7 writes when a reload changes the entries of a {@code virtual_server_group} used by
 * a virtual server that stays (check/ipwrapper.c: clear_diff_vsge "VS … in group … no longer exists" for an entry
 * gone, sync_service_vsg_entry "VS … added into group …" for a new one). Entries are compared as keepalived's
 * vsge_iseq does: a fwmark by its mark, a range by its first address with the port and its last address. Pure.
 */
public final class GroupReload {
    private GroupReload() {
    }

    /** One entry of a group as keepalived keeps it: the lines differ by kind (mark, single address, range). */
    private record Entry(boolean fwmark, long mark, List<Byte> start, List<Byte> end, int port) {
        boolean single() {
            return start.equals(end);
        }

        /** keepalived's inet_sockaddrtotrio of the first address with the virtual server's protocol. */
        String trio(String protocol) {
            return "[" + InetText.ntop(bytes(start)) + "]:" + protocol + ":" + port;
        }

        /** keepalived's inet_sockaddrtos of the last address (no port). */
        String last() {
            return InetText.ntop(bytes(end));
        }
    }

    /**
     * "VS … in group … no longer exists" for each entry of the group {@code old} used that {@code nextGroups}' group
     * of the same name lacks, in the order of the old group (ranges first, then marks, as keepalived keeps them).
     * Empty when {@code old} is not a group virtual server.
     */
    public static List<String> removed(VirtualServerPlan old, List<VirtualServerGroup> oldGroups,
                                       List<VirtualServerGroup> nextGroups) {
        String name = groupName(old);
        if (name == null) {
            return List.of();
        }
        Set<Entry> next = new LinkedHashSet<>(entries(find(nextGroups, name)));
        String protocol = protocol(old);
        List<String> out = new ArrayList<>();
        for (Entry e : entries(find(oldGroups, name))) {
            if (next.contains(e)) {
                continue;
            }
            if (e.fwmark()) {
                out.add("VS [" + e.mark() + "] in group " + name + " no longer exists");
            } else if (e.single()) {
                out.add("VS [" + e.trio(protocol) + "] in group " + name + " no longer exists");
            } else {
                out.add("VS [" + e.trio(protocol) + "-" + e.last() + "] in group " + name + " no longer exists");
            }
        }
        return out;
    }

    /** "VS … added into group …" for each entry the group of {@code next} (a virtual server that stays) gained. */
    public static List<String> added(VirtualServerPlan next, List<VirtualServerGroup> oldGroups,
                                     List<VirtualServerGroup> nextGroups) {
        String name = groupName(next);
        if (name == null) {
            return List.of();
        }
        Set<Entry> old = new LinkedHashSet<>(entries(find(oldGroups, name)));
        String protocol = protocol(next);
        List<String> out = new ArrayList<>();
        for (Entry e : entries(find(nextGroups, name))) {
            if (old.contains(e)) {
                continue;
            }
            if (e.fwmark()) {
                out.add("VS [FWM " + e.mark() + "] added into group " + name);
            } else if (e.single()) {
                out.add("VS [" + e.trio(protocol) + "] added into group " + name);
            } else {
                out.add("VS [" + e.trio(protocol) + "-" + e.last() + "] added into group " + name);
            }
        }
        return out;
    }

    private static String groupName(VirtualServerPlan p) {
        List<String> a = p.source() == null ? List.of() : p.source().address();
        return a.size() > 1 && a.get(0).equals("group") ? a.get(1) : null;
    }

    private static VirtualServerGroup find(List<VirtualServerGroup> groups, String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    /** The virtual server's protocol as keepalived names it in a trio (the planned services carry it). */
    private static String protocol(VirtualServerPlan p) {
        return p.services().stream().filter(s -> !s.key().isFwmark()).findFirst()
                .map(s -> s.key().protocol().name().toLowerCase(Locale.ROOT)).orElse("none");
    }

    /** The group's entries in keepalived's order (address ranges, then fwmarks); unreadable lines are skipped. */
    private static List<Entry> entries(VirtualServerGroup g) {
        if (g == null) {
            return List.of();
        }
        List<Entry> ranges = new ArrayList<>();
        List<Entry> marks = new ArrayList<>();
        for (List<String> line : LvsPlanner.entries(g.source())) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.get(0).equals("fwmark")) {
                long mark = line.size() < 2 ? -1 : LvsPlanner.parseOr(line.get(1), -1);
                if (mark > 0 && mark <= 0xffffffffL) {
                    marks.add(new Entry(true, mark, List.of(), List.of(), 0));
                }
                continue;
            }
            byte[][] range = LvsPlanner.range(line.get(0));
            if (range == null) {
                continue;
            }
            int port = line.size() > 1 ? (int) LvsPlanner.parseOr(line.get(1), 0) : 0;
            ranges.add(new Entry(false, 0, boxed(range[0]), boxed(range[1]), port));
        }
        ranges.addAll(marks);
        return ranges;
    }

    private static List<Byte> boxed(byte[] b) {
        List<Byte> out = new ArrayList<>(b.length);
        for (byte x : b) {
            out.add(x);
        }
        return List.copyOf(out);
    }

    private static byte[] bytes(List<Byte> b) {
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }
}
