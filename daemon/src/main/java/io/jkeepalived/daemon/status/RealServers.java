package io.jkeepalived.daemon.status;

import io.jkeepalived.conf.model.check.VirtualServer;

import java.util.ArrayList;
import java.util.List;

/** The checker engine's view ({@code CheckerEngine.status()}) as the endpoint reports it. */
public final class RealServers {
    private RealServers() {
    }

    public static List<RealServerStatus> of(List<io.jkeepalived.healthcheck.RealServerStatus> engine) {
        List<RealServerStatus> out = new ArrayList<>(engine.size());
        for (io.jkeepalived.healthcheck.RealServerStatus s : engine) {
            long latency = -1;
            for (io.jkeepalived.healthcheck.RealServerStatus.CheckerStatus c : s.checkers()) {
                latency = Math.max(latency, c.lastLatencyNanos()); // the slowest checker decides when it is known
            }
            out.add(new RealServerStatus(virtualServer(s.virtualServer()), s.name(), s.up(), latency));
        }
        return out;
    }

    /** {@code ADDRESS PORT/PROTO}, {@code fwmark N} or {@code group NAME}, as the configuration names it. */
    static String virtualServer(VirtualServer vs) {
        String a = String.join(" ", vs.address());
        return vs.protocol() == null ? a : a + "/" + vs.protocol();
    }
}
