package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.parser.SystemInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads a configuration on a made-up machine (eth0..eth9, user root) and plans its virtual servers. */
final class Configs {
    private static final SystemInfo MACHINE = new SystemInfo() {
        @Override
        public Optional<Interface> findInterface(String name) {
            return name.matches("eth[0-9]") ? Optional.of(new Interface(name, 2 + name.charAt(3) - '0', false, true)) : Optional.empty();
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

    private Configs() {
    }

    static KeepalivedConfig load(String config) throws Exception {
        Path dir = Files.createTempDirectory("jk-reconcile");
        Path f = dir.resolve("keepalived.conf");
        try {
            Files.writeString(f, config);
            return ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, false, MACHINE, null)).config();
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        }
    }

    static List<VirtualServerPlan> plan(String config) throws Exception {
        List<String> problems = new ArrayList<>();
        List<VirtualServerPlan> plans = LvsPlanner.plan(load(config).check(), problems::add);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.toString());
        }
        return plans;
    }
}
