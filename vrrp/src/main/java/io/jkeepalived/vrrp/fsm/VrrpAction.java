package io.jkeepalived.vrrp.fsm;

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
     *                logs nothing (STOP)
     */
    record StateChanged(VrrpState from, VrrpState to, String logLine) implements VrrpAction {
        public StateChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(logLine, "logLine");
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
        LOWER_PRIO_DELAY
    }
}
