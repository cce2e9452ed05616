package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.model.vrrp.IpAddress;
import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Words;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads an address line as keepalived's {@code alloc_ipaddress} does, with its messages. */
final class IpAddressLine {
    private static final Set<String> FLAGS = Set.of("home", "-nodad", "mngtmpaddr", "noprefixroute", "autojoin", "no_track");
    private static final Set<String> SCOPES = Set.of("global", "nowhere", "host", "link", "site", "universe");

    private IpAddressLine() {
    }

    /** @return the address, or null when keepalived drops it */
    static IpAddress parse(ParseContext ctx, Words w, boolean staticAddr) {
        return parse(ctx, w, staticAddr, null);
    }

    /**
     * @param defaultInterface for static addresses: global_defs' default_interface, used when no dev is given
     */
    static IpAddress parse(ParseContext ctx, Words w, boolean staticAddr, String defaultInterface) {
        return parse(ctx, w, staticAddr, defaultInterface, false);
    }

    /**
     * @param dynamicInterfaces global_defs' {@code dynamic_interfaces}: a {@code dev} that does not exist yet is
     *                          accepted (keepalived creates its interface entry, used once the interface appears)
     */
    static IpAddress parse(ParseContext ctx, Words w, boolean staticAddr, String defaultInterface,
                           boolean dynamicInterfaces) {
        String text = w.word(0);
        boolean v6 = InetText.looksLike6(text);
        int prefix = v6 ? 128 : 32;
        String addr = text;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            var len = ctx.values().readUnsigned(text.substring(slash + 1), 0, prefix, true);
            if (!len.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid address prefix len %s for address %s - using %d",
                        text.substring(slash + 1), text, prefix);
            } else {
                prefix = (int) len.value();
            }
            addr = text.substring(0, slash);
        }
        if (InetText.parse(addr) == null) {
            ctx.error(ConfigError.GENERAL_ERROR, "VRRP parsed invalid IP %s. skipping IP...", text);
            return null;
        }
        String dev = null;
        String scope = null;
        String label = null;
        boolean haveBroadcast = false;
        boolean havePeer = false;
        List<String> options = new ArrayList<>();
        int i = 1;
        String missing = null;
        while (i < w.size()) {
            String str = w.word(i);
            boolean paramAvail = w.size() >= i + 2;
            switch (str) {
                case "dev" -> {
                    if (!paramAvail) {
                        missing = str;
                        break;
                    }
                    if (dev != null) {
                        ctx.error(ConfigError.GENERAL_ERROR, "Cannot specify ipaddress device more than once for %s", text);
                        return null;
                    }
                    dev = w.word(++i);
                    if (!dynamicInterfaces && ctx.system().findInterface(dev).isEmpty()) {
                        ctx.error(ConfigError.GENERAL_ERROR, "WARNING - interface %s for ip address %s doesn't exist", dev, text);
                        return null;
                    }
                }
                case "scope" -> {
                    if (!paramAvail) {
                        missing = str;
                        break;
                    }
                    String s = w.word(++i);
                    if (SCOPES.contains(s) || ctx.values().readUnsigned(s, 0, 255, true).ok()) {
                        scope = s;
                    } else {
                        ctx.error(ConfigError.GENERAL_ERROR, "Invalid scope '%s' specified for %s - ignoring", s, text);
                    }
                }
                case "broadcast", "brd" -> {
                    if (!paramAvail) {
                        missing = str;
                        break;
                    }
                    String b = w.word(++i);
                    if (v6) {
                        ctx.error(ConfigError.GENERAL_ERROR, "VRRP is trying to assign a broadcast %s to the IPv6 address %s !!?? WARNING... skipping broadcast", b, text);
                    } else if (!b.equals("-") && !b.equals("+") && InetText.parse4(b) == null) {
                        ctx.error(ConfigError.GENERAL_ERROR, "VRRP is trying to assign invalid broadcast %s. skipping broadcast", b);
                    } else {
                        haveBroadcast = true;
                        options.add(str);
                        options.add(b);
                    }
                }
                case "label" -> {
                    if (!paramAvail) {
                        missing = str;
                        break;
                    }
                    label = w.word(++i);
                    if (label.length() > 15) {
                        ctx.error(ConfigError.GENERAL_ERROR, "Address label %s is longer than maximum length %d - removing address", label, 15);
                        return null;
                    }
                }
                case "peer" -> {
                    if (!paramAvail) {
                        missing = str;
                        break;
                    }
                    String p = w.word(++i);
                    if (havePeer) {
                        ctx.error(ConfigError.GENERAL_ERROR, "Peer %s - another peer has already been specified", p);
                    } else if (InetText.parse(p) == null) {
                        ctx.error(ConfigError.GENERAL_ERROR, "Invalid peer address %s", p);
                    } else if (InetText.looksLike6(p) != v6) {
                        ctx.error(ConfigError.GENERAL_ERROR, "Peer address %s does not match address family", p);
                    } else {
                        havePeer = true;
                        options.add(str);
                        options.add(p);
                    }
                }
                case "preferred_lft" -> {
                    if (!paramAvail) {
                        missing = str;
                        break;
                    }
                    String v = w.word(++i);
                    if (!v.equals("forever") && !ctx.values().readUnsigned(v, 0, 0xffffffffL, true).ok()) {
                        ctx.error(ConfigError.GENERAL_ERROR, "preferred_lft %s is invalid", v);
                    } else {
                        options.add(str);
                        options.add(v);
                    }
                }
                case "track_group" -> {
                    if (!staticAddr) {
                        ctx.error(ConfigError.GENERAL_ERROR, "Unknown configuration entry '%s' for ip address - ignoring", str);
                        break;
                    }
                    if (!paramAvail) {
                        missing = str;
                        break;
                    }
                    options.add(str);
                    options.add(w.word(++i));
                }
                case "use_vmac" -> {
                    if (staticAddr) {
                        ctx.error(ConfigError.GENERAL_ERROR, "Unknown configuration entry '%s' for ip address - ignoring", str);
                        break;
                    }
                    options.add(str);
                    if (paramAvail && !isOption(w.word(i + 1))) {
                        options.add(w.word(++i));
                    }
                }
                default -> {
                    if (FLAGS.contains(str)) {
                        options.add(str);
                    } else {
                        ctx.error(ConfigError.GENERAL_ERROR, "Unknown configuration entry '%s' for ip address - ignoring", str);
                    }
                }
            }
            if (missing != null) {
                break;
            }
            i++;
        }
        if (missing != null) {
            ctx.error(ConfigError.GENERAL_ERROR, "No %s parameter specified for %s", missing, text);
            return null;
        }
        if (v6 && scope != null) {
            ctx.error(ConfigError.GENERAL_ERROR, "Cannot specify scope for IPv6 addresses (%s) - ignoring scope", text);
            scope = null;
        }
        if (v6 && label != null) {
            ctx.error(ConfigError.GENERAL_ERROR, "Cannot specify label for IPv6 addresses (%s) - ignoring label", text);
            label = null;
        }
        if (haveBroadcast && havePeer) {
            ctx.error(ConfigError.GENERAL_ERROR, "Cannot specify broadcast and peer addresses - ignoring broadcast address");
        }
        if (staticAddr && dev == null) {
            if (defaultInterface == null || ctx.system().findInterface(defaultInterface).isEmpty()) {
                ctx.error(ConfigError.FATAL, "Static address %s requires either an interface or track_group", text);
                return null;
            }
            dev = defaultInterface;
        }
        return new IpAddress(addr, prefix, v6, dev, scope, label, options);
    }

    private static boolean isOption(String s) {
        return FLAGS.contains(s) || Set.of("dev", "scope", "broadcast", "brd", "label", "peer", "preferred_lft").contains(s);
    }
}
