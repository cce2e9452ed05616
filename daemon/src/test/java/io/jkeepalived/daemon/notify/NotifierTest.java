package io.jkeepalived.daemon.notify;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.daemon.TestConfigs;

import io.jkeepalived.vrrp.fsm.VrrpAction;
import io.jkeepalived.vrrp.fsm.VrrpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The notifier with real scripts and a real FIFO in a temporary directory (no network). */
class NotifierTest {
    @TempDir
    Path dir;

    private KeepalivedConfig load(String config) throws Exception {
        return TestConfigs.load(dir, config);
    }

    private Path recorder() throws Exception {
        Path s = dir.resolve("rec.sh");
        Files.writeString(s, "#!/bin/sh\necho \"$(basename $0) $*\" >> " + dir.resolve("calls") + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    @Test
    void scriptsRunInOrderWithKeepalivedsArgumentsAndTheFifoGetsItsLines() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "script security checks need root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path rec = recorder();
        Path fifo = dir.resolve("notify.fifo");
        KeepalivedConfig c = load("global_defs {\n  router_id lab\n  enable_script_security\n  script_user root\n"
                + "  vrrp_notify_fifo " + fifo + "\n}\n"
                + "vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n"
                + "  virtual_ipaddress {\n    198.51.100.10/24\n  }\n"
                + "  notify_master \"" + rec + " master-arg\"\n"
                + "  notify_stop " + rec + "\n"
                + "  notify \"" + rec + " generic\"\n}\n");
        Notifier n = Notifier.open(c, TestConfigs.MACHINE);
        assertThat(Files.exists(fifo)).as("the FIFO is created").isTrue();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(fifo),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    synchronized (lines) {
                        lines.add(l);
                    }
                }
            } catch (Exception e) {
                // the FIFO went away
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            n.onAction("VI_1", new VrrpAction.StateChanged(VrrpState.INIT, VrrpState.BACKUP,
                    "(VI_1) Entering BACKUP STATE (init)"), VrrpState.BACKUP, 100);
            n.onAction("VI_1", new VrrpAction.StateChanged(VrrpState.BACKUP, VrrpState.MASTER,
                    "(VI_1) Entering MASTER STATE"), VrrpState.MASTER, 100);
            n.onAction("VI_1", new VrrpAction.SendAdvert(100), VrrpState.MASTER, 100);
            n.onAction("VI_1", new VrrpAction.StateChanged(VrrpState.MASTER, VrrpState.STOP, ""), VrrpState.STOP, 100);
            n.onAction("VI_2", new VrrpAction.StateChanged(VrrpState.MASTER, VrrpState.STOP, ""), VrrpState.STOP, 1);
        } finally {
            n.close();
        }
        reader.join(5000);
        assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly(
                "rec.sh generic INSTANCE VI_1 BACKUP 100",
                "rec.sh master-arg",
                "rec.sh generic INSTANCE VI_1 MASTER 100",
                "rec.sh ",
                "rec.sh generic INSTANCE VI_1 STOP 100");
        synchronized (lines) {
            assertThat(lines).containsExactly("INSTANCE \"VI_1\" BACKUP 100", "INSTANCE \"VI_1\" MASTER 100",
                    "INSTANCE \"VI_1\" STOP 100");
        }
        assertThat(Files.exists(fifo)).as("the FIFO we created is removed").isFalse();
    }

    @Test
    void anUnsafeScriptIsNotRun() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "script security checks need root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path rec = recorder();
        Files.setPosixFilePermissions(rec, PosixFilePermissions.fromString("rwxrwxrwx"));
        KeepalivedConfig c = load("global_defs {\n  enable_script_security\n  script_user root\n}\n"
                + "vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n"
                + "  virtual_ipaddress {\n    198.51.100.10/24\n  }\n"
                + "  notify_master " + rec + "\n}\n");
        Notifier n = Notifier.open(c, TestConfigs.MACHINE);
        try {
            n.onAction("VI_1", new VrrpAction.StateChanged(VrrpState.BACKUP, VrrpState.MASTER,
                    "(VI_1) Entering MASTER STATE"), VrrpState.MASTER, 100);
        } finally {
            n.close();
        }
        assertThat(dir.resolve("calls")).doesNotExist();
    }

    /** FIFO lines and mails kept in memory. */
    private static final class Recorded implements Notifier.LineSink, Notifier.Mail {
        final List<String> lines = new ArrayList<>();
        final List<String> mails = new ArrayList<>();
        final boolean noEmailFaults;

        Recorded(boolean noEmailFaults) {
            this.noEmailFaults = noEmailFaults;
        }

        @Override
        public synchronized void write(String line) {
            lines.add(line);
        }

        @Override
        public void close() {
        }

        @Override
        public boolean noEmailFaults() {
            return noEmailFaults;
        }

        @Override
        public synchronized void send(boolean group, String name, NotifyState state) {
            mails.add((group ? "G " : "I ") + name + " " + state);
        }

        @Override
        public void close(long deadlineNanos) {
        }
    }

    private Notifier.Script script(Path rec, String... words) {
        List<String> args = new ArrayList<>(List.of(rec.toString()));
        args.addAll(List.of(words));
        return new Notifier.Script(args, 0, 0);
    }

    private Notifier notifier(Recorded r, Notifier.Target... targets) {
        java.util.Map<String, Notifier.Target> instances = new java.util.LinkedHashMap<>();
        java.util.Map<String, Notifier.Target> groups = new java.util.LinkedHashMap<>();
        for (Notifier.Target t : targets) {
            (t.group() ? groups : instances).put(t.name(), t);
        }
        return new Notifier(instances, groups, List.of(r), new NotifyLauncher(0, 0), r);
    }

    private static VrrpAction.StateChanged to(VrrpState from, VrrpState to) {
        return new VrrpAction.StateChanged(from, to, "(VI_1) Entering " + to + " STATE");
    }

    @Test
    void masterReceivingALowerPriorityRunsItsScriptAndWritesTheEvent() throws Exception {
        Path rec = recorder();
        Recorded r = new Recorded(false);
        Notifier n = notifier(r, new Notifier.Target("VI_1", false, java.util.Map.of(), null, script(rec, "rx"),
                false, false));
        try {
            n.onAction("VI_1", new VrrpAction.MasterReceivedLowerPriority(java.net.InetAddress.getByName("198.51.100.2"),
                    100), VrrpState.MASTER, 150);
        } finally {
            n.close();
        }
        assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly("rec.sh rx");
        assertThat(r.lines).containsExactly("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150\n");
        assertThat(r.mails).isEmpty();
    }

    @Test
    void priorityChangesReachTheFifoOnlyWhenAskedFor() {
        Recorded r = new Recorded(false);
        Notifier n = notifier(r,
                new Notifier.Target("VI_1", false, java.util.Map.of(), null, null, false, true),
                new Notifier.Target("VI_2", false, java.util.Map.of(), null, null, false, false));
        try {
            n.onAction("VI_1", new VrrpAction.PriorityChanged(150, 90), VrrpState.BACKUP, 90);
            n.onAction("VI_1", new VrrpAction.PriorityChanged(90, 150), VrrpState.MASTER, 150);
            n.onAction("VI_1", new VrrpAction.PriorityChanged(150, 100), VrrpState.FAULT, 100);
            n.onAction("VI_2", new VrrpAction.PriorityChanged(150, 90), VrrpState.BACKUP, 90);
        } finally {
            n.close();
        }
        assertThat(r.lines).containsExactly("INSTANCE \"VI_1\" BACKUP_PRIORITY 90\n",
                "INSTANCE \"VI_1\" MASTER_PRIORITY 150\n", "INSTANCE \"VI_1\" BACKUP_PRIORITY 100\n");
    }

    @Test
    void groupsAreNotifiedWithPriorityZero() throws Exception {
        Path rec = recorder();
        Recorded r = new Recorded(false);
        Notifier n = notifier(r, new Notifier.Target("G1", true,
                java.util.Map.of(NotifyState.MASTER, script(rec, "gm")), script(rec, "gen"), null, true, false));
        try {
            n.groupStateChanged("G1", VrrpState.MASTER);
            n.groupStateChanged("G1", VrrpState.INIT);
        } finally {
            n.close();
        }
        assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly("rec.sh gm", "rec.sh gen GROUP G1 MASTER 0");
        assertThat(r.lines).containsExactly("GROUP \"G1\" MASTER 0\n");
        assertThat(r.mails).containsExactly("G G1 MASTER");
    }

    @Test
    void mailOncePerStateAndNoFaultMailWhenAsked() {
        Recorded r = new Recorded(true);
        Notifier n = notifier(r, new Notifier.Target("VI_1", false, java.util.Map.of(), null, null, true, false),
                new Notifier.Target("VI_2", false, java.util.Map.of(), null, null, false, false));
        try {
            n.onAction("VI_1", to(VrrpState.INIT, VrrpState.BACKUP), VrrpState.BACKUP, 100);
            n.onAction("VI_1", to(VrrpState.BACKUP, VrrpState.FAULT), VrrpState.FAULT, 100);
            n.onAction("VI_1", to(VrrpState.FAULT, VrrpState.BACKUP), VrrpState.BACKUP, 100);
            n.onAction("VI_1", to(VrrpState.BACKUP, VrrpState.MASTER), VrrpState.MASTER, 100);
            n.onAction("VI_1", to(VrrpState.MASTER, VrrpState.STOP), VrrpState.STOP, 100);
            n.onAction("VI_2", to(VrrpState.BACKUP, VrrpState.MASTER), VrrpState.MASTER, 100);
        } finally {
            n.close();
        }
        // keepalived's last_email_state: BACKUP after the unmailed FAULT is not mailed again
        assertThat(r.mails).containsExactly("I VI_1 BACKUP", "I VI_1 MASTER", "I VI_1 STOP");
        assertThat(r.lines).hasSize(6);
    }

    @Test
    void anOwnerParkedSilentlyInBackupIsNotAnnounced() {
        Recorded r = new Recorded(false);
        Notifier n = notifier(r, new Notifier.Target("VI_1", false, java.util.Map.of(), null, null, true, false));
        try {
            n.onAction("VI_1", new VrrpAction.StateChanged(VrrpState.INIT, VrrpState.BACKUP, ""), VrrpState.BACKUP, 255);
            n.onAction("VI_1", new VrrpAction.StateChanged(VrrpState.BACKUP, VrrpState.STOP, ""), VrrpState.STOP, 255);
        } finally {
            n.close();
        }
        assertThat(r.lines).containsExactly("INSTANCE \"VI_1\" STOP 255\n");
        assertThat(r.mails).containsExactly("I VI_1 STOP");
    }
}
