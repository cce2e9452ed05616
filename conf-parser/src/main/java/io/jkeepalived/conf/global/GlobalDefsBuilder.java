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
    public String smtpServer;               // host as given; null = none
    public Integer smtpServerPort;
    public String smtpHeloName;
    public long smtpConnectTimeoutSeconds = 30;
    public Boolean smtpAlert;               // null = not set
    public Boolean smtpAlertVrrp;
    public Boolean smtpAlertChecker;
    public boolean noEmailFaults;
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
    public long vrrpStartupDelayMicros;

    // notify FIFOs: [name, user, group] and the script's words
    public String[] notifyFifo = new String[3];
    public String[] vrrpNotifyFifo = new String[3];
    public String[] lvsNotifyFifo = new String[3];
    public java.util.List<String> notifyFifoScript = java.util.List.of();
    public java.util.List<String> vrrpNotifyFifoScript = java.util.List.of();
    public java.util.List<String> lvsNotifyFifoScript = java.util.List.of();
    public boolean fifoWriteVrrpStatesOnReload;

    // firewall
    public String vrrpIptablesIn;           // null = not used
    public String vrrpIptablesOut;
    public String nftablesTable;            // null = not used
    public Integer nftablesPriority;

    // scripts
    public boolean enableScriptSecurity;
    public String scriptUser;               // null = default (keepalived_script if it exists, else root)
    public String scriptGroup;
    public Integer scriptUid;
    public Integer scriptGid;
    /** keepalived's default_user_fail: script_user named no user, or keepalived_script was missing once. */
    public boolean scriptUserFailed;

    // processes
    public GlobalDefs.ProcessSettings vrrpProcess = GlobalDefs.ProcessSettings.DEFAULT;
    public GlobalDefs.ProcessSettings checkerProcess = GlobalDefs.ProcessSettings.DEFAULT;
    public GlobalDefs.ProcessSettings bfdProcess = GlobalDefs.ProcessSettings.DEFAULT;
    public int maxAutoPriority;
    public long minAutoPriorityDelayMicros = GlobalDefs.Processes.MIN_AUTO_PRIORITY_DELAY_DEFAULT_MICROS;
    public String vrrpProcessName;
    public String checkerProcessName;
    public String bfdProcessName;
    public boolean enableTraps;

    // LVS
    public boolean lvsFlush;
    public GlobalDefs.FlushOnStop lvsFlushOnStop = GlobalDefs.FlushOnStop.NONE;
    public String lvsSyncDaemonInterface;   // from lvs_sync_daemon (or a vrrp_instance's deprecated keyword)
    public String lvsSyncDaemonInstance;
    public GlobalDefs.LvsSyncDaemon lvsSyncDaemon;
    public long lvsTimeoutTcp;
    public long lvsTimeoutTcpFin;
    public long lvsTimeoutUdp;

    // process (root-level keywords)
    public String netNamespace;
    public String netNamespaceIpvs;
    public String instanceName;
    public boolean usePidDir;
    public boolean namespaceWithIpsets;
    public long childWaitTimeSeconds = 5;

    /** The global lines as written (set at the end of the parent's reading). */
    public java.util.List<Setting> settings = java.util.List.of();

    /**
     * Back to keepalived's defaults for the fields {@link GlobalSettings} derives from the recorded lines
     * (the others are set by the handlers while reading), so deriving twice gives the same values.
     */
    void resetDerived() {
        GlobalDefsBuilder d = new GlobalDefsBuilder();
        notificationEmailFrom = d.notificationEmailFrom;
        smtpServer = d.smtpServer;
        smtpServerPort = d.smtpServerPort;
        smtpHeloName = d.smtpHeloName;
        smtpAlert = d.smtpAlert;
        smtpAlertVrrp = d.smtpAlertVrrp;
        smtpAlertChecker = d.smtpAlertChecker;
        noEmailFaults = d.noEmailFaults;
        checkerLogAllFailures = d.checkerLogAllFailures;
        vrrpMcastGroup4 = d.vrrpMcastGroup4;
        vrrpMcastGroup6 = d.vrrpMcastGroup6;
        vrrpGarpMasterDelayMicros = d.vrrpGarpMasterDelayMicros;
        vrrpGarpMasterRepeat = d.vrrpGarpMasterRepeat;
        vrrpGarpLowerPrioDelayMicros = d.vrrpGarpLowerPrioDelayMicros;
        vrrpGarpLowerPrioRepeat = d.vrrpGarpLowerPrioRepeat;
        vrrpGarpMasterRefreshMicros = d.vrrpGarpMasterRefreshMicros;
        vrrpGarpMasterRefreshRepeat = d.vrrpGarpMasterRefreshRepeat;
        vrrpGarpIntervalMicros = d.vrrpGarpIntervalMicros;
        vrrpGnaIntervalMicros = d.vrrpGnaIntervalMicros;
        vrrpMinGarp = d.vrrpMinGarp;
        vrrpDownTimerAdverts = d.vrrpDownTimerAdverts;
        vrrpLowerPrioNoAdvert = d.vrrpLowerPrioNoAdvert;
        vrrpHigherPrioSendAdvert = d.vrrpHigherPrioSendAdvert;
        vrrpStrict = d.vrrpStrict;
        vrrpSkipCheckAdvAddr = d.vrrpSkipCheckAdvAddr;
        vrrpCheckUnicastSrc = d.vrrpCheckUnicastSrc;
        vrrpNotifyPriorityChanges = d.vrrpNotifyPriorityChanges;
        dynamicInterfaces = d.dynamicInterfaces;
        dynamicInterfacesAllowIfChanges = d.dynamicInterfacesAllowIfChanges;
        vrrpIptablesIn = d.vrrpIptablesIn;
        vrrpIptablesOut = d.vrrpIptablesOut;
        nftablesTable = d.nftablesTable;
        nftablesPriority = d.nftablesPriority;
        vrrpProcess = d.vrrpProcess;
        checkerProcess = d.checkerProcess;
        bfdProcess = d.bfdProcess;
        maxAutoPriority = d.maxAutoPriority;
        minAutoPriorityDelayMicros = d.minAutoPriorityDelayMicros;
        vrrpProcessName = d.vrrpProcessName;
        checkerProcessName = d.checkerProcessName;
        bfdProcessName = d.bfdProcessName;
        enableTraps = d.enableTraps;
        lvsFlush = d.lvsFlush;
        lvsFlushOnStop = d.lvsFlushOnStop;
        lvsSyncDaemonInterface = d.lvsSyncDaemonInterface;
        lvsSyncDaemonInstance = d.lvsSyncDaemonInstance;
        lvsSyncDaemon = d.lvsSyncDaemon;
        lvsTimeoutTcp = d.lvsTimeoutTcp;
        lvsTimeoutTcpFin = d.lvsTimeoutTcpFin;
        lvsTimeoutUdp = d.lvsTimeoutUdp;
        netNamespace = d.netNamespace;
        netNamespaceIpvs = d.netNamespaceIpvs;
        instanceName = d.instanceName;
        usePidDir = d.usePidDir;
        namespaceWithIpsets = d.namespaceWithIpsets;
        childWaitTimeSeconds = d.childWaitTimeSeconds;
        vrrpStartupDelayMicros = d.vrrpStartupDelayMicros;
        notifyFifo = d.notifyFifo;
        vrrpNotifyFifo = d.vrrpNotifyFifo;
        lvsNotifyFifo = d.lvsNotifyFifo;
        notifyFifoScript = d.notifyFifoScript;
        vrrpNotifyFifoScript = d.vrrpNotifyFifoScript;
        lvsNotifyFifoScript = d.lvsNotifyFifoScript;
        fifoWriteVrrpStatesOnReload = d.fifoWriteVrrpStatesOnReload;
    }

    public GlobalDefs build() {
        GlobalDefs.Smtp smtp = new GlobalDefs.Smtp(smtpServer,
                smtpServerPort == null ? GlobalDefs.SMTP_PORT : smtpServerPort, smtpHeloName, smtpConnectTimeoutSeconds);
        return new GlobalDefs(routerId,
                new GlobalDefs.Notification(notificationEmail, notificationEmailFrom, smtp, smtpAlert, smtpAlertVrrp,
                        smtpAlertChecker, noEmailFaults, checkerLogAllFailures),
                new GlobalDefs.Scripts(enableScriptSecurity, scriptUser, scriptGroup),
                new GlobalDefs.VrrpDefaults(vrrpVersion, defaultInterface, vrrpMcastGroup4, vrrpMcastGroup6, vrrpStrict,
                        vrrpCheckUnicastSrc, vrrpSkipCheckAdvAddr, vrrpLowerPrioNoAdvert, vrrpHigherPrioSendAdvert,
                        vrrpDownTimerAdverts, vrrpNotifyPriorityChanges, dynamicInterfaces,
                        dynamicInterfacesAllowIfChanges, vrrpStartupDelayMicros),
                new GlobalDefs.GarpDefaults(vrrpGarpMasterDelayMicros, vrrpGarpMasterRepeat, vrrpGarpMasterRefreshMicros,
                        vrrpGarpMasterRefreshRepeat, vrrpGarpLowerPrioDelayMicros, vrrpGarpLowerPrioRepeat,
                        vrrpGarpIntervalMicros, vrrpGnaIntervalMicros, vrrpMinGarp),
                new GlobalDefs.Firewall(vrrpIptablesIn, vrrpIptablesOut, nftablesTable, nftablesPriority),
                new GlobalDefs.Processes(vrrpProcess, checkerProcess, bfdProcess, maxAutoPriority, vrrpProcessName,
                        checkerProcessName, bfdProcessName, minAutoPriorityDelayMicros),
                new GlobalDefs.Lvs(lvsFlush, lvsFlushOnStop, lvsSyncDaemon,
                        new GlobalDefs.LvsTimeouts(lvsTimeoutTcp, lvsTimeoutTcpFin, lvsTimeoutUdp)),
                new GlobalDefs.Runtime(netNamespace, netNamespaceIpvs, instanceName, usePidDir, namespaceWithIpsets,
                        childWaitTimeSeconds, enableTraps),
                new GlobalDefs.NotifyFifos(fifo(notifyFifo, notifyFifoScript), fifo(vrrpNotifyFifo, vrrpNotifyFifoScript),
                        fifo(lvsNotifyFifo, lvsNotifyFifoScript), fifoWriteVrrpStatesOnReload),
                settings);
    }

    private static GlobalDefs.NotifyFifo fifo(String[] f, java.util.List<String> script) {
        return f[0] == null && script.isEmpty() ? GlobalDefs.NotifyFifo.NONE
                : new GlobalDefs.NotifyFifo(f[0], f[1], f[2], script);
    }
}
