package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;

/** A checker whose typed model comes with its implementation (SMTP, DNS, UDP, PING, FILE, BFD). */
public record OtherCheck(String keyword, CheckOptions options, Setting source) implements Checker {
}
