package io.jkeepalived.conf;

import io.jkeepalived.conf.parser.SystemInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link SystemInfo} from /sys/class/net, /etc/passwd, /etc/group and /proc: plain file reads. */
public final class LiveSystemInfo implements SystemInfo {
    private static final int IFF_UP = 0x1;
    private static final int IFF_LOOPBACK = 0x8;

    @Override
    public Optional<Interface> findInterface(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            return Optional.empty();
        }
        Path dir = Path.of("/sys/class/net", name);
        try {
            int index = Integer.parseInt(Files.readString(dir.resolve("ifindex")).trim());
            int flags = Integer.decode(Files.readString(dir.resolve("flags")).trim());
            return Optional.of(new Interface(name, index, (flags & IFF_LOOPBACK) != 0, (flags & IFF_UP) != 0));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Integer> userId(String user) {
        return field(Path.of("/etc/passwd"), user, 2);
    }

    @Override
    public Optional<Integer> userGroup(String user) {
        return field(Path.of("/etc/passwd"), user, 3);
    }

    @Override
    public Optional<Integer> groupId(String group) {
        return field(Path.of("/etc/group"), group, 2);
    }

    private static Optional<Integer> field(Path db, String name, int column) {
        try {
            List<String> lines = Files.readAllLines(db, StandardCharsets.ISO_8859_1);
            for (String l : lines) {
                String[] f = l.split(":", -1);
                if (f.length > column && f[0].equals(name)) {
                    return Optional.of(Integer.parseInt(f[column]));
                }
            }
            // getpwnam fails for numbers; keepalived then tries the number itself
            for (String l : lines) {
                String[] f = l.split(":", -1);
                if (f.length > column && f[2].equals(name)) {
                    return Optional.of(Integer.parseInt(f[column]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "localhost" : env;
        }
    }
}
