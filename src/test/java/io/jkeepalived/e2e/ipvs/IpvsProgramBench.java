package io.jkeepalived.e2e.ipvs;

import io.jkeepalived.ipvs.ForwardingMethod;
import io.jkeepalived.ipvs.IpvsClient;
import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsProtocol;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.TunnelChecksum;
import io.jkeepalived.ipvs.TunnelType;
import io.jkeepalived.ipvs.reconcile.IpvsApplier;
import io.jkeepalived.ipvs.reconcile.IpvsChange;
import io.jkeepalived.ipvs.reconcile.IpvsDiff;
import io.jkeepalived.ipvs.reconcile.IpvsTable;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jkeepalived half of {@code bench/ipvs-program-bench.sh}, run inside the kernel-lab guest (a plain main
 * class, not a test). Programs the same table the script's generated {@code ipvsadm -R} rules describe, through
 * the path {@code jkeepalived -C} takes at start ({@link IpvsApplier#read}, {@link IpvsDiff#diff},
 * {@link IpvsApplier#apply}), and prints the time that took inside this JVM (wall and process CPU), so the
 * script can tell JVM start-up from the programming itself.
 * <ul>
 *   <li>{@code rules SERVICES REALS}: prints the {@code ipvsadm -R} rules (the one definition of the table).</li>
 *   <li>{@code program SERVICES REALS}: programs the table and prints {@code jk-inproc wall=S cpu=S open-wall=S
 *       open-cpu=S changes=N errors=N build=S read=S diff=S apply=S classes=N} (open: opening the client, the first
 *       native binding, before the table is built; then the time of each step, and the classes loaded).</li>
 *   <li>{@code noop}: does nothing (the script times it as the JVM's own start and exit).</li>
 * </ul>
 */
public final class IpvsProgramBench {
    private IpvsProgramBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "noop" -> { }
            case "rules" -> System.out.print(rules(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
            case "program" -> program(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            default -> {
                System.err.println("usage: IpvsProgramBench noop | rules SERVICES REALS | program SERVICES REALS");
                System.exit(2);
            }
        }
    }

    // Service i: VIP 198.51.100.(1 + i % 250), port 1000 + i; real server j: 203.0.113.(1 + j * 20 + i % 20),
    // port 2000 + i % 500 + j, NAT, weight 1 + j % 5. Unique per service, varied ports, documentation ranges only.
    static String vip(int i) {
        return "198.51.100." + (1 + i % 250);
    }

    static int vport(int i) {
        return 1000 + i;
    }

    static String rip(int i, int j) {
        return "203.0.113." + (1 + j * 20 + i % 20);
    }

    static int rport(int i, int j) {
        return 2000 + i % 500 + j;
    }

    static int weight(int j) {
        return 1 + j % 5;
    }

    static String rules(int services, int reals) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < services; i++) {
            String vs = vip(i) + ":" + vport(i);
            b.append("-A -t ").append(vs).append(" -s rr\n");
            for (int j = 0; j < reals; j++) {
                b.append("-a -t ").append(vs).append(" -r ").append(rip(i, j)).append(':').append(rport(i, j))
                        .append(" -m -w ").append(weight(j)).append('\n');
            }
        }
        return b.toString();
    }

    static IpvsTable desired(int services, int reals) throws UnknownHostException {
        IpvsTable t = new IpvsTable();
        for (int i = 0; i < services; i++) {
            IpvsServiceKey key = IpvsServiceKey.of(IpvsProtocol.TCP, InetAddress.getByName(vip(i)), vport(i));
            t.put(IpvsService.of(key, "rr"));
            for (int j = 0; j < reals; j++) {
                t.put(key, new IpvsDestination(InetAddress.getByName(rip(i, j)), rport(i, j), ForwardingMethod.MASQ,
                        weight(j), 0, 0, TunnelType.IPIP, 0, TunnelChecksum.NOCSUM, 0, 0, 0, null));
            }
        }
        return t;
    }

    private static void program(int services, int reals) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        // What jkeepalived -C does at start: its desired table (here built directly, not from a configuration),
        // the kernel's view of the services it owns, the diff, and the changes sent one by one.
        List<String> errors = new ArrayList<>();
        int changes;
        long opened;
        long cpuOpened;
        String steps;
        try (IpvsClient client = IpvsClient.open()) {
            // Opening costs jnr's first native binding (classes generated at run time): a one-off at daemon start.
            opened = System.nanoTime() - t0;
            cpuOpened = os.getProcessCpuTime() - cpu0;
            IpvsTable desired = desired(services, reals);
            Set<IpvsServiceKey> owned = new LinkedHashSet<>(desired.keys());
            IpvsApplier applier = new IpvsApplier(client, errors::add);
            long t1 = System.nanoTime();
            IpvsTable known = applier.read(owned);
            long t2 = System.nanoTime();
            List<IpvsChange> diff = IpvsDiff.diff(known, desired, owned);
            changes = diff.size();
            long t3 = System.nanoTime();
            applier.apply(known, diff);
            long t4 = System.nanoTime();
            steps = String.format(" build=%.3f read=%.3f diff=%.3f apply=%.3f", (t1 - t0 - opened) / 1e9, (t2 - t1) / 1e9,
                    (t3 - t2) / 1e9, (t4 - t3) / 1e9);
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        for (String e : errors.subList(0, Math.min(5, errors.size()))) {
            System.err.println(e);
        }
        System.out.printf("jk-inproc wall=%.3f cpu=%.3f open-wall=%.3f open-cpu=%.3f changes=%d errors=%d%s classes=%d%n",
                wall / 1e9, cpu / 1e9, opened / 1e9, cpuOpened / 1e9, changes, errors.size(), steps,
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        if (!errors.isEmpty()) {
            System.exit(1);
        }
    }
}
