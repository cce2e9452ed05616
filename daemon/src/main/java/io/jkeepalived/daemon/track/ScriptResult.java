package io.jkeepalived.daemon.track;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code vrrp_script}'s rise/fall counter, as keepalived's vrrp_script_child_thread() keeps it: the counter
 * runs from 0 to {@code rise + fall - 1}; the script is up at {@code rise} or above. Once up, it goes down on the
 * {@code fall}-th failure in a row; once down, it comes up on the {@code rise}-th success in a row. Before the first
 * report the script is {@link TrackerStatus#INIT} (one report decides it either way), unless {@code init_fail}
 * starts it down. Pure: it returns the status change and keepalived's log lines.
 */
public final class ScriptResult {
    /** What one outcome did: the new status if it changed (else null) and the lines to log at INFO. */
    public record Change(TrackerStatus status, List<String> logLines) {
        public Change {
            logLines = List.copyOf(logLines);
        }

        public boolean changed() {
            return status != null;
        }
    }

    private final String name;
    private final int rise;
    private final int fall;
    private int result;
    private TrackerStatus status;
    private int lastStatus; // keepalived's last_status starts zeroed: the first exit 0 is not reported

    public ScriptResult(String name, int rise, int fall, boolean initFail) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("vrrp_script " + name + ": rise and fall must be at least 1");
        }
        this.name = name;
        this.rise = rise;
        this.fall = fall;
        this.status = initFail ? TrackerStatus.DOWN : TrackerStatus.INIT;
        this.result = initFail ? 0 : rise - 1;
    }

    public String name() {
        return name;
    }

    public TrackerStatus status() {
        return status;
    }

    public Change onOutcome(ScriptOutcome outcome) {
        List<String> log = new ArrayList<>();
        boolean success;
        String failure;
        if (outcome instanceof ScriptOutcome.Exited e) {
            if (e.status() != lastStatus) {
                log.add("Script `" + name + "` now returning " + e.status());
            }
            lastStatus = e.status();
            success = e.status() == 0;
            failure = "failed (exited with status " + e.status() + ")";
        } else if (outcome instanceof ScriptOutcome.Signalled s) {
            success = false;
            failure = "failed (due to signal " + s.signal() + ")";
        } else if (outcome instanceof ScriptOutcome.TimedOut) {
            success = false;
            failure = "timed_out";
        } else {
            return new Change(null, log); // never ran: no result to count
        }
        TrackerStatus before = status;
        int top = rise + fall - 1;
        if (success) {
            if (result < rise - 1) {
                result++;
            } else if (result != top) {
                if (result < rise) {
                    log.add("VRRP_Script(" + name + ") succeeded");
                    status = TrackerStatus.UP;
                }
                result = top;
            }
        } else {
            if (result > rise) {
                result--;
            } else {
                if (result == rise || status == TrackerStatus.INIT) {
                    log.add("VRRP_Script(" + name + ") " + failure);
                    status = TrackerStatus.DOWN;
                }
                result = 0;
            }
        }
        // a first report that only moves the counter still ends INIT: keepalived's init_state becomes DONE
        if (status == TrackerStatus.INIT) {
            status = result >= rise ? TrackerStatus.UP : TrackerStatus.DOWN;
        }
        return new Change(status != before ? status : null, log);
    }
}
