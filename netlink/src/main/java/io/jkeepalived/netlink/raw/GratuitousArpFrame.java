package io.jkeepalived.netlink.raw;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The gratuitous ARP frame a VRRP master sends for each IPv4 virtual address (RFC 5798 §6.4.1 (1)): an Ethernet II
 * frame carrying an ARP request (RFC 826) whose sender and target protocol addresses are both the virtual address
 * (RFC 5227 §3, "ARP Announcement"), broadcast. Laid out as keepalived 2.2.7 builds it
 * ({@code send_gratuitous_arp_immediate}): the target hardware address is the broadcast address, not zero, and the
 * frame is not padded to 60 bytes (the NIC pads it). Captures of keepalived show exactly these 42 bytes.
 *
 * <pre>
 *  0  destination MAC  ff:ff:ff:ff:ff:ff
 *  6  source MAC       interface MAC
 * 12  ether type       0x0806 (ARP)
 * 14  ar_hrd 1 (Ethernet)  16 ar_pro 0x0800 (IPv4)  18 ar_hln 6  19 ar_pln 4  20 ar_op 1 (request)
 * 22  sender MAC       interface MAC
 * 28  sender IP        virtual address
 * 32  target MAC       ff:ff:ff:ff:ff:ff
 * 38  target IP        virtual address
 * </pre>
 */
public final class GratuitousArpFrame {
    public static final int DESTINATION_MAC = 0;
    public static final int SOURCE_MAC = 6;
    public static final int ETHER_TYPE = 12;
    public static final int ARP_HARDWARE_TYPE = 14;
    public static final int ARP_PROTOCOL_TYPE = 16;
    public static final int ARP_HARDWARE_LENGTH = 18;
    public static final int ARP_PROTOCOL_LENGTH = 19;
    public static final int ARP_OPERATION = 20;
    public static final int SENDER_MAC = 22;
    public static final int SENDER_IP = 28;
    public static final int TARGET_MAC = 32;
    public static final int TARGET_IP = 38;
    public static final int LENGTH = 42;

    static final int ARPHRD_ETHER = 1;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ARPOP_REQUEST = 1;
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private GratuitousArpFrame() {
    }

    /** The frame announcing {@code virtualAddress} at {@code interfaceMac} (6 bytes). */
    public static byte[] build(byte[] interfaceMac, Inet4Address virtualAddress) {
        if (interfaceMac == null || interfaceMac.length != 6) {
            throw new IllegalArgumentException("an Ethernet MAC address has 6 bytes");
        }
        byte[] vip = virtualAddress.getAddress();
        ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.BIG_ENDIAN);
        b.put(DESTINATION_MAC, BROADCAST);
        b.put(SOURCE_MAC, interfaceMac);
        b.putShort(ETHER_TYPE, (short) RawLibc.ETH_P_ARP);
        b.putShort(ARP_HARDWARE_TYPE, (short) ARPHRD_ETHER);
        b.putShort(ARP_PROTOCOL_TYPE, (short) ETHERTYPE_IPV4);
        b.put(ARP_HARDWARE_LENGTH, (byte) 6);
        b.put(ARP_PROTOCOL_LENGTH, (byte) 4);
        b.putShort(ARP_OPERATION, (short) ARPOP_REQUEST);
        b.put(SENDER_MAC, interfaceMac);
        b.put(SENDER_IP, vip);
        b.put(TARGET_MAC, BROADCAST);
        b.put(TARGET_IP, vip);
        return b.array();
    }
}
