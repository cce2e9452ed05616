package io.jkeepalived.daemon.status;

import java.io.IOException;
import java.util.List;

/**
 * Where a dump or the HTTP endpoint gets its figures. The VRRP side answers from its own thread with a bounded
 * wait; the checker engine, once it exposes its state, plugs in through {@link #realServers()}.
 */
public interface StatusSource {
    /**
     * The VRRP instances now.
     *
     * @throws IOException if the VRRP thread did not answer in time (it is then busy or stopped)
     */
    List<InstanceStatus> instances() throws IOException;

    /** The real servers now; empty until the checker engine reports. */
    default List<RealServerStatus> realServers() {
        return List.of();
    }

    /** Both, stamped with the wall clock. */
    default DaemonStatus snapshot() throws IOException {
        List<InstanceStatus> vrrp = instances();
        return new DaemonStatus(WallClock.micros(), vrrp, realServers());
    }
}
