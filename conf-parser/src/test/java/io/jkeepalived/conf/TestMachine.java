package io.jkeepalived.conf;

import io.jkeepalived.conf.parser.SystemInfo;

import java.util.Map;
import java.util.Optional;

/**
 * A fixed machine for parser tests: interfaces lo and eth0..eth3 (as in the differential tests'
 * namespace), users root and nobody, so results don't depend on where the tests run.
 */
public final class TestMachine implements SystemInfo {
    public static final TestMachine INSTANCE = new TestMachine();

    private static final Map<String, Integer> USERS = Map.of("root", 0, "nobody", 65534);
    private static final Map<String, Integer> GROUPS = Map.of("root", 0, "nogroup", 65534);

    @Override
    public Optional<Interface> findInterface(String name) {
        return switch (name) {
            case "lo" -> Optional.of(new Interface("lo", 1, true, true));
            case "eth0", "eth1", "eth2", "eth3" -> Optional.of(new Interface(name, name.charAt(3) - '0' + 2, false, true));
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<Integer> userId(String user) {
        return lookup(USERS, user);
    }

    @Override
    public Optional<Integer> userGroup(String user) {
        return userId(user);
    }

    @Override
    public Optional<Integer> groupId(String group) {
        return lookup(GROUPS, group);
    }

    @Override
    public String hostname() {
        return "testhost.example";
    }

    private static Optional<Integer> lookup(Map<String, Integer> names, String name) {
        if (names.containsKey(name)) {
            return Optional.of(names.get(name));
        }
        return names.values().stream().filter(id -> String.valueOf(id).equals(name)).findFirst();
    }
}
