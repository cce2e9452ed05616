package io.jkeepalived.conf.check;

import io.jkeepalived.conf.net.InetText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What keepalived's checker process knows about a virtual server while it reads it: keepalived decides
 * some things in reading order (a real server takes the virtual server's forwarding method as it stands
 * when the real server starts; the address family is fixed by the first non-tunnelled server), so the
 * end-of-reading checks ({@code validate_check_config}) need this record rather than the final lines.
 */
final class LvsState {
    private LvsState() {
    }

    /** An address as keepalived's {@code inet_stosockaddr} reads it: ranges and masks cut, port 0 = none. */
    record Address(byte[] bytes, int port) {
        int family() {
            return bytes.length == 4 ? 4 : 6;
        }

        boolean sameAs(Address o) {
            return port == o.port && java.util.Arrays.equals(bytes, o.bytes);
        }

        String text() {
            return io.jkeepalived.conf.net.InetText.ntop(bytes);
        }

        /** keepalived's {@code inet_sockaddrtotrio}: {@code [addr]:proto:port}. */
        String trio(String protocol) {
            return "[" + text() + "]:" + (protocol == null ? "none" : protocol.toLowerCase(Locale.ROOT)) + ":" + port;
        }

        /** Reads an address and an optional port (already checked, all-zero ports count as none); null if invalid. */
        static Address of(String ip, String port) {
            int cut = ip.indexOf('-');
            if (cut < 0) {
                cut = ip.indexOf('/');
            }
            byte[] b = InetText.parse(cut >= 0 ? ip.substring(0, cut) : ip);
            if (b == null) {
                return null;
            }
            int p = 0;
            if (port != null) {
                try {
                    p = Integer.parseInt(port.trim());
                } catch (NumberFormatException e) {
                    p = 0;
                }
            }
            return new Address(b, p);
        }
    }

    /** A real or sorry server. */
    static final class Server {
        final Vs vs;
        final Address addr;
        /** NAT, DR or TUN; null while neither it nor its virtual server has one. */
        String fwd;
        Boolean inhibit;
        Long weight;
        boolean removed;
        /** The port keepalived ends up using, when its end checks change it (-1: as written). */
        int portSet = -1;

        Server(Vs vs, Address addr, String fwd) {
            this.vs = vs;
            this.addr = addr;
            this.fwd = fwd;
        }
    }

    /** One virtual server. */
    static final class Vs {
        /** "addr", "fwmark" or "group". */
        final String kind;
        final Address addr;
        final String group;
        final String fwmark;
        /** 0 while unknown, else 4 or 6. */
        int af;
        String fwd;
        String sched;
        String protocol;
        boolean ops;
        boolean haSuspend;
        boolean inhibit;
        long weight = 1;
        long quorum = 1;
        long hysteresis;
        long persistence;
        Server sorry;
        final List<Server> reals = new ArrayList<>();
        /** The group it names, once linked at the end of reading, and its number among that group's servers. */
        Group vsg;
        int groupIndex;

        Vs(String kind, Address addr, String group, String fwmark) {
            this.kind = kind;
            this.addr = addr;
            this.group = group;
            this.fwmark = fwmark;
            this.af = addr == null ? 0 : addr.family();
        }
    }

    /** One virtual_server_group's entries as keepalived kept them. */
    static final class Group {
        final String name;
        final List<Address> ranges = new ArrayList<>();
        final List<String> rangeTexts = new ArrayList<>();
        final List<Long> fwmarks = new ArrayList<>();
        boolean have4;
        boolean have6;
        boolean fwmarkNoFamily;

        Group(String name) {
            this.name = name;
        }
    }

}
