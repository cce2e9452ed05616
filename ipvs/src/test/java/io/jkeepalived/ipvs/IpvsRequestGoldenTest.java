package io.jkeepalived.ipvs;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Set;

import static io.jkeepalived.ipvs.Golden.FAMILY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every IPVS request against bytes derived by hand from the kernel structures: nlmsghdr (len, type = family id,
 * flags, seq, pid 0), genlmsghdr (cmd, version 1, reserved), then nlattrs (u16 len, u16 type; nested types have
 * NLA_F_NESTED 0x8000), values padded to 4. Plain integers host order (little-endian here); ports, addresses and
 * the IPv4 netmask network order, as ip_vs_ctl.c reads them.
 */
class IpvsRequestGoldenTest {
    static final InetAddress VIP = ip("198.51.100.10");
    static final InetAddress VIP6 = ip("2001:db8::10");
    static final IpvsServiceKey TCP80 = IpvsServiceKey.of(IpvsProtocol.TCP, VIP, 80);
    static final IpvsServiceKey TCP6_443 = IpvsServiceKey.of(IpvsProtocol.TCP, VIP6, 443);
    static final IpvsServiceKey FWM7 = IpvsServiceKey.fwmark(AddressFamily.INET, 7);

    /** IPVS_CMD_ATTR_SERVICE with AF_INET, TCP, 198.51.100.10, port 80: 36 bytes. */
    static final String KEY_TCP80 = "2400 0180 | 0600 0100 0200 0000 | 0600 0200 0600 0000 | 0800 0300 c633640a | 0600 0400 0050 0000";
    /** The same for TCP [2001:db8::10]:443: 48 bytes. */
    static final String KEY_TCP6_443 = "3000 0180 | 0600 0100 0a00 0000 | 0600 0200 0600 0000"
            + " | 1400 0300 20010db8 00000000 00000000 00000010 | 0600 0400 01bb 0000";
    /** AF_INET fwmark 7: 20 bytes. */
    static final String KEY_FWM7 = "1400 0180 | 0600 0100 0200 0000 | 0800 0500 07000000";

    private static void expect(ByteBuffer actual, String expected) {
        assertThat(Golden.of(actual)).isEqualTo(Golden.clean(expected));
    }

    @Test
    void newServiceCarriesTheFullEntryWithAllFlagBitsInTheMask() {
        expect(ServiceMessages.newService(FAMILY, 1, IpvsService.of(TCP80, "rr")),
                "5c000000 1f00 0500 01000000 00000000 | 01 01 0000"
                        + "| 4800 0180 | 0600 0100 0200 0000 | 0600 0200 0600 0000 | 0800 0300 c633640a | 0600 0400 0050 0000"
                        + "| 0700 0600 727200 00"                 // SCHED_NAME "rr\0"
                        + "| 0c00 0700 00000000 ffffffff"         // struct ip_vs_flags {flags 0, mask ~0}
                        + "| 0800 0800 00000000"                  // TIMEOUT 0
                        + "| 0800 0900 ffffffff");                // NETMASK 255.255.255.255 (be32)
    }

    @Test
    void setServiceOfAnIpv6PersistentServiceSendsThePrefixLengthAsAHostOrderNumber() {
        IpvsService s = IpvsService.of(TCP6_443, "mh").withFlags(Set.of(ServiceFlag.MH_PORT)).withPersistence(120, 64);
        expect(ServiceMessages.setService(FAMILY, 1, s),
                "68000000 1f00 0500 01000000 00000000 | 02 01 0000"
                        + "| 5400 0180 | 0600 0100 0a00 0000 | 0600 0200 0600 0000"
                        + "| 1400 0300 20010db8 00000000 00000000 00000010 | 0600 0400 01bb 0000"
                        + "| 0700 0600 6d6800 00"                 // "mh\0"
                        + "| 0c00 0700 11000000 ffffffff"         // PERSISTENT 0x1 | SCHED2 (mh-port) 0x10
                        + "| 0800 0800 78000000"                  // 120 s
                        + "| 0800 0900 40000000");                // /64 as u32 64
    }

