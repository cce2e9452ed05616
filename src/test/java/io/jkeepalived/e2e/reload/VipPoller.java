package io.jkeepalived.e2e.reload;

import java.net.InetAddress;

/**
 * The client of {@link ReloadTest}, run in its own namespace: polls an address every 10 ms with an ICMP echo
 * ({@link InetAddress#isReachable} uses ICMP when run as root), at most {@code count} times or until the file
 * {@code stop} exists, and prints {@code polls N failed M} with the time of each failure. No ping binary needed.
 */
public final class VipPoller {
    private VipPoller() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress target = InetAddress.getByName(args[0]);
        int count = Integer.parseInt(args[1]);
        java.nio.file.Path stop = java.nio.file.Path.of(args[2]);
        int polls = 0;
        int failed = 0;
        long next = System.nanoTime();
        for (int i = 0; i < count && !java.nio.file.Files.exists(stop); i++) {
            polls++;
            if (!target.isReachable(1000)) {
                failed++;
                System.out.println("failed at " + System.currentTimeMillis());
            }
            next += 10_000_000L;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } else {
                next = System.nanoTime();
            }
        }
        System.out.println("polls " + polls + " failed " + failed);
    }
}
