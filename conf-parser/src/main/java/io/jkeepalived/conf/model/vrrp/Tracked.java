package io.jkeepalived.conf.model.vrrp;

/**
 * One entry of a {@code track_interface}, {@code track_script}, {@code track_file}, {@code track_process}
 * or {@code track_bfd} block: what is tracked and the weight that applies to this instance or group.
 *
 * @param weight  0 means a failure puts the instance in FAULT; otherwise added to / subtracted from priority
 * @param reverse the weight applies in the opposite direction
 */
public record Tracked(String name, int weight, boolean reverse) {
}