    @Test
    void persistentIpv4NetmaskIsNetworkOrderAndHashedIsNeverRequested() {
        IpvsService s = IpvsService.of(IpvsServiceKey.of(IpvsProtocol.UDP, VIP, 53), "wlc")
                .withFlags(Set.of(ServiceFlag.HASHED, ServiceFlag.ONE_PACKET)).withPersistence(300, 24).withPeName("sip");
        expect(ServiceMessages.newService(FAMILY, 7, s),
                "64000000 1f00 0500 07000000 00000000 | 01 01 0000"
                        + "| 5000 0180 | 0600 0100 0200 0000 | 0600 0200 1100 0000 | 0800 0300 c633640a | 0600 0400 0035 0000"
                        + "| 0800 0600 776c6300"                  // "wlc\0"
                        + "| 0800 0b00 73697000"                  // PE_NAME "sip\0"
                        + "| 0c00 0700 05000000 ffffffff"         // PERSISTENT | ONEPACKET, HASHED dropped
                        + "| 0800 0800 2c010000"                  // 300 s
                        + "| 0800 0900 ffffff00");                // 255.255.255.0
    }

    @Test
    void deleteGetAndZeroCarryOnlyTheIdentifyingAttributes() {
        expect(ServiceMessages.delService(FAMILY, 1, FWM7), "28000000 1f00 0500 01000000 00000000 | 03 01 0000 |" + KEY_FWM7);
        expect(ServiceMessages.getService(FAMILY, 2, TCP80), "38000000 1f00 0500 02000000 00000000 | 04 01 0000 |" + KEY_TCP80);
        expect(ServiceMessages.zeroService(FAMILY, 3, TCP80), "38000000 1f00 0500 03000000 00000000 | 10 01 0000 |" + KEY_TCP80);
    }

    @Test
    void dumpsAndBareCommands() {
        // NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP (0x300) = 0x0305
        expect(ServiceMessages.dumpServices(FAMILY, 1), "14000000 1f00 0503 01000000 00000000 | 04 01 0000");
        expect(DaemonMessages.dumpDaemons(FAMILY, 1), "14000000 1f00 0503 01000000 00000000 | 0b 01 0000");
        expect(ConfigMessages.getConfig(FAMILY, 1), "14000000 1f00 0500 01000000 00000000 | 0d 01 0000");
        expect(InfoMessages.getInfo(FAMILY, 1), "14000000 1f00 0500 01000000 00000000 | 0f 01 0000");
        expect(IpvsMessages.zeroAll(FAMILY, 1), "14000000 1f00 0500 01000000 00000000 | 10 01 0000");
        expect(IpvsMessages.flush(FAMILY, 1), "14000000 1f00 0500 01000000 00000000 | 11 01 0000");
        expect(DestinationMessages.dumpDests(FAMILY, 1, TCP80), "38000000 1f00 0503 01000000 00000000 | 08 01 0000 |" + KEY_TCP80);
    }

    @Test
    void newDestinationWithThresholds() {
        IpvsDestination d = IpvsDestination.of(ip("203.0.113.3"), 8080, ForwardingMethod.MASQ).withWeight(5).withThresholds(100, 10);
        expect(DestinationMessages.newDest(FAMILY, 1, TCP80, d),
                "74000000 1f00 0500 01000000 00000000 | 05 01 0000 |" + KEY_TCP80
                        + "| 3c00 0280 | 0800 0100 cb007103 | 0600 0200 1f90 0000"   // 203.0.113.3, port 8080 be16
                        + "| 0800 0300 00000000 | 0800 0400 05000000"                 // MASQ, weight 5
                        + "| 0800 0500 64000000 | 0800 0600 0a000000"                 // thresholds 100 / 10
                        + "| 0600 0b00 0200 0000");                                   // ADDR_FAMILY AF_INET
    }

