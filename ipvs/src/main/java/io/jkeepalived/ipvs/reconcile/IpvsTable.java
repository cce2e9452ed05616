package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.ipvs.ForwardingMethod;
import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.ServiceFlag;

import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An IPVS table in memory: services by key, each with its destinations by address and port. It is what the
 * reconciler wants, what the daemon last read or wrote, and, in tests, a fake kernel: {@link #apply} refuses what
 * the kernel refuses (a service or destination that is already there, or is not), with the kernel's errno name.
 * Counters are not kept. Not thread-safe.
 */
public final class IpvsTable {
    /** A destination's identity within its service (ip_vs_ctl.c looks destinations up by address and port). */
    public record DestKey(InetAddress address, int port) {
        public static DestKey of(IpvsDestination d) {
            return new DestKey(d.address(), d.port());
        }

        @Override
        public String toString() {
            return IpvsServiceKey.hostPort(address, port);
        }
    }

    /** One service and its destinations, in insertion order. */
    public static final class Entry {
        private IpvsService service;
        private final Map<DestKey, IpvsDestination> destinations = new LinkedHashMap<>();

        Entry(IpvsService service) {
            this.service = service;
        }

        public IpvsService service() {
            return service;
        }

        public Map<DestKey, IpvsDestination> destinations() {
            return Collections.unmodifiableMap(destinations);
        }
    }

    /** A request the table (as the kernel) refuses. */
    public static final class TableException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String errnoName;

        TableException(String errnoName, String message) {
            super(message + ": " + errnoName);
            this.errnoName = errnoName;
        }

        public String errnoName() {
            return errnoName;
        }
    }

    private final Map<IpvsServiceKey, Entry> services = new LinkedHashMap<>();

    public Map<IpvsServiceKey, Entry> services() {
        return Collections.unmodifiableMap(services);
    }

    public Entry get(IpvsServiceKey key) {
        return services.get(key);
    }

    public boolean isEmpty() {
        return services.isEmpty();
    }

    /** Puts {@code service} (replacing one with its key, and keeping that one's destinations). */
    public void put(IpvsService service) {
        IpvsService clean = normalise(service);
        Entry e = services.get(clean.key());
        if (e == null) {
            services.put(clean.key(), new Entry(clean));
        } else {
            e.service = clean;
        }
    }

    /** Puts {@code dest} into the service of {@code key}, which must be in the table. */
    public void put(IpvsServiceKey key, IpvsDestination dest) {
        Entry e = Objects.requireNonNull(services.get(key), () -> "no service " + key);
        IpvsDestination clean = normalise(dest);
        e.destinations.put(DestKey.of(clean), clean);
    }

    public void remove(IpvsServiceKey key) {
        services.remove(key);
    }

    public void remove(IpvsServiceKey key, DestKey dest) {
        Entry e = services.get(key);
        if (e != null) {
            e.destinations.remove(dest);
        }
    }

    public IpvsTable copy() {
        IpvsTable out = new IpvsTable();
        services.forEach((k, e) -> {
            Entry c = new Entry(e.service);
            c.destinations.putAll(e.destinations);
            out.services.put(k, c);
        });
        return out;
    }

    /** Applies {@code change} as the kernel would, refusing (EEXIST, ESRCH, ENOENT) what it would refuse. */
    public void apply(IpvsChange change) {
        if (change instanceof IpvsChange.AddService a) {
            if (services.containsKey(a.service().key())) {
                throw new TableException("EEXIST", change.toString());
            }
            put(a.service());
        } else if (change instanceof IpvsChange.EditService e) {
            if (!services.containsKey(e.service().key())) {
                throw new TableException("ESRCH", change.toString());
            }
            put(e.service());
        } else if (change instanceof IpvsChange.DeleteService d) {
            if (services.remove(d.key()) == null) {
                throw new TableException("ESRCH", change.toString());
            }
        } else if (change instanceof IpvsChange.AddDestination a) {
            Entry e = entry(a.service(), change);
            if (e.destinations.containsKey(DestKey.of(a.destination()))) {
                throw new TableException("EEXIST", change.toString());
            }
            put(a.service(), a.destination());
        } else if (change instanceof IpvsChange.EditDestination a) {
            Entry e = entry(a.service(), change);
            if (!e.destinations.containsKey(DestKey.of(a.destination()))) {
                throw new TableException("ENOENT", change.toString());
            }
            put(a.service(), a.destination());
        } else if (change instanceof IpvsChange.DeleteDestination d) {
            if (entry(d.service(), change).destinations.remove(d.destination()) == null) {
                throw new TableException("ENOENT", change.toString());
            }
        } else if (change instanceof IpvsChange.Flush) {
            services.clear();
        }
    }

    private Entry entry(IpvsServiceKey key, IpvsChange change) {
        Entry e = services.get(key);
        if (e == null) {
            throw new TableException("ESRCH", change.toString());
        }
        return e;
    }

    /** What a request carries and a comparison should see: no counters, no HASHED (the kernel's own flag). */
    static IpvsService normalise(IpvsService s) {
        if (s.stats() == null && !s.flags().contains(ServiceFlag.HASHED)) {
            return s;
        }
        EnumSet<ServiceFlag> f = s.flags().isEmpty() ? EnumSet.noneOf(ServiceFlag.class) : EnumSet.copyOf(s.flags());
        f.remove(ServiceFlag.HASHED);
        return s.withFlags(f).withStats(null);
    }

    static IpvsDestination normalise(IpvsDestination d) {
        IpvsDestination out = d.withoutCounters();
        if (out.forwarding() != ForwardingMethod.TUNNEL && (out.tunnelType() != io.jkeepalived.ipvs.TunnelType.IPIP
                || out.tunnelPort() != 0 || out.tunnelChecksum() != io.jkeepalived.ipvs.TunnelChecksum.NOCSUM)) {
            // tunnel settings mean nothing for other methods; the kernel may report whatever it kept
            out = out.withTunnel(io.jkeepalived.ipvs.TunnelType.IPIP, 0, io.jkeepalived.ipvs.TunnelChecksum.NOCSUM);
        }
        return out;
    }

    /** The table's services as a set of keys. */
    public Set<IpvsServiceKey> keys() {
        return Collections.unmodifiableSet(services.keySet());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IpvsTable t) || !t.services.keySet().equals(services.keySet())) {
            return false;
        }
        for (Map.Entry<IpvsServiceKey, Entry> e : services.entrySet()) {
            Entry other = t.services.get(e.getKey());
            if (!other.service.equals(e.getValue().service) || !other.destinations.equals(e.getValue().destinations)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return services.keySet().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        services.forEach((k, e) -> {
            b.append(e.service.key()).append(' ').append(e.service.scheduler()).append(' ').append(e.service.flags())
                    .append(" timeout ").append(e.service.timeout()).append(" mask ").append(e.service.netmask()).append('\n');
            e.destinations.values().forEach(d -> b.append("  -> ").append(d).append('\n'));
        });
        return b.toString();
    }
}
