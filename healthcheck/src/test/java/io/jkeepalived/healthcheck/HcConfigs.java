package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.parser.SystemInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Loads a configuration on a made-up machine (eth0..eth9, user root), as the checker process would. */
public final class HcConfigs {
    private static final SystemInfo MACHINE = new SystemInfo() {
        @Override
        public Optional<Interface> findInterface(String name) {
            return name.matches("eth[0-9]") ? Optional.of(new Interface(name, 2 + name.charAt(3) - '0', false, true))
                    : Optional.empty();
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

    private HcConfigs() {
    }

    public static KeepalivedConfig load(Path dir, String config) throws Exception {
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, config);
        KeepalivedConfig c = ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, false, MACHINE, null)).config();
        if (c == null) {
            throw new IllegalStateException("configuration not loaded:\n" + config);
        }
        return c;
    }
}
