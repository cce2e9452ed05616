package io.jkeepalived.daemon;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.parser.SystemInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads a configuration as the daemon would, on a made-up machine with eth0..eth9 and the user root, so the
 * daemon's tests do not depend on where they run.
 */
public final class TestConfigs {
    /** The made-up machine (eth0..eth9, eth0 has index 2; the user root; host name lab). */
    public static final SystemInfo MACHINE = new SystemInfo() {
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

    private TestConfigs() {
    }

    /** Writes {@code config} to {@code dir/keepalived.conf} and loads it (not as a config test). */
    public static KeepalivedConfig load(Path dir, String config) throws Exception {
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, config);
        return ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, false, MACHINE, null)).config();
    }
}
