package io.jkeepalived.vrrp.fsm;

import java.net.InetAddress;
import java.util.Objects;

/** An output of one step of {@link VrrpStateMachine}, to be carried out by the edge in list order. */
public sealed interface VrrpAction {

    /** Send one advertisement with this priority (0 = stopping / leaving for FAULT) and the instance's VIPs. */
    record SendAdvert(int priority) implements VrrpAction {
    }

    /** Add the virtual addresses (and virtual routes/rules) of the instance. */
    record AddVips() implements VrrpAction {
    }

    /** Remove the virtual addresses (and virtual routes/rules) of the instance. */
    record RemoveVips() implements VrrpAction {
    }

    /**
     * Send {@code repeat} rounds of gratuitous ARP (IPv4) / unsolicited NA (IPv6), each round one per VIP,
     * back to back (keepalived's {@code vrrp_send_link_update}).
     */
    record SendGratuitousArps(int repeat, GarpReason reason) implements VrrpAction {
        public SendGratuitousArps {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The instance changed state; notify scripts and the FIFO see it.
     *
     * @param logLine keepalived's log line for it, e.g. {@code (VI_1) Entering MASTER STATE}; empty when keepalived
     *                logs nothing: STOP, and an address owner parked in BACKUP during {@code vrrp_startup_delay}
     *                (keepalived runs no notify for that one either)
     */
    record StateChanged(VrrpState from, VrrpState to, String logLine) implements VrrpAction {
        public StateChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(logLine, "logLine");
        }
    }

    /**
     * The effective priority changed (tracker weights): keepalived's priority-change FIFO event when
     * {@code notify_priority_changes} is set. The matching log line comes as a {@link Log} too.
     */
    record PriorityChanged(int from, int to) implements VrrpAction {
    }

    /**
     * As master, a lower-priority advert arrived (another router believes it is master): keepalived runs
     * {@code notify_master_rx_lower_pri} for it.
     */
    record MasterReceivedLowerPriority(InetAddress source, int priority) implements VrrpAction {
        public MasterReceivedLowerPriority {
            Objects.requireNonNull(source, "source");
        }
    }

    /** A line keepalived logs at LOG_INFO for this step, word for word. */
    record Log(String line) implements VrrpAction {
        public Log {
            Objects.requireNonNull(line, "line");
        }
    }

    /** Why a GARP burst is sent (keepalived uses a distinct repeat count for each). */
    enum GarpReason {
        /** Right after becoming master ({@code garp_master_repeat}). */
        BECOME_MASTER,
        /** {@code garp_master_delay} after becoming master, if still master. */
        MASTER_DELAY,
        /** {@code garp_master_refresh}, checked when an advert is sent. */
        MASTER_REFRESH,
        /** A master received a lower-priority advert ({@code garp_lower_prio_repeat}). */
        LOWER_PRIO,
        /** {@code garp_lower_prio_delay} after a lower-priority advert, if still master. */
        LOWER_PRIO_DELAY,
        /**
         * {@code garp_extra_if}, checked when an advert is sent: one message on each interface other than the
         * instance's that carries a VIP (keepalived's vrrp_send_vmac_update), {@code repeat} is 1.
         */
        EXTRA_IF
    }
}
