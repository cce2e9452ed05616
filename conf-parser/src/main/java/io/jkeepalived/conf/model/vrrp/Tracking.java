package io.jkeepalived.conf.model.vrrp;

import java.util.List;

/**
 * What an instance (or sync group) tracks, as keepalived keeps it after reading: entries whose object
 * does not exist (a script, file or process not defined before, an interface not present) or that repeat
 * one already tracked are dropped, as keepalived drops them with a configuration error.
 *
 * @param dontTrackPrimary {@code dont_track_primary}: faults of the instance's own interface are ignored
 */
public record Tracking(List<Tracked> interfaces, List<Tracked> scripts, List<Tracked> files,
                       List<Tracked> processes, List<Tracked> bfds, boolean dontTrackPrimary) {
    public Tracking {
        interfaces = List.copyOf(interfaces);
        scripts = List.copyOf(scripts);
        files = List.copyOf(files);
        processes = List.copyOf(processes);
        bfds = List.copyOf(bfds);
    }

    public static Tracking none() {
        return new Tracking(List.of(), List.of(), List.of(), List.of(), List.of(), false);
    }
}