    @Test
    void setDestinationOfAGueTunnelSendsTheTunnelPortInNetworkOrder() {
        IpvsDestination d = IpvsDestination.of(ip("2001:db8::20"), 443, ForwardingMethod.TUNNEL)
                .withTunnel(TunnelType.GUE, 6081, TunnelChecksum.REMCSUM);
        expect(DestinationMessages.setDest(FAMILY, 1, TCP6_443, d),
                "a4000000 1f00 0500 01000000 00000000 | 06 01 0000 |" + KEY_TCP6_443
                        + "| 6000 0280 | 1400 0100 20010db8 00000000 00000000 00000020 | 0600 0200 01bb 0000"
                        + "| 0800 0300 02000000 | 0800 0400 01000000"                 // TUNNEL, weight 1
                        + "| 0500 0d00 01 000000"                                     // TUN_TYPE GUE (u8)
                        + "| 0600 0e00 17c1 0000"                                     // TUN_PORT 6081 be16
                        + "| 0600 0f00 0200 0000"                                     // TUN_FLAGS REMCSUM
                        + "| 0800 0500 00000000 | 0800 0600 00000000"
                        + "| 0600 0b00 0a00 0000");                                   // ADDR_FAMILY AF_INET6
    }

    @Test
    void deleteDestinationIdentifiesItByAddressPortAndFamily() {
        expect(DestinationMessages.delDest(FAMILY, 1, FWM7, ip("2001:db8::23"), 0),
                "50000000 1f00 0500 01000000 00000000 | 07 01 0000 |" + KEY_FWM7
                        + "| 2800 0280 | 1400 0100 20010db8 00000000 00000000 00000023 | 0600 0200 0000 0000 | 0600 0b00 0a00 0000");
    }

    @Test
    void newDaemonWithEveryOptionAndDelDaemon() {
        IpvsSyncDaemon d = new IpvsSyncDaemon(SyncState.MASTER, "jk-sync", 51, 1400, ip("239.255.0.81"), 8850, 2);
        expect(DaemonMessages.newDaemon(FAMILY, 1, d),
                "54000000 1f00 0500 01000000 00000000 | 09 01 0000"
                        + "| 4000 0380 | 0800 0100 01000000"                         // STATE MASTER
                        + "| 0c00 0200 6a6b2d73 796e6300"                             // "jk-sync\0"
                        + "| 0800 0300 33000000"                                      // SYNC_ID 51
                        + "| 0600 0400 7805 0000"                                     // SYNC_MAXLEN 1400, host order
                        + "| 0600 0700 9222 0000"                                     // MCAST_PORT 8850, host order
                        + "| 0500 0800 02 000000"                                     // MCAST_TTL 2
                        + "| 0800 0500 efff0051");                                    // MCAST_GROUP 239.255.0.81, be32
        expect(DaemonMessages.newDaemon(FAMILY, 2, IpvsSyncDaemon.of(SyncState.BACKUP, "eth0", 7)),
                "34000000 1f00 0500 02000000 00000000 | 09 01 0000"
                        + "| 2000 0380 | 0800 0100 02000000 | 0900 0200 65746830 00 000000 | 0800 0300 07000000");
        expect(DaemonMessages.delDaemon(FAMILY, 3, SyncState.BACKUP),
                "20000000 1f00 0500 03000000 00000000 | 0a 01 0000 | 0c00 0380 | 0800 0100 02000000");
    }

    @Test
    void setConfigSendsOnlyTheTimeoutsToChange() {
        expect(ConfigMessages.setConfig(FAMILY, 1, new IpvsTimeouts(900, 120, 300)),
                "2c000000 1f00 0500 01000000 00000000 | 0c 01 0000 | 0800 0400 84030000 | 0800 0500 78000000 | 0800 0600 2c010000");
        expect(ConfigMessages.setConfig(FAMILY, 2, new IpvsTimeouts(0, 0, 60)),
                "1c000000 1f00 0500 02000000 00000000 | 0c 01 0000 | 0800 0600 3c000000");
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
