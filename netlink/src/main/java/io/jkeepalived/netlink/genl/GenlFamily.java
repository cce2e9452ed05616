package io.jkeepalived.netlink.genl;

import java.util.Map;

/**
 * A generic netlink family as the controller describes it (CTRL_CMD_NEWFAMILY).
 *
 * @param id              CTRL_ATTR_FAMILY_ID: the nlmsg_type of the family's messages
 * @param name            CTRL_ATTR_FAMILY_NAME, e.g. "IPVS"
 * @param version         CTRL_ATTR_VERSION
 * @param headerSize      CTRL_ATTR_HDRSIZE: the family's fixed header after genlmsghdr
 * @param maxAttribute    CTRL_ATTR_MAXATTR
 * @param multicastGroups CTRL_ATTR_MCAST_GROUPS: group name to group id
 */
public record GenlFamily(int id, String name, int version, int headerSize, int maxAttribute, Map<String, Integer> multicastGroups) {
    public GenlFamily {
        multicastGroups = Map.copyOf(multicastGroups);
    }
}
