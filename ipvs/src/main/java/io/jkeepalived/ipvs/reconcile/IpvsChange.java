package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.ServiceFlag;

/**
 * One request to the kernel's IPVS table, as {@link IpvsDiff} plans it and {@link IpvsApplier} sends it. The text
 * form is what {@code --dry-run} prints and what errors name: {@code add destination 203.0.113.2:80 Masq weight 1
 * to service TCP 198.51.100.10:80}.
 */
public sealed interface IpvsChange {
    record AddService(IpvsService service) implements IpvsChange {
        @Override
        public String toString() {
            return "add service " + describe(service);
        }
    }

    /** Scheduler, flags, persistence or netmask of an existing service. */
    record EditService(IpvsService service) implements IpvsChange {
        @Override
        public String toString() {
            return "edit service " + describe(service);
        }
    }

    record DeleteService(IpvsServiceKey key) implements IpvsChange {
        @Override
        public String toString() {
            return "delete service " + key;
        }
    }

    record AddDestination(IpvsServiceKey service, IpvsDestination destination) implements IpvsChange {
        @Override
        public String toString() {
            return "add destination " + describe(destination) + " to service " + service;
        }
    }

    record EditDestination(IpvsServiceKey service, IpvsDestination destination) implements IpvsChange {
        @Override
        public String toString() {
            return "edit destination " + describe(destination) + " of service " + service;
        }
    }

    record DeleteDestination(IpvsServiceKey service, IpvsTable.DestKey destination) implements IpvsChange {
        @Override
        public String toString() {
            return "delete destination " + destination + " of service " + service;
        }
    }

    /** Every service of the namespace, ours or not: only {@code lvs_flush} and {@code lvs_flush_on_stop} ask for it. */
    record Flush() implements IpvsChange {
        @Override
        public String toString() {
            return "flush the IPVS table";
        }
    }

    /** The service a change is about, null for a flush. */
    default IpvsServiceKey serviceKey() {
        if (this instanceof AddService a) {
            return a.service().key();
        } else if (this instanceof EditService e) {
            return e.service().key();
        } else if (this instanceof DeleteService d) {
            return d.key();
        } else if (this instanceof AddDestination a) {
            return a.service();
        } else if (this instanceof EditDestination e) {
            return e.service();
        } else if (this instanceof DeleteDestination d) {
            return d.service();
        }
        return null;
    }

    static String describe(IpvsService s) {
        StringBuilder b = new StringBuilder().append(s.key()).append(' ').append(s.scheduler());
        for (ServiceFlag f : s.flags()) {
            if (f != ServiceFlag.PERSISTENT && f != ServiceFlag.HASHED) {
                b.append(' ').append(f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            }
        }
        if (s.isPersistent()) {
            b.append(" persistent ").append(s.timeout()).append(" mask /").append(s.netmask());
            if (s.peName() != null) {
                b.append(" pe ").append(s.peName());
            }
        }
        return b.toString();
    }

    static String describe(IpvsDestination d) {
        StringBuilder b = new StringBuilder().append(IpvsServiceKey.hostPort(d.address(), d.port())).append(' ')
                .append(d.forwarding().ipvsadmName()).append(" weight ").append(d.weight());
        if (d.upperThreshold() != 0 || d.lowerThreshold() != 0) {
            b.append(" thresholds ").append(d.upperThreshold()).append('/').append(d.lowerThreshold());
        }
        if (d.forwarding() == io.jkeepalived.ipvs.ForwardingMethod.TUNNEL && d.tunnelType() != io.jkeepalived.ipvs.TunnelType.IPIP) {
            b.append(' ').append(d.tunnelType().name().toLowerCase(java.util.Locale.ROOT));
            if (d.tunnelPort() != 0) {
                b.append(" port ").append(d.tunnelPort());
            }
            b.append(' ').append(d.tunnelChecksum().name().toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }
}
