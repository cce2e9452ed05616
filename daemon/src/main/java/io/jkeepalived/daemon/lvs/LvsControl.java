package io.jkeepalived.daemon.lvs;

import io.jkeepalived.ipvs.IpvsClient;
import io.jkeepalived.ipvs.IpvsSyncDaemon;
import io.jkeepalived.ipvs.IpvsTimeouts;
import io.jkeepalived.ipvs.SyncState;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The few IPVS requests of the globals ({@code lvs_timeouts}, {@code lvs_sync_daemon}): the real client, a dry run
 * that prints them, or a test's fake.
 */
public interface LvsControl extends java.io.Closeable {
    IpvsTimeouts timeouts() throws IOException;

    /** Sets the non-zero timeouts; a zero leaves the kernel's value alone. */
    void setTimeouts(IpvsTimeouts timeouts) throws IOException;

    void startSyncDaemon(IpvsSyncDaemon daemon) throws IOException;

    void stopSyncDaemon(SyncState state) throws IOException;

    /** Releases what the control owns (the client it opened); nothing by default. */
    @Override
    default void close() throws IOException {
    }

    /** Requests through {@code client}, which stays open (its owner closes it). */
    static LvsControl of(IpvsClient client) {
        return over(client, false);
    }

    /** Requests through {@code client}, closed with the control. */
    static LvsControl owning(IpvsClient client) {
        return over(client, true);
    }

    private static LvsControl over(IpvsClient client, boolean owns) {
        return new LvsControl() {
            @Override
            public void close() throws IOException {
                if (owns) {
                    client.close();
                }
            }

            @Override
            public IpvsTimeouts timeouts() throws IOException {
                return client.timeouts();
            }

            @Override
            public void setTimeouts(IpvsTimeouts timeouts) throws IOException {
                client.setTimeouts(timeouts);
            }

            @Override
            public void startSyncDaemon(IpvsSyncDaemon daemon) throws IOException {
                client.startSyncDaemon(daemon);
            }

            @Override
            public void stopSyncDaemon(SyncState state) throws IOException {
                client.stopSyncDaemon(state);
            }
        };
    }

    /**
     * {@code --dry-run}: every change printed ("Dry run: ..."), nothing sent; the timeouts read are {@code current}
     * (the kernel's, when it could be read, else the kernel defaults 900/120/300).
     */
    static LvsControl dryRun(PrintStream out, IpvsTimeouts current) {
        return new LvsControl() {
            @Override
            public IpvsTimeouts timeouts() {
                return current;
            }

            @Override
            public void setTimeouts(IpvsTimeouts timeouts) {
                print("set IPVS timeouts tcp " + timeouts.tcp() + " tcpfin " + timeouts.tcpFin() + " udp " + timeouts.udp());
            }

            @Override
            public void startSyncDaemon(IpvsSyncDaemon d) {
                print("start the " + d.state() + " sync daemon on " + d.interfaceName() + " (sync id " + d.syncId() + ")");
            }

            @Override
            public void stopSyncDaemon(SyncState state) {
                print("stop the " + state + " sync daemon");
            }

            private void print(String line) {
                out.println("Dry run: " + line);
                out.flush();
            }
        };
    }

    /** The kernel's defaults (ip_vs_proto_tcp.c / ip_vs_proto_udp.c), what a dry run assumes without IPVS. */
    IpvsTimeouts KERNEL_DEFAULTS = new IpvsTimeouts(900, 120, 300);
}
