package io.jkeepalived.conf.global;

import io.jkeepalived.conf.model.BfdConfig.BfdInstance;
import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.ValueReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Types the {@code bfd_instance} blocks as keepalived's BFD process reads them (bfd_parser.c): defaults,
 * range checks (a rejected value keeps the default), and the end-of-block checks that disable an
 * instance. Reports nothing; jkeepalived does not run BFD yet and says so while reading.
 */
final class BfdInstances {
    /** BFD_MINRX_MAX / BFD_MINTX_MAX / BFD_IDLETX_MAX, in ms: UINT32_MAX / 1000. */
    private static final long INTERVAL_MAX_MS = 0xffffffffL / 1000;
    /** The size of keepalived's bfd->iname (BFD_INAME_MAX + 1). */
    private static final int NAME_MAX = 31;

    private BfdInstances() {
    }

    static List<BfdInstance> type(List<Setting> blocks, boolean configTest) {
        ValueReader quiet = new ValueReader(new Diagnostics(), configTest);
        List<BfdInstance> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> addressPairs = new HashSet<>();
        for (Setting s : blocks) {
            out.add(one(s, quiet, names, addressPairs));
        }
        return out;
    }

    private static BfdInstance one(Setting s, ValueReader quiet, Set<String> names, Set<String> addressPairs) {
        String name = s.arg() == null ? "" : s.arg();
        boolean enabled = name.length() <= NAME_MAX && names.add(name);
        String neighbor = null;
        String source = null;
        long minRx = BfdInstance.MIN_RX_DEFAULT_MICROS;
        long minTx = BfdInstance.MIN_TX_DEFAULT_MICROS;
        long idleTx = BfdInstance.IDLE_TX_DEFAULT_MICROS;
        int multiplier = BfdInstance.MULTIPLIER_DEFAULT;
        boolean passive = false;
        int ttl = 0;
        int maxHops = 0;
        int weight = 0;
        boolean reverse = false;
        boolean badNeighbor = false;
        for (Setting c : s.children()) {
            String a = c.arg();
            if (a == null && !c.keyword().equals("passive")) {
                continue;
            }
            switch (c.keyword()) {
                case "neighbor_ip", "neighbour_ip" -> {
                    if (InetText.parse(a) == null) {
                        badNeighbor = true; // keepalived frees the instance and skips the rest of the block
                    } else if (!badNeighbor) {
                        neighbor = a;
                    }
                }
                case "source_ip" -> {
                    if (InetText.parse(a) != null) {
                        source = a;
                    }
                }
                case "min_rx" -> minRx = interval(quiet, a, 1, minRx);
                case "min_tx" -> minTx = interval(quiet, a, 1, minTx);
                case "idle_tx" -> idleTx = interval(quiet, a, 1000, idleTx);
                case "multiplier" -> {
                    var n = quiet.readUnsigned(a, 1, 255, false);
                    if (n.ok()) {
                        multiplier = n.intValue();
                    }
                }
                case "passive" -> passive = true;
                case "ttl", "hoplimit" -> {
                    var n = quiet.readUnsigned(a, 1, 255, false);
                    if (n.ok()) {
                        ttl = n.intValue();
                    }
                }
                case "max_hops" -> {
                    var n = quiet.readInt(a, -1, 255, false);
                    if (n.ok()) {
                        maxHops = n.intValue();
                    }
                }
                case "weight" -> {
                    var n = quiet.readInt(a, -253, 253, true);
                    if (n.ok()) {
                        weight = n.intValue();
                    }
                    if (c.args().size() >= 2 && c.args().get(1).equals("reverse")) {
                        reverse = true;
                    }
                }
                default -> {
                }
            }
        }
        if (badNeighbor) {
            neighbor = null;
        }
        boolean v6 = neighbor != null && InetText.looksLike6(neighbor);
        if (neighbor == null || (source != null && InetText.looksLike6(source) != v6)) {
            enabled = false;
        } else if (enabled && !addressPairs.add(key(neighbor) + "/" + (source == null ? "" : key(source)))) {
            enabled = false;
        }
        if (ttl == 0) {
            ttl = v6 ? BfdInstance.HOPLIMIT_DEFAULT_IPV6 : BfdInstance.TTL_DEFAULT_IPV4;
        }
        maxHops = Math.min(maxHops, ttl);
        return new BfdInstance(name, neighbor, source, minRx, minTx, idleTx, multiplier, passive, ttl, maxHops, weight,
                reverse, enabled, s);
    }

    /** An address compared by value, as keepalived compares sockaddrs. */
    private static String key(String ip) {
        return Arrays.toString(InetText.parse(ip));
    }

    /** ms with µs resolution (read_decimal_unsigned, 3 places), as µs; a rejected value keeps {@code current}. */
    private static long interval(ValueReader quiet, String a, long minMs, long current) {
        var n = quiet.readDecimal(a, minMs * 1000, INTERVAL_MAX_MS * 1000, 3, false);
        return n.ok() ? n.value() : current;
    }
}
