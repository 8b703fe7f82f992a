package sketchrnn.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients must not take the studio offline (40 connections sending a header byte every 3 s stalled
 * real requests 15 s+; so did 200 slow bodies). Loopback only; every attack is bounded in connections and
 * time and stops by itself.
 */
class StudioSlowClientTest {
    static final long HEAD_TIMEOUT = 1500;
    static final long BODY_TIMEOUT = 1500;

    @TempDir
    static Path dir;
    static StudioModels models;
    static StudioServer server;
    static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        models = StudioTestKit.tinyModels(dir);
        server = StudioServer.start("127.0.0.1", 0, models, StudioLimits.DEFAULTS, StudioTestKit.quietLog(LOG),
                HEAD_TIMEOUT, BODY_TIMEOUT, StudioServer.MAX_CONNECTIONS);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (models != null) {
            models.close();
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), 2000);
        s.setSoTimeout(5000);
        return s;
    }

    /** A whole request over a fresh connection; the status line and the time taken. */
    private static String[] request(String raw) throws IOException {
        long t0 = System.nanoTime();
        try (Socket s = connect()) {
            s.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new String[] {answer, Long.toString((System.nanoTime() - t0) / 1_000_000)};
        }
    }

    @Test
    void realRequestsAreAnsweredDuringASlowClientAttack() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Socket> attack = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        byte[] head = "GET /api/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa\r\n".getBytes(StandardCharsets.US_ASCII);
        String bodyHead = "POST /api/sample HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{";
        try {
            // 40 slowloris connections (a header byte every 200 ms) and 200 slow bodies (a byte every 200 ms)
            for (int i = 0; i < 240; i++) {
                Socket s = connect();
                attack.add(s);
                boolean body = i >= 40;
                if (body) {
                    s.getOutputStream().write(bodyHead.getBytes(StandardCharsets.US_ASCII));
                }
            }
            Thread drip = new Thread(() -> {
                long end = System.currentTimeMillis() + 4000; // bounded: stops by itself
                for (int k = 0; !stop.get() && System.currentTimeMillis() < end; k++) {
                    for (int i = 0; i < attack.size(); i++) {
                        try {
                            OutputStream out = attack.get(i).getOutputStream();
                            out.write(i < 40 ? head[Math.min(k, head.length - 1)] : ' ');
                            out.flush();
                        } catch (IOException closedByServer) {
                            // expected once the deadline passed
                        }
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            drip.setDaemon(true);
            drip.start();
            threads.add(drip);
            Thread.sleep(300);
            // real requests, during the attack
            for (int i = 0; i < 5; i++) {
                String[] r = request("GET /api/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertThat(r[0]).startsWith("HTTP/1.1 200");
                assertThat(Long.parseLong(r[1])).as("ms for a real request during the attack").isLessThan(1000);
            }
            // the attackers are cut off after the deadlines, with 408
            Thread.sleep(Math.max(HEAD_TIMEOUT, BODY_TIMEOUT) + 700);
            int cut = 0;
            for (Socket s : attack) {
                s.setSoTimeout(2000);
                try {
                    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (answer.isEmpty() || answer.startsWith("HTTP/1.1 408")) {
                        cut++;
                    }
                } catch (IOException reset) {
                    cut++;
                }
            }
            assertThat(cut).isEqualTo(attack.size());
        } finally {
            stop.set(true);
            for (Socket s : attack) {
                s.close();
            }
            for (Thread t : threads) {
                t.join(5000);
            }
        }
    }

    /** A body declared over the limit gets its 400 answer while the client is still sending, not a TCP reset. */
    @Test
    void tooLargeBodyGetsItsAnswerUnderLoad() throws Exception {
        List<Thread> senders = new ArrayList<>();
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < 8; c++) {
            Thread t = new Thread(() -> {
                try (Socket s = connect()) {
                    int size = 8 << 20;
                    s.getOutputStream().write(("POST /api/sample HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    Thread writer = new Thread(() -> {
                        byte[] chunk = new byte[64 * 1024];
                        try {
                            OutputStream out = s.getOutputStream();
                            for (int sent = 0; sent < size; sent += chunk.length) {
                                out.write(chunk);
                            }
                        } catch (IOException stoppedByServer) {
                            // fine: the server answered and stopped reading
                        }
                    });
                    writer.setDaemon(true);
                    writer.start();
                    InputStream in = s.getInputStream();
                    answers.add(new String(in.readNBytes(400), StandardCharsets.UTF_8));
                    writer.join(5000);
                } catch (Exception e) {
                    answers.add("failed: " + e.getMessage());
                }
            });
            t.start();
            senders.add(t);
        }
        for (Thread t : senders) {
            t.join(20_000);
        }
        assertThat(answers).hasSize(8).allSatisfy(a -> assertThat(a).startsWith("HTTP/1.1 400")
                .contains("over the limit of " + StudioLimits.DEFAULTS.maxBodyBytes() + " bytes"));
    }

    /** Malformed request lines and lengths get a JSON 400 that names no Java exception. */
    @Test
    void malformedRequestsNameNoJavaClass() throws IOException {
        for (String raw : List.of("GET /a b c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "GET /bad|path HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "POST /api/sample HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 12x\r\n\r\n",
                "POST /api/sample HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999999\r\n\r\n")) {
            String answer = request(raw)[0];
            assertThat(answer).as(raw).matches("(?s)HTTP/1.1 4\\d\\d .*\\{\"error\":\".*\"}");
            assertThat(answer).as(raw).doesNotContainPattern("[A-Z]\\w*Exception|thrown");
        }
    }
}
