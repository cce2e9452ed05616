package io.jkeepalived.conf.global;

import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.model.Setting;

/**
 * Mutable global_defs (and root-level global keywords) while reading. The later phases read these
 * fields as a keepalived child reads the global_data it inherited from its parent, so the fields are
 * public and carry keepalived's defaults. The global family owns this class; other families only read it.
 */
public final class GlobalDefsBuilder {
    // identity / notification
    public String routerId;                 // null = host name
    public final java.util.List<String> notificationEmail = new java.util.ArrayList<>();
    public String notificationEmailFrom;
    public String smtpServer;               // "host" or "host port" as given; null = none
    public Integer smtpServerPort;
    public String smtpHeloName;
    public long smtpConnectTimeoutSeconds = 30;
    public Boolean smtpAlert;               // null = not set
    public Boolean smtpAlertVrrp;
    public Boolean smtpAlertChecker;
    public boolean checkerLogAllFailures;

    // VRRP defaults that instances inherit
    public String defaultInterface = "eth0";
    public int vrrpVersion = 2;
    public String vrrpMcastGroup4 = "224.0.0.18";
    public String vrrpMcastGroup6 = "ff02::12";
    public long vrrpGarpMasterDelayMicros = 5_000_000L;
    public int vrrpGarpMasterRepeat = 5;
    public long vrrpGarpLowerPrioDelayMicros = -1;   // -1 = as garp_master_delay
    public int vrrpGarpLowerPrioRepeat = -1;          // -1 = as garp_master_repeat
    public long vrrpGarpMasterRefreshMicros;
    public int vrrpGarpMasterRefreshRepeat = 1;
    public long vrrpGarpIntervalMicros;
    public long vrrpGnaIntervalMicros;
    public boolean vrrpMinGarp;
    public int vrrpDownTimerAdverts = 3;
    public boolean vrrpLowerPrioNoAdvert;
    public boolean vrrpHigherPrioSendAdvert;
    public boolean vrrpStrict;
    public boolean vrrpSkipCheckAdvAddr;
    public boolean vrrpCheckUnicastSrc;
    public boolean vrrpNotifyPriorityChanges;
    public boolean dynamicInterfaces;
    public boolean dynamicInterfacesAllowIfChanges;
    public boolean v3ChecksumAsV2;

    // scripts
    public boolean enableScriptSecurity;
    public String scriptUser;               // null = default (keepalived_script if it exists, else root)
    public String scriptGroup;
    public Integer scriptUid;
    public Integer scriptGid;

    // LVS
    public boolean lvsFlush;
    public boolean lvsFlushOnStop;
    public String lvsSyncDaemonInterface;   // from lvs_sync_daemon (or a vrrp_instance's deprecated keyword)
    public String lvsSyncDaemonInstance;

    // process
    public String netNamespace;
    public String instanceName;
    public boolean usePidDir;

    /** The global lines as written (set at the end of the parent's reading). */
    public java.util.List<Setting> settings = java.util.List.of();

    public GlobalDefs build() {
        return new GlobalDefs(routerId, enableScriptSecurity, scriptUser, scriptGroup, vrrpVersion,
                vrrpGarpMasterDelayMicros, smtpConnectTimeoutSeconds, settings);
    }
}
