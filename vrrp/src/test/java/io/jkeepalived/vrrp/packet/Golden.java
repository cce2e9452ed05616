package io.jkeepalived.vrrp.packet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Loads the captured adverts kept as hex in the test resources (see the comment at the top of each file). */
final class Golden {
    /** One captured packet: its frame number, the bytes, and for IPv6 the ancillary data. */
    record Packet(int frame, byte[] bytes, Ipv6Envelope ipv6) {
        @Override
        public String toString() {
            return "frame " + frame;
        }
    }

    private Golden() {
    }

    static List<Packet> load(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<Packet> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                if (f.length == 2) {
                    out.add(new Packet(Integer.parseInt(f[0]), HexFormat.of().parseHex(f[1]), null));
                } else {
                    Ipv6Envelope env = new Ipv6Envelope(v6(f[1]), v6(f[2]), Integer.parseInt(f[3]));
                    out.add(new Packet(Integer.parseInt(f[0]), HexFormat.of().parseHex(f[4]), env));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Inet4Address v4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static Inet6Address v6(String text) {
        try {
            return (Inet6Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
