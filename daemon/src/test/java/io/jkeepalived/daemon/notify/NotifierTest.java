package io.jkeepalived.daemon.notify;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.parser.SystemInfo;
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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The notifier with real scripts and a real FIFO in a temporary directory (no network). */
class NotifierTest {
    private static final SystemInfo MACHINE = new SystemInfo() {
        @Override
        public Optional<Interface> findInterface(String name) {
            return name.equals("eth0") ? Optional.of(new Interface(name, 2, false, true)) : Optional.empty();
        }

        @Override
        public Optional<Integer> userId(String user) {
            return user.equals("root") ? Optional.of(0) : Optional.empty();
        }

        @Override
        public Optional<Integer> userGroup(String user) {
            return userId(user);
        }

        @Override
        public Optional<Integer> groupId(String group) {
            return userId(group);
        }

        @Override
        public String hostname() {
            return "lab";
        }
    };

    @TempDir
    Path dir;

    private KeepalivedConfig load(String config) throws Exception {
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, config);
        return ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, false, MACHINE, null)).config();
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
        Notifier n = Notifier.open(c, MACHINE);
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
        Notifier n = Notifier.open(c, MACHINE);
        try {
            n.onAction("VI_1", new VrrpAction.StateChanged(VrrpState.BACKUP, VrrpState.MASTER,
                    "(VI_1) Entering MASTER STATE"), VrrpState.MASTER, 100);
        } finally {
            n.close();
        }
        assertThat(dir.resolve("calls")).doesNotExist();
    }
}
