package io.jkeepalived.conf.parser;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The facts about the machine the config test needs (interfaces, users, groups, files), behind an
 * interface so tests can inject them. The live implementation reads /sys and /etc: no native code.
 */
public interface SystemInfo {

    /** A network interface as the config test sees it. */
    record Interface(String name, int index, boolean loopback, boolean up) {
    }

    /** The interface of that name in this network namespace, if any. */
    Optional<Interface> findInterface(String name);

    /** uid of a user name (or numeric id) if it exists. */
    Optional<Integer> userId(String user);

    /** primary gid of a user. */
    Optional<Integer> userGroup(String user);

    /** gid of a group name (or numeric id) if it exists. */
    Optional<Integer> groupId(String group);

    /** The host name (uname -n). */
    String hostname();

    /** The file system, so script checks can be faked in tests. */
    default Path resolve(String path) {
        return Path.of(path);
    }
}
