package io.jkeepalived.e2e.vrrp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A minimal SMTP listener for the notification tests, run in a lab namespace ({@code java -cp ... SmtpSink ADDRESS
 * PORT FILE}): it accepts every command, one session at a time, and appends each session's received lines to FILE,
 * followed by a line {@code ---}. It prints {@code listening} once bound, and exits when its namespace's processes
 * are killed.
 */
public final class SmtpSink {
    private SmtpSink() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[2]);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])));
            System.out.println("listening");
            System.out.flush();
            while (true) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(20_000);
                    StringBuilder session = new StringBuilder();
                    serve(s, session);
                    session.append("---\n");
                    Files.writeString(out, session, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    System.out.println("session failed: " + e);
                }
            }
        }
    }

    private static void serve(Socket s, StringBuilder session) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream o = s.getOutputStream();
        reply(o, "220 sink ESMTP");
        boolean data = false;
        for (int n = 0; n < 1000; n++) {
            String line = in.readLine();
            if (line == null) {
                return;
            }
            session.append(line).append('\n');
            if (data) {
                if (line.equals(".")) {
                    data = false;
                    reply(o, "250 queued");
                }
                continue;
            }
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
            switch (verb) {
                case "DATA" -> {
                    data = true;
                    reply(o, "354 go ahead");
                }
                case "QUIT" -> {
                    reply(o, "221 bye");
                    return;
                }
                case "HELO", "EHLO" -> reply(o, "250-sink\r\n250 ok");
                default -> reply(o, "250 ok");
            }
        }
    }

    private static void reply(OutputStream o, String text) throws IOException {
        o.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        o.flush();
    }
}
