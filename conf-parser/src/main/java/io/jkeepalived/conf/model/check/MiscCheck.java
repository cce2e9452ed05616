package io.jkeepalived.conf.model.check;

import java.util.List;

/**
 * {@code MISC_CHECK}: a script's exit status. user/group null: the default script user. timeout is in
 * seconds, null when not set (then delay_loop applies).
 */
public record MiscCheck(CheckerTiming timing, List<String> script, Long timeout, boolean dynamic, String user,
                        String group) implements Checker {
    public MiscCheck {
        script = List.copyOf(script);
    }

    @Override
    public String keyword() {
        return "MISC_CHECK";
    }
}
