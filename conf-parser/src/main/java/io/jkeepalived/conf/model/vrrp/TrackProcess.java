package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/**
 * A {@code vrrp_track_process}: a process whose number of running instances moves priority. Only blocks
 * with a {@code process} are kept, as keepalived keeps them.
 *
 * @param process           the program name or path (first word of {@code process})
 * @param params            the remaining words of {@code process}: matched against the command line
 * @param paramMatch        {@code param_match}: "exact" (default once parameters are given), "initial",
 *                          "partial", or "none" (no parameters, only the name is matched)
 * @param weight            default weight for the instances tracking it (0: FAULT below quorum)
 * @param quorum            minimum number of processes (default 1)
 * @param quorumMax         maximum number of processes (default 4294967295, i.e. no maximum)
 * @param terminateDelayMicros {@code terminate_delay} / {@code delay}: wait before acting on a process ending (0 = none)
 * @param forkDelayMicros   {@code fork_delay} / {@code delay}: wait before acting on a process starting (0 = none)
 * @param fullCommand       match the full command line rather than the process name
 */
public record TrackProcess(String name, String process, List<String> params, String paramMatch, int weight,
                           boolean reverse, long quorum, long quorumMax, long terminateDelayMicros,
                           long forkDelayMicros, boolean fullCommand, Setting source) {
    public TrackProcess {
        params = List.copyOf(params);
    }
}
