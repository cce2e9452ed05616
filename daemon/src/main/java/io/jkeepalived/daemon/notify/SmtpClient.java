package io.jkeepalived.daemon.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * A minimal SMTP client for alert mail, keepalived's smtp.c dialogue on a blocking socket (run on the notifier's
 * mail thread, never the VRRP one): greeting 220, {@code HELO} 250, {@code MAIL FROM:<from>} 250, one
 * {@code RCPT TO:<to>} 250 per address, {@code DATA} 354, the message 250, {@code QUIT} 221. An unexpected code is
 * logged and the session ends with QUIT, as keepalived does; every wait (connect and each reply) is bounded by
 * {@code smtp_connect_timeout}. The log lines are keepalived's, the server written {@code [address]:port}.
 */
public final class SmtpClient {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");
    /** keepalived's receive buffer: a reply longer than this ends the session. */
    private static final int MAX_REPLY = 1024;
    private static final String CLOSED = "closed";

    /**
     * Where and how to send.
     *
     * @param server         host name or address literal
     * @param heloName       the HELO argument ({@code smtp_helo_name}, else the host name, else "localhost")
     * @param from           {@code notification_email_from}
     * @param to             {@code notification_email}
     * @param timeoutSeconds {@code smtp_connect_timeout}: for the connection and for every reply
     */
    public record Settings(String server, int port, String heloName, String from, List<String> to,
                           long timeoutSeconds) {
        public Settings {
            to = List.copyOf(to);
        }
    }

    private final Settings settings;
    private final Supplier<ZonedDateTime> clock;

    public SmtpClient(Settings settings, Supplier<ZonedDateTime> clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The SMTP steps, with the reply each expects and the name keepalived logs for a wrong one. */
    private enum Stage {
        GREETING(220, "(E)SMTP"), HELO(250, "HELO"), MAIL(250, "MAIL"), RCPT(250, "RCPT"), DATA(354, "DATA"),
        BODY(250, "BODY"), QUIT(221, "QUIT");

        final int expected;
        final String name;

        Stage(int expected, String name) {
            this.expected = expected;
            this.name = name;
        }
    }

    /** keepalived's inet_sockaddrtopair(): {@code [198.51.100.9]:25}, {@code [2001:db8::25]:25} (inet_ntop's form). */
    static String hostText(InetAddress address, int port) {
        return "[" + io.jkeepalived.conf.net.InetText.ntop(address.getAddress()) + "]:" + port;
    }

    /** Sends one mail; never throws: every failure is logged as keepalived logs it. */
    public void send(SmtpMessage message) {
        InetAddress address;
        try {
            address = InetAddress.getByName(settings.server());
        } catch (IOException e) {
            LOG.info("SMTP connection ERROR to {}.", settings.server() + ":" + settings.port());
            return;
        }
        String host = hostText(address, settings.port());
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, settings.timeoutSeconds()) * 1000);
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(address, settings.port()), timeoutMillis);
            } catch (SocketTimeoutException e) {
                LOG.info("Timeout opening connection to remote SMTP server {}.", host);
                return;
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("Network is unreachable")) {
                    // keepalived's non-blocking connect fails at once then, and it drops the mail without a word
                    LOG.debug("SMTP connection to {}: {}", host, e.getMessage());
                } else {
                    LOG.info("SMTP connection ERROR to {}.", host);
                }
                return;
            }
            LOG.debug("Remote SMTP server {} connected.", host);
            socket.setSoTimeout(timeoutMillis);
            dialogue(socket.getInputStream(), socket.getOutputStream(), host, message);
        } catch (IOException e) {
            LOG.info("SMTP connection ERROR to {}.", host);
        }
    }

    void dialogue(InputStream in, OutputStream out, String host, SmtpMessage message) {
        Replies replies = new Replies(in);
        Stage stage = Stage.GREETING;
        int rcpt = 0;
        // bounded: each stage moves forward or jumps to QUIT, after which the session ends
        while (true) {
            int code;
            try {
                code = replies.next();
            } catch (SocketTimeoutException e) {
                LOG.info("Timeout reading data to remote SMTP server {}.", host);
                if (stage == Stage.QUIT || !send(out, host, "QUIT\r\n")) {
                    return;
                }
                stage = Stage.QUIT;
                continue;
            } catch (IOException e) {
                if (CLOSED.equals(e.getMessage())) {
                    LOG.info("Remote SMTP server {} has closed the connection.", host);
                    return;
                }
                LOG.info("Error reading data from remote SMTP server {}.", host);
                if (stage == Stage.QUIT || !send(out, host, "QUIT\r\n")) {
                    return;
                }
                stage = Stage.QUIT;
                continue;
            }
            if (code < 0) {
                LOG.info("Received buffer from remote SMTP server {} overflow our get read buffer length.", host);
                if (stage == Stage.QUIT || !send(out, host, "QUIT\r\n")) {
                    return;
                }
                stage = Stage.QUIT;
                continue;
            }
            if (stage == Stage.QUIT) {
                if (code != Stage.QUIT.expected) {
                    LOG.info("Error processing QUIT cmd on SMTP server {}. SMTP status code = {}", host, code);
                }
                return;
            }
            if (code != stage.expected) {
                LOG.info("Error processing {} cmd on SMTP server {}. SMTP status code = {}", stage.name, host, code);
                stage = Stage.QUIT;
            } else if (stage == Stage.RCPT && rcpt < settings.to().size()) {
                // one RCPT per address: the stage moves on once the last one is accepted
                stage = Stage.RCPT;
            } else {
                if (stage == Stage.BODY) {
                    LOG.debug("SMTP alert successfully sent.");
                }
                stage = Stage.values()[stage.ordinal() + 1];
            }
            String command = switch (stage) {
                case HELO -> "HELO " + settings.heloName() + "\r\n";
                case MAIL -> "MAIL FROM:<" + settings.from() + ">\r\n";
                case RCPT -> "RCPT TO:<" + settings.to().get(rcpt++) + ">\r\n";
                case DATA -> "DATA\r\n";
                case BODY -> message.data(clock.get(), settings.from(), settings.to());
                case QUIT -> "QUIT\r\n";
                case GREETING -> throw new IllegalStateException("no way back to the greeting");
            };
            if (!send(out, host, command)) {
                return;
            }
        }
    }

    private static boolean send(OutputStream out, String host, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            LOG.info("Cannot send data to remote SMTP server {}.", host);
            return false;
        }
    }

    /** Reads replies: continuation lines ({@code 250-...}) are skipped, the last line's code is the reply's. */
    static final class Replies {
        private final InputStream in;

        Replies(InputStream in) {
            this.in = in;
        }

        /**
         * @return the reply code, or -1 when the reply is longer than keepalived's buffer
         * @throws IOException "closed" when the server closed the connection, a timeout, or a read error
         */
        int next() throws IOException {
            int total = 0;
            while (true) {
                StringBuilder line = new StringBuilder();
                while (true) {
                    int c = in.read();
                    if (c < 0) {
                        throw new IOException(CLOSED);
                    }
                    if (++total >= MAX_REPLY) {
                        return -1;
                    }
                    if (c == '\n' && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                        line.setLength(line.length() - 1);
                        break;
                    }
                    line.append((char) c);
                }
                if (line.length() >= 4 && line.charAt(3) == '-') {
                    continue;
                }
                if (line.length() < 3) {
                    return 0; // keepalived reads garbage digits as some code: it cannot match an expected one
                }
                int code = 0;
                for (int i = 0; i < 3; i++) {
                    code = code * 10 + (line.charAt(i) - '0');
                }
                return code;
            }
        }
    }
}
