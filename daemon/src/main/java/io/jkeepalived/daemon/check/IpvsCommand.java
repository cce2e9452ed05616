package io.jkeepalived.daemon.check;

import io.jkeepalived.ipvs.IpvsClient;
import io.jkeepalived.ipvs.reconcile.IpvsadmFormat;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code jkeepalived ipvs list [--stats|--rate]}: the namespace's IPVS table as {@code ipvsadm -Ln} prints it,
 * read with jkeepalived's own netlink client, so no ipvsadm is needed.
 */
public final class IpvsCommand {
    private IpvsCommand() {
    }

    /** {@code args} are the words after "ipvs"; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        IpvsadmFormat.View view = IpvsadmFormat.View.CONNECTIONS;
        if (args.length == 0 || !args[0].equals("list")) {
            return usage(err);
        }
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--stats" -> view = IpvsadmFormat.View.STATS;
                case "--rate" -> view = IpvsadmFormat.View.RATE;
                case "-n", "--numeric" -> {
                    // always numeric, as -Ln
                }
                default -> {
                    return usage(err);
                }
            }
        }
        try (IpvsClient client = IpvsClient.open()) {
            out.print(IpvsadmFormat.list(client, view));
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("jkeepalived ipvs list: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err) {
        err.println("Usage: jkeepalived ipvs list [--stats|--rate]");
        return 2;
    }
}
