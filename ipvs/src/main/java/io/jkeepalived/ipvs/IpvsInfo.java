package io.jkeepalived.ipvs;

/**
 * IPVS_CMD_GET_INFO: {@code IP_VS_VERSION_CODE} (0x010201 is 1.2.1) and the connection hash table size.
 */
public record IpvsInfo(int versionCode, int connectionTableSize) {
    /** "1.2.1", as ipvsadm prints it. */
    public String version() {
        return ((versionCode >> 16) & 0xff) + "." + ((versionCode >> 8) & 0xff) + "." + (versionCode & 0xff);
    }
}
