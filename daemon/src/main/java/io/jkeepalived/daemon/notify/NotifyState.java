package io.jkeepalived.daemon.notify;

import io.jkeepalived.vrrp.fsm.VrrpState;

/**
 * What a notification reports, with the word keepalived 2.2.7 writes for it (vrrp_notify.c): the states an
 * instance or sync group enters, and the FIFO-only events (a master hearing a lower priority, a priority change
 * with {@code notify_priority_changes}).
 */
public enum NotifyState {
    MASTER("MASTER"),
    BACKUP("BACKUP"),
    FAULT("FAULT"),
    STOP("STOP"),
    DELETED("DELETED"),
    MASTER_RX_LOWER_PRI("MASTER_RX_LOWER_PRI"),
    MASTER_PRIORITY("MASTER_PRIORITY"),
    BACKUP_PRIORITY("BACKUP_PRIORITY");

    private final String word;

    NotifyState(String word) {
        this.word = word;
    }

    /** The word in FIFO lines and in the {@code notify} script's arguments. */
    public String word() {
        return word;
    }

    /** True for the states the generic {@code notify} script is run for (keepalived writes "{UNKNOWN}" otherwise). */
    public boolean isState() {
        return ordinal() <= DELETED.ordinal();
    }

    /** The notification for entering {@code state}; null for INIT, which keepalived never announces. */
    public static NotifyState of(VrrpState state) {
        return switch (state) {
            case MASTER -> MASTER;
            case BACKUP -> BACKUP;
            case FAULT -> FAULT;
            case STOP -> STOP;
            case INIT -> null;
        };
    }
}
