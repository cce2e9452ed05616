package io.jkeepalived.daemon.lvs;

import io.jkeepalived.ipvs.IpvsSyncDaemon;
import io.jkeepalived.ipvs.IpvsTimeouts;
import io.jkeepalived.ipvs.SyncState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A kernel's IPVS globals in memory: timeouts and sync daemons, refusing what the kernel refuses; records requests. */
final class FakeLvs implements LvsControl {
    IpvsTimeouts timeouts = new IpvsTimeouts(900, 120, 300);
    final Map<SyncState, IpvsSyncDaemon> daemons = new ConcurrentHashMap<>();
    final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    boolean closed;

    @Override
    public IpvsTimeouts timeouts() {
        return timeouts;
    }

    @Override
    public void setTimeouts(IpvsTimeouts t) {
        requests.add("set " + t.tcp() + " " + t.tcpFin() + " " + t.udp());
        timeouts = new IpvsTimeouts(t.tcp() != 0 ? t.tcp() : timeouts.tcp(), t.tcpFin() != 0 ? t.tcpFin() : timeouts.tcpFin(),
                t.udp() != 0 ? t.udp() : timeouts.udp());
    }

    @Override
    public void startSyncDaemon(IpvsSyncDaemon d) throws IOException {
        requests.add("start " + d.state());
        if (daemons.putIfAbsent(d.state(), d) != null) {
            throw new IOException("starting the " + d.state() + " sync daemon: File exists");
        }
    }

    @Override
    public void stopSyncDaemon(SyncState s) throws IOException {
        requests.add("stop " + s);
        if (daemons.remove(s) == null) {
            throw new IOException("stopping the " + s + " sync daemon: No such process");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
