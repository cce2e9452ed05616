package io.jkeepalived.vrrp.fsm;

/**
 * States of one VRRP instance, as keepalived names them ({@code VRRP_STATE_*}): the three of RFC 3768 §6.4 /
 * RFC 5798 §6.4 plus keepalived's internal FAULT (a tracked interface or script says the instance cannot
 * serve) and STOP (the daemon is shutting down; notify scripts see it).
 */
public enum VrrpState {
    INIT,
    BACKUP,
    MASTER,
    FAULT,
    STOP
}
