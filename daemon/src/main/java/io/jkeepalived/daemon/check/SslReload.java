package io.jkeepalived.daemon.check;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.check.SslSettings;
import io.jkeepalived.healthcheck.http.SslClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A reload that changes the root {@code SSL {}} block: its files are loaded before the reload is applied (keepalived
 * builds its SSL context again when the checker reloads, and a file it cannot load stops the checker), so that a
 * bad file refuses the reload with a clear error and the running checks go on, instead of every SSL_GET failing
 * once the probes load it lazily. A context built here is the one the probes then use (cached per settings).
 */
public final class SslReload {
    private SslReload() {
    }

    /**
     * Why {@code next}'s SSL block cannot be used, or null: no SSL_GET in {@code next}, no SSL block, the block as
     * it runs, or its files load. The message names the configuration line giving the file when it can be found in
     * {@code configFile}, in {@code -t}'s form {@code (FILE: Line N) ...}.
     */
    public static String problem(KeepalivedConfig running, KeepalivedConfig next, String configFile) {
        SslSettings now = running == null || running.check() == null ? null : running.check().ssl();
        SslSettings wanted = next.check() == null ? null : next.check().ssl();
        if (wanted == null || Objects.equals(now, wanted) || next.check() == null || !SslClient.sslRequired(next.check())) {
            return null;
        }
        try {
            SslClient.context(wanted);
            return null;
        } catch (SslClient.SetupException e) {
            return where(configFile, wanted, e.getMessage()) + "SSL: " + e.keepalivedLine() + " " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            return where(configFile, wanted, "") + "SSL: cannot create new SSL context: " + e.getMessage();
        }
    }

    /** "(FILE: Line N) " of the SSL line naming the failing file in the main configuration file, or "". */
    static String where(String configFile, SslSettings s, String message) {
        String keyword;
        String value;
        if (message.startsWith("key file") && s.key() != null) {
            keyword = "key";
            value = s.key();
        } else if (message.startsWith("CA file") && s.ca() != null) {
            keyword = "ca";
            value = s.ca();
        } else if (s.certificate() != null) {
            keyword = "certificate";
            value = s.certificate();
        } else {
            return "";
        }
        if (configFile == null) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(configFile));
            for (int i = 0; i < lines.size(); i++) {
                List<String> words = List.of(lines.get(i).trim().split("\\s+"));
                if (words.size() >= 2 && words.get(0).equals(keyword) && words.get(1).equals(value)) {
                    return "(" + configFile + ": Line " + (i + 1) + ") ";
                }
            }
        } catch (IOException | RuntimeException e) {
            // an included file, or unreadable now: the message names the file anyway
        }
        return "";
    }
}
