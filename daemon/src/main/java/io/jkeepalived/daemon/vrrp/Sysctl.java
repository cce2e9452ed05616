package io.jkeepalived.daemon.vrrp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The per-interface sysctls keepalived sets for a VMAC ({@code /proc/sys/net/ipv4/conf/IF/...}), read and written as
 * keepalived's set_sysctl/get_sysctl do: one decimal value. An interface, so the VMAC logic is tested without /proc.
 */
interface Sysctl {
    /** The value, or -1 when it cannot be read. */
    int get(String family, String interfaceName, String parameter);

    /** Writes the value; an IOException names the file. */
    void set(String family, String interfaceName, String parameter, int value) throws IOException;

    /** The real /proc/sys of the calling process's network namespace. */
    Sysctl PROC = new Sysctl() {
        private Path path(String family, String ifname, String parameter) {
            return Path.of("/proc/sys/net", family, "conf", ifname, parameter);
        }

        @Override
        public int get(String family, String ifname, String parameter) {
            try {
                return Integer.parseInt(Files.readString(path(family, ifname, parameter), StandardCharsets.US_ASCII).strip());
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public void set(String family, String ifname, String parameter, int value) throws IOException {
            Files.writeString(path(family, ifname, parameter), Integer.toString(value), StandardCharsets.US_ASCII);
        }
    };
}
