package io.jkeepalived.conf.model.check;

import java.util.List;

/**
 * A {@code url} of HTTP_GET/SSL_GET. statusCodes are inclusive [low, high] ranges, ascending and merged
 * (200-299 when none were given); digest is 32 lower-case hex digits or null. The regex fields are
 * meaningful only when regex is set (keepalived clears them otherwise); regexMaxOffset is as written
 * (null: no limit); regexStack is {start, max} or empty.
 */
public record HttpUrl(String path, String digest, List<List<Integer>> statusCodes, String virtualhost, String regex,
                      boolean regexNoMatch, List<RegexOption> regexOptions, long regexMinOffset, Long regexMaxOffset,
                      List<Long> regexStack) {
    public HttpUrl {
        statusCodes = statusCodes.stream().map(List::copyOf).toList();
        regexOptions = List.copyOf(regexOptions);
        regexStack = List.copyOf(regexStack);
    }
}
