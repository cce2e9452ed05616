package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.ipvs.IpvsClient;
import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The edge of the reconciler: reads the services the configuration owns from the kernel, and sends changes (several
 * per netlink datagram). A change the kernel refuses is reported (the client's message names the service and destination) and the
 * rest still go; the table it returns is then re-read for that service, so the next diff starts from the truth.
 */
public final class IpvsApplier {
    private final IpvsClient client;
    private final Consumer<String> errors;

    public IpvsApplier(IpvsClient client, Consumer<String> errors) {
        this.client = client;
        this.errors = errors;
    }

    /**
     * Above this many keys {@link #read} lists all services in one dump and keeps the owned ones, instead of one
     * GET per key (1,000 owned services at start were 1,000 round trips, mostly answered "no such service").
     */
    static final int DUMP_ABOVE = 8;

    /** The kernel's view of {@code keys} (absent ones are not in the result). */
    public IpvsTable read(Collection<IpvsServiceKey> keys) throws IOException {
        IpvsTable t = new IpvsTable();
        if (keys.size() > DUMP_ABOVE) {
            java.util.Set<IpvsServiceKey> wanted = keys instanceof java.util.Set<IpvsServiceKey> set ? set : new java.util.HashSet<>(keys);
            for (IpvsService s : client.services()) {
                if (wanted.contains(s.key())) {
                    t.put(s);
                    for (IpvsDestination d : client.destinations(s.key())) {
                        t.put(s.key(), d);
                    }
                }
            }
            return t;
        }
        for (IpvsServiceKey k : keys) {
            readInto(t, k);
        }
        return t;
    }

    private void readInto(IpvsTable t, IpvsServiceKey k) throws IOException {
        t.remove(k);
        Optional<IpvsService> s = client.service(k);
        if (s.isPresent()) {
            t.put(s.get());
            for (IpvsDestination d : client.destinations(k)) {
                t.put(k, d);
            }
        }
    }

    /**
     * Sends {@code changes} in order and returns the table they leave: {@code known} with each accepted change
     * applied, and each service a change failed on re-read from the kernel. The changes go several per datagram
     * ({@link IpvsClient#batch()}); each is still attempted whatever the outcome of the ones before it, as when
     * they were sent one by one.
     */
    public IpvsTable apply(IpvsTable known, List<IpvsChange> changes) {
        IpvsTable t = known.copy();
        java.util.Set<IpvsServiceKey> failed = new java.util.LinkedHashSet<>();
        IpvsClient.Batch batch = client.batch();
        for (IpvsChange c : changes) {
            add(batch, c);
        }
        List<IpvsClient.BatchFailure> refused;
        int confirmed = changes.size();
        try {
            refused = batch.send();
        } catch (IpvsClient.BatchException e) {
            errors.accept("IPVS: " + e.getMessage());
            refused = e.failures();
            confirmed = e.confirmed();
        } catch (IOException e) {
            errors.accept("IPVS: " + e.getMessage());
            refused = List.of();
            confirmed = 0;
        }
        int next = 0;
        for (int i = 0; i < changes.size(); i++) {
            IpvsChange c = changes.get(i);
            boolean ok = i < confirmed;
            if (next < refused.size() && refused.get(next).index() == i) {
                errors.accept("IPVS: " + refused.get(next).error().getMessage());
                next++;
                ok = false;
            }
            if (ok) {
                try {
                    t.apply(c);
                } catch (IpvsTable.TableException e) {
                    failed.add(c.serviceKey());
                }
            } else if (c.serviceKey() != null) {
                failed.add(c.serviceKey()); // refused, or its outcome unknown: read what the kernel has
            }
        }
        for (IpvsServiceKey k : failed) {
            try {
                readInto(t, k);
            } catch (IOException e) {
                errors.accept("IPVS: " + e.getMessage());
            }
        }
        return t;
    }

    private static void add(IpvsClient.Batch b, IpvsChange c) {
        if (c instanceof IpvsChange.AddService a) {
            b.addService(a.service());
        } else if (c instanceof IpvsChange.EditService e) {
            b.editService(e.service());
        } else if (c instanceof IpvsChange.DeleteService d) {
            b.deleteService(d.key());
        } else if (c instanceof IpvsChange.AddDestination a) {
            b.addDestination(a.service(), a.destination());
        } else if (c instanceof IpvsChange.EditDestination e) {
            b.editDestination(e.service(), e.destination());
        } else if (c instanceof IpvsChange.DeleteDestination d) {
            b.deleteDestination(d.service(), d.destination().address(), d.destination().port());
        } else if (c instanceof IpvsChange.Flush) {
            b.flush();
        } else {
            throw new IllegalArgumentException("unknown IPVS change " + c);
        }
    }
}
