package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.script.NotifyScript;

/**
 * The scripts run on state changes and the alerts sent, for an instance or a sync group. A null script
 * is not configured (or was dropped: unparsable, unknown user). For a repeated keyword keepalived keeps
 * the first script it accepted.
 *
 * @param generic             {@code notify}: run after the state's own script with
 *                            {@code INSTANCE|GROUP name STATE priority} appended
 * @param deleted             {@code notify_deleted SCRIPT} (instances only)
 * @param notifyDeleted       {@code notify_deleted} was given: send the DELETED state to {@code notify} scripts
 * @param masterRxLowerPri    {@code notify_master_rx_lower_pri} (instances only)
 * @param smtpAlert           {@code smtp_alert}, defaulting to global smtp_alert_vrrp, then smtp_alert, then off
 * @param notifyPriorityChanges {@code notify_priority_changes}, defaulting to the sync group's, then the global one
 */
public record InstanceNotify(NotifyScript master, NotifyScript backup, NotifyScript fault, NotifyScript stop,
                             NotifyScript deleted, boolean notifyDeleted, NotifyScript generic,
                             NotifyScript masterRxLowerPri, boolean smtpAlert, boolean notifyPriorityChanges) {
}
