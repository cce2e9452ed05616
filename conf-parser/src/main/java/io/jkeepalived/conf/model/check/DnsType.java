package io.jkeepalived.conf.model.check;

import java.util.Locale;

/** The query types DNS_CHECK accepts (case-insensitive); SOA is the default. */
public enum DnsType {
    A, NS, CNAME, SOA, MX, TXT, AAAA, RRSIG, DNSKEY;

    /** The type of that name in any case, or null. */
    public static DnsType parse(String s) {
        for (DnsType t : values()) {
            if (t.name().equals(s.toUpperCase(Locale.ROOT))) {
                return t;
            }
        }
        return null;
    }
}
