package io.jkeepalived.vrrp.fsm;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An input to {@link VrrpStateMachine#handle(VrrpEvent)}. Time is not part of an event: the machine reads its
 * injected clock once per event.
 */
public sealed interface VrrpEvent {

    /** The instance is configured and its sockets are open: keepalived's {@code vrrp_init_state()}. */
    record Start() implements VrrpEvent {
    }

    /** The daemon is shutting down (SIGTERM): a master sends priority 0 and releases its VIPs. */
    record Stop() implements VrrpEvent {
    }

    /** The wake-up deadline returned by the previous step has been reached (or passed). */
    record Tick() implements VrrpEvent {
    }

    /**
     * A received advertisement for this instance's VRID that already passed the packet checks (length, checksum,
     * TTL 255, version, authentication, address list): those belong to the codec ({@code io.jkeepalived.vrrp.packet})
     * and the socket edge. The machine repeats only the checks that depend on its configuration (a v2 advert must
     * carry our interval), which are no-ops when the codec already applied them.
     *
     * @param source               IP source of the advert (the sender's primary address)
     * @param priority             advertised priority, 0..255 (0 = the master is stopping)
     * @param advertIntervalCentis advertised interval in centiseconds (v3: the 12-bit Max Adver Int; v2: the
     *                             8-bit seconds field × 100). Only v3 learns it (RFC 5798 §6.4.2).
     */
    record AdvertReceived(InetAddress source, int priority, int advertIntervalCentis) implements VrrpEvent {
        public AdvertReceived {
            Objects.requireNonNull(source, "source");
            if (priority < 0 || priority > 255) {
                throw new IllegalArgumentException("advert priority " + priority + " outside 0..255");
            }
            if (advertIntervalCentis < 0 || advertIntervalCentis > 25500) {
                throw new IllegalArgumentException("advert interval " + advertIntervalCentis
                        + " centiseconds outside 0..25500");
            }
        }
    }

    /**
     * The current contribution of one tracked object ({@code track_interface}, {@code track_script},
     * {@code track_file}, {@code track_process}, {@code track_bfd}): replaces that tracker's previous report.
     * The edge turns keepalived's weight rules (sign, {@code reverse}, script exit status) into {@code weight};
     * an unweighted tracker that is down reports {@code fault}.
     *
     * @param tracker a stable name, e.g. {@code "interface eth1"} or {@code "script chk_nginx"}
     * @param weight  what this tracker adds to the base priority now (negative lowers it)
     * @param fault   true while this tracker forces the instance into FAULT
     */
    record TrackerChanged(String tracker, int weight, boolean fault) implements VrrpEvent {
        public TrackerChanged {
            Objects.requireNonNull(tracker, "tracker");
            if (weight < -254 || weight > 254) {
                throw new IllegalArgumentException("tracker " + tracker + " weight " + weight + " outside -254..254");
            }
        }
    }

    /**
     * One of our VIPs was deleted behind our back (networkd, NetworkManager, {@code ip addr del}) while MASTER:
     * keepalived 2.2.7 (keepalived_netlink.c, set_vrrp_backup) leaves MASTER with a priority-0 advert and takes it
     * back after the skew time only, which adds the addresses again. Ignored in any other state.
     */
    record VipDeleted() implements VrrpEvent {
    }

    /**
     * The instance's advert source address changed: the interface gained its first usable address (IPv4, or an
     * IPv6 link-local one), lost it, or the edge picked another after the one in use was removed. keepalived
     * 2.2.7 counts "no source address" as one more fault (vrrp_track.c, keepalived_netlink.c): with none the
     * instance is in FAULT, and it leaves FAULT (as BACKUP) when one appears. Sent before {@link Start} to
     * start in FAULT.
     *
     * @param address the new source, or null when the interface has no usable address
     */
    record SourceAddressChanged(InetAddress address) implements VrrpEvent {
    }
}
