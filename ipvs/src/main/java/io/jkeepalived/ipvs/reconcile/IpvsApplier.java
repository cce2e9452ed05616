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
 * The edge of the reconciler: reads the services the configuration owns from the kernel, and sends changes one by
 * one. A change the kernel refuses is reported (the client's message names the service and destination) and the
 * rest still go; the table it returns is then re-read for that service, so the next diff starts from the truth.
 */
public final class IpvsApplier {
    private final IpvsClient client;
    private final Consumer<String> errors;

    public IpvsApplier(IpvsClient client, Consumer<String> errors) {
        this.client = client;
        this.errors = errors;
    }

    /** The kernel's view of {@code keys} (absent ones are not in the result). */
    public IpvsTable read(Collection<IpvsServiceKey> keys) throws IOException {
        IpvsTable t = new IpvsTable();
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
     * applied, and each service a change failed on re-read from the kernel.
     */
    public IpvsTable apply(IpvsTable known, List<IpvsChange> changes) {
        IpvsTable t = known.copy();
        java.util.Set<IpvsServiceKey> failed = new java.util.LinkedHashSet<>();
        for (IpvsChange c : changes) {
            try {
                send(c);
                try {
                    t.apply(c);
                } catch (IpvsTable.TableException e) {
                    failed.add(c.serviceKey());
                }
            } catch (IOException e) {
                errors.accept("IPVS: " + e.getMessage());
                if (c.serviceKey() != null) {
                    failed.add(c.serviceKey());
                }
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

    private void send(IpvsChange c) throws IOException {
        if (c instanceof IpvsChange.AddService a) {
            client.addService(a.service());
        } else if (c instanceof IpvsChange.EditService e) {
            client.editService(e.service());
        } else if (c instanceof IpvsChange.DeleteService d) {
            client.deleteService(d.key());
        } else if (c instanceof IpvsChange.AddDestination a) {
            client.addDestination(a.service(), a.destination());
        } else if (c instanceof IpvsChange.EditDestination e) {
            client.editDestination(e.service(), e.destination());
        } else if (c instanceof IpvsChange.DeleteDestination d) {
            client.deleteDestination(d.service(), d.destination().address(), d.destination().port());
        } else if (c instanceof IpvsChange.Flush) {
            client.flush();
        }
    }
}
