package io.jkeepalived.daemon.status;

/**
 * One tracked object of an instance as its state machine last heard of it.
 *
 * @param name   the tracker's name, e.g. {@code "script chk"} or {@code "interface eth0"}
 * @param weight what it adds to the base priority now
 * @param fault  true while it holds the instance in FAULT
 */
public record TrackerStatus(String name, int weight, boolean fault) {
}
