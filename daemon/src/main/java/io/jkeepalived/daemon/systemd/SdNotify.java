package io.jkeepalived.daemon.systemd;

import io.jkeepalived.netlink.SyscallException;
import io.jkeepalived.netlink.UnixDatagramSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * sd_notify(3) for {@code Type=notify} units: one datagram of {@code KEY=VALUE} lines to the AF_UNIX socket named by
 * {@code $NOTIFY_SOCKET} (a path, or {@code @name} in the abstract namespace). keepalived, built with libsystemd,
 * sends {@code READY=1} once its children run, {@code RELOADING=1} and again {@code READY=1} around a SIGHUP
 * reload, and {@code STOPPING=1} on shutdown; jkeepalived sends the same, with {@code STATUS=} lines that
 * {@code systemctl status} shows.
 *
 * <p>Without {@code $NOTIFY_SOCKET} (not started by systemd, or {@code Type=simple}) every call does nothing. A
 * failed send is logged once and never stops the daemon: systemd then times the start out, which says more
 * than a daemon that refuses to run.
 */
public final class SdNotify {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived");
    private static volatile SdNotify fromEnvironment;

    private final String address;
    private final long pid = ProcessHandle.current().pid();
    private boolean failureLogged;

    private SdNotify(String address) {
        this.address = address == null || address.isEmpty() ? null : address;
    }

    /** The notifier for {@code $NOTIFY_SOCKET}, shared by the daemon's start, reload and stop paths. */
    public static SdNotify fromEnvironment() {
        SdNotify n = fromEnvironment;
        if (n == null) {
            synchronized (SdNotify.class) {
                n = fromEnvironment;
                if (n == null) {
                    n = new SdNotify(System.getenv("NOTIFY_SOCKET"));
                    fromEnvironment = n;
                }
            }
        }
        return n;
    }

    /** A notifier for an explicit socket address (tests); null or empty: disabled. */
    public static SdNotify to(String address) {
        return new SdNotify(address);
    }

    /** Whether systemd waits for notifications (a {@code Type=notify} unit). */
    public boolean enabled() {
        return address != null;
    }

    /** The configuration is applied and the subsystems run: systemd considers the start complete. */
    public boolean ready(String status) {
        return send("READY=1\nSTATUS=" + oneLine(status) + "\nMAINPID=" + pid);
    }

    /**
     * A reload begins (SIGHUP). {@code MONOTONIC_USEC} is what {@code Type=notify-reload} (systemd 253) requires;
     * System.nanoTime() reads CLOCK_MONOTONIC on Linux. Send {@link #ready} when the reload is done.
     */
    public boolean reloading(String status) {
        return send("RELOADING=1\nSTATUS=" + oneLine(status) + "\nMONOTONIC_USEC=" + System.nanoTime() / 1000);
    }

    /** Shutdown begins: systemd stops expecting the service to be up. */
    public boolean stopping(String status) {
        return send("STOPPING=1\nSTATUS=" + oneLine(status));
    }

    /** A free-form status line for {@code systemctl status}. */
    public boolean status(String status) {
        return send("STATUS=" + oneLine(status));
    }

    /** The state as sent: false when disabled or when the send failed. */
    synchronized boolean send(String state) {
        if (address == null) {
            return false;
        }
        try (UnixDatagramSocket socket = UnixDatagramSocket.open()) {
            if (socket.send(address, state.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
            logOnce("the socket is full");
        } catch (SyscallException | IllegalArgumentException e) {
            logOnce(e.getMessage());
        }
        return false;
    }

    private void logOnce(String why) {
        if (!failureLogged) {
            failureLogged = true;
            LOG.info("Unable to notify systemd on {}: {}", address, why);
        }
    }

    /** A newline would start a new KEY=VALUE assignment. */
    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ');
    }
}
