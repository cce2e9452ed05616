package io.jkeepalived.daemon.status;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The VRRP sockets per instance, for the data dump's "VRRP Sockpool" section and the instance's
 * {@code fd_in N, fd_out M} line (keepalived prints its descriptors; tools compare them across dumps). The VRRP
 * subsystem registers each instance when it opens its sockets; a later registration of the same instance replaces it,
 * and an instance a reload removes is {@linkplain #remove removed} (keepalived frees its sockets with the instance).
 */
public final class SocketPool {
    /** One instance's sockets: the receive and send descriptors, shared by the instances of one channel. */
    public record Entry(String instance, int virtualRouterId, int fdIn, int fdOut, String interfaceName, boolean ipv6,
                        boolean unicast, boolean ah) {
    }

    private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();

    private SocketPool() {
    }

    public static void register(Entry e) {
        ENTRIES.put(e.instance(), e);
    }

    /**
     * Forgets {@code instance} (a reload removed or re-created it; a re-created one registers again when it opens its
     * sockets). Only its own entry goes: the sockets may stay open for the other instances of its channel.
     */
    public static void remove(String instance) {
        ENTRIES.remove(instance);
    }

    /** The entry of {@code instance}, or null when it has none (tests, or not opened yet). */
    public static Entry of(String instance) {
        return ENTRIES.get(instance);
    }

    /** The entries of {@code instances}, in their order. */
    static List<Entry> of(List<InstanceStatus> instances) {
        return instances.stream().map(i -> ENTRIES.get(i.name())).filter(java.util.Objects::nonNull).toList();
    }
}
