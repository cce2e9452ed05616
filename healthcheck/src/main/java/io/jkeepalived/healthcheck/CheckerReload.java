package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.model.check.Checker;
import io.jkeepalived.conf.model.check.CheckerTiming;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which checkers and real servers a reload continues, as keepalived's reload matches them (ipwrapper.c vs_iseq,
 * rs_iseq, and each checker type's compare function in migrate_checkers). Pure.
 *
 * <ul>
 *   <li>a virtual server is the same when its address (protocol, address and port; fwmark; or group name and port)
 *       is;</li>
 *   <li>a real server is the same when its address and port are, whatever else changed;</li>
 *   <li>a checker continues an old one of the same real server when its type and settings are the same; its timing
 *       ({@code delay_loop}, {@code retry}, ...) may differ (keepalived's compare functions leave it out).</li>
 * </ul>
 */
public final class CheckerReload {
    private CheckerReload() {
    }

    /** keepalived's vs_iseq as a key: FMT_VS, which names protocol, address and port, the fwmark or the group. */
    public static String virtualServerKey(VirtualServer vs) {
        List<String> a = vs.address();
        if (!a.isEmpty() && a.get(0).equals("group")) {
            return "group " + (a.size() > 1 ? a.get(1) : "") + " " + vs.protocol();
        }
        return CheckerEngine.vsName(vs) + (!a.isEmpty() && a.get(0).equals("fwmark") ? " " + ipFamily(vs) : "");
    }

    private static String ipFamily(VirtualServer vs) {
        io.jkeepalived.conf.model.Setting f = vs.source() == null ? null : vs.source().child("ip_family");
        return f == null || f.arg() == null ? "" : f.arg();
    }

    /** keepalived's rs_iseq as a key: the address (normalised) and port. */
    public static String realServerKey(RealServer rs) {
        return Inet.ntop(rs.address()) + " " + (rs.port() == null ? "0" : rs.port().trim());
    }

    /** Whether {@code next} continues {@code old}: same type and settings, the {@link CheckerTiming} aside. */
    public static boolean sameChecker(Checker old, Checker next) {
        if (old == null || next == null || old.getClass() != next.getClass()) {
            return false;
        }
        RecordComponent[] components = next.getClass().getRecordComponents();
        if (components == null) {
            return old.equals(next);
        }
        for (RecordComponent c : components) {
            if (c.getType() == CheckerTiming.class) {
                continue;
            }
            try {
                if (!Objects.equals(c.getAccessor().invoke(old), c.getAccessor().invoke(next))) {
                    return false;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + next.keyword(), e);
            }
        }
        return true;
    }

    /**
     * For each checker of {@code next}, the index of the old checker it continues, or -1. Each old checker is
     * continued at most once, the first match in order (as migrate_checkers walks the lists).
     */
    public static int[] continued(List<Checker> old, List<Checker> next) {
        int[] out = new int[next.size()];
        boolean[] taken = new boolean[old.size()];
        for (int i = 0; i < next.size(); i++) {
            out[i] = -1;
            for (int j = 0; j < old.size(); j++) {
                if (!taken[j] && sameChecker(old.get(j), next.get(i))) {
                    out[i] = j;
                    taken[j] = true;
                    break;
                }
            }
        }
        return out;
    }

    /** One line per checker change of a real server that stays: added, removed (its state goes) or kept. */
    public static List<String> checkerChanges(String rsName, String vsName, List<Checker> old, List<Checker> next) {
        int[] cont = continued(old, next);
        List<String> out = new ArrayList<>();
        boolean[] kept = new boolean[old.size()];
        for (int i = 0; i < cont.length; i++) {
            if (cont[i] >= 0) {
                kept[cont[i]] = true;
            }
        }
        for (int j = 0; j < old.size(); j++) {
            if (!kept[j]) {
                out.add("Removing " + old.get(j).keyword() + " of service " + rsName + " of VS " + vsName);
            }
        }
        for (int i = 0; i < cont.length; i++) {
            if (cont[i] < 0) {
                out.add("Adding " + next.get(i).keyword() + " to service " + rsName + " of VS " + vsName);
            }
        }
        return out;
    }
}
