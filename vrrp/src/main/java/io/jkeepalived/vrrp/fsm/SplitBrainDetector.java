package io.jkeepalived.vrrp.fsm;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Beyond keepalived: notices split brain on one instance. Only a master sends adverts, so an advert that reaches
 * us while we are MASTER and does not make us step down (lower priority, or equal priority from a lower address:
 * the machine's {@link VrrpAction.MasterReceivedLowerPriority}) comes from a router that also believes it is
 * master. The first such advert from a peer is logged once with the peer's address and priority and counted; the
 * episode clears when we leave MASTER or when that peer has sent nothing for a master-down interval (it stepped
 * down). Pure: fed the instance's steps, reads the injected clock; not thread-safe (the VRRP thread owns it).
 */
public final class SplitBrainDetector {

    /** The other master of the current episode. */
    public record Peer(InetAddress address, int priority, long sinceNanos) {
        public Peer {
            Objects.requireNonNull(address, "address");
        }
    }

    private final VrrpStateMachine fsm;
    private final LongSupplier nanoClock;
    private final String prefix;
    private volatile Peer current; // volatile: the state dump reads it from another thread
    private long lastSeen;
    private volatile long count;

    public SplitBrainDetector(VrrpStateMachine fsm, LongSupplier nanoClock) {
        this.fsm = Objects.requireNonNull(fsm, "fsm");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.prefix = "(" + fsm.config().name() + ") ";
    }

    /**
     * Looks at one step the instance just produced (its state is already the one after the step).
     *
     * @return log lines to write (LOG_INFO), possibly none
     */
    public List<String> observe(VrrpStep step) {
        long now = nanoClock.getAsLong();
        // called for every step of the instance (every advert): allocate only when there is something to say
        List<String> lines = List.of();
        String over = expire(now);
        if (over != null) {
            lines = new ArrayList<>(2);
            lines.add(over);
        }
        for (VrrpAction a : step.actions()) {
            if (a instanceof VrrpAction.MasterReceivedLowerPriority lower && fsm.state() == VrrpState.MASTER) {
                if (current == null || !current.address().equals(lower.source())) {
                    count++;
                    current = new Peer(lower.source(), lower.priority(), now);
                    if (lines.isEmpty()) {
                        lines = new ArrayList<>(1);
                    }
                    lines.add(prefix + "split brain: " + AddressText.format(lower.source()) + " is also MASTER"
                            + " for VRID " + fsm.config().virtualRouterId() + " (its priority " + lower.priority()
                            + ", ours " + fsm.effectivePriority() + "); occurrence " + count);
                }
                lastSeen = now;
            }
        }
        return lines;
    }

    /** Ends the current episode when we left MASTER or the peer went quiet; returns its log line, or null. */
    private String expire(long now) {
        if (current == null) {
            return null;
        }
        String line = null;
        if (fsm.state() != VrrpState.MASTER) {
            line = prefix + "split brain with " + AddressText.format(current.address()) + " over: we left MASTER";
            current = null;
        } else if (now - lastSeen > fsm.masterDownMicros() * 1000) {
            line = prefix + "split brain with " + AddressText.format(current.address())
                    + " over: no advert from it for a master-down interval";
            current = null;
        }
        return line;
    }

    /** The other master right now, if an episode is going on (as of the last observed step). */
    public Optional<Peer> current() {
        return Optional.ofNullable(current);
    }

    /** How many episodes (peer first seen as another master) since start. */
    public long count() {
        return count;
    }
}
