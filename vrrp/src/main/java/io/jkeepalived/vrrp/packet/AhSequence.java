package io.jkeepalived.vrrp.packet;

/**
 * keepalived's per-instance AH sequence counter ({@code seq_counter_t ipsecah_counter}). One counter serves both
 * directions, as in keepalived: an accepted advert raises it to the received number, and the next advert sent
 * carries that plus one, so whoever becomes master continues the sequence the old master used.
 * Not thread safe; the instance that owns it uses it from its one thread.
 */
public final class AhSequence {
    /** keepalived stops counting here and flags the counter as cycled. */
    static final long LAST = 0xFFFF_FFFDL;

    private long number;
    private boolean cycle;

    /** The next sequence number to send ({@code vrrp_update_pkt}): counts up, or flags a cycle and stays. */
    public long nextToSend() {
        if (number > LAST) {
            cycle = true;
        } else {
            number++;
        }
        return number;
    }

    /**
     * Anti-replay check of a received advert whose ICV and SPI are good ({@code vrrp_in_chk_ipsecah}): accepted
     * and remembered only when strictly greater than the counter.
     */
    boolean acceptReceived(long received) {
        if (received > number) {
            number = received;
            return true;
        }
        return false;
    }

    /** Master heard a lower priority advert: keepalived's "IPSEC-AH : Syncing seq_num - Increment seq". */
    public void syncFromLowerPriority(long received) {
        number = (received + 1) & 0xFFFF_FFFFL;
        cycle = false;
    }

    /** Becoming master resets a cycled counter ({@code vrrp_state_goto_master}). */
    public void resetIfCycled() {
        if (cycle) {
            cycle = false;
            number = 0;
        }
    }

    /** keepalived clears the flag in BACKUP when a good advert is not older, and when leaving MASTER. */
    public void clearCycle() {
        cycle = false;
    }

    /** A reload keeps the counter of the instance it replaces. */
    public void copyFrom(AhSequence old) {
        number = old.number;
        cycle = old.cycle;
    }

    public long number() {
        return number;
    }

    public boolean cycled() {
        return cycle;
    }

    @Override
    public String toString() {
        return "AhSequence[" + number + (cycle ? ", cycled]" : "]");
    }
}
