package io.jkeepalived.daemon.track;

/** What a tracked object says now. */
public enum TrackerStatus {
    /** A script that has not reported yet (keepalived's SCRIPT_INIT_STATE_INIT): it counts for nothing yet. */
    INIT,
    UP,
    DOWN
}
