package sketchrnn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;
import sketchrnn.sample.SketchModel;

/** The server around the API: static files, limits, methods, paths, time limit, robustness, concurrency. */
class StudioServerTest {
    @TempDir
    static Path dir;
    static StudioModels models;
    static StudioServer server;
    static StudioTestKit.Client client;
    static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        models = StudioTestKit.tinyModels(dir);
        server = StudioTestKit.start(models, StudioLimits.DEFAULTS, StudioTestKit.quietLog(LOG));
        client = new StudioTestKit.Client(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (models != null) {
            models.close();
        }
        assertThat(LOG.toString(StandardCharsets.UTF_8)).as("no internal errors were logged").isEmpty();
    }

    private static String completeRequest(long seed) {
        return "{\"model\": \"gen\", \"sketch\": " + StudioTestKit.squareJson() + ", \"count\": 3, \"seed\": " + seed + "}";
    }

    private static void assertStillAnswering() {
        StudioTestKit.Answer a = client.post("/api/complete", completeRequest(1));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().getAsJsonArray("sketches")).hasSize(3);
    }

    // ---- the page ----

    @Test
    void thePageIsServedWithEverythingItLoadsFromThisServer() {
        StudioTestKit.Answer page = client.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").contains("script-src 'self'");
        String html = page.text();
        assertThat(html).contains("<canvas id=\"pad\"");
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        List<String> refs = new ArrayList<>();
        while (m.find()) {
            refs.add(m.group(1));
        }
        assertThat(refs).contains("/studio.js", "/studio.css", "/favicon.svg");
        for (String ref : refs) {
            assertThat(ref).as("only this server's files or in-page anchors").matches("(/[a-z.]+|#)");
            if (!ref.equals("#")) {
                assertThat(client.get(ref).status()).as(ref).isEqualTo(200);
            }
        }
        assertThat(client.get("/studio.js").header("Content-Type")).startsWith("text/javascript");
        assertThat(client.get("/studio.css").header("Content-Type")).startsWith("text/css");
        assertThat(client.get("/studio.js").text()).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void headGivesTheHeadersWithoutTheBody() {
        StudioTestKit.Answer a = client.method("HEAD", "/", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.raw().body()).isEmpty();
    }

    // ---- paths and methods ----

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/api/nope", "/api", "/web/index.html", "/studio.js.map", "/INDEX.HTML", "/api/models/x"})
    void unknownPathsAre404(String path) {
        StudioTestKit.Answer a = client.get(path);
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().keySet()).containsExactly("error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../pom.xml", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2fpom.xml",
        "/studio.js/../../pom.xml", "//etc/passwd", "/web/../web/index.html", "/index.html%00", "/./studio.js",
        "/%5c..%5cpom.xml", "/simplelogger.properties", "/sketchrnn/web/StudioServer.class"})
    void pathTraversalAttemptsAre404(String path) throws Exception {
        String answer = StudioTestKit.rawGet(server, path);
        assertThat(answer).startsWith("HTTP/1.1 404");
        assertThat(answer).doesNotContain("<project").doesNotContain("root:").doesNotContain("simpleLogger")
                .doesNotContain("<canvas");
        assertThat(answer).contains("{\"error\":\"no such page");
    }

    @Test
    void wrongMethodsAre405WithTheAllowedOne() {
        StudioTestKit.Answer a = client.get("/api/sample");
        assertThat(a.status()).isEqualTo(405);
        assertThat(a.header("Allow")).isEqualTo("POST");
        assertThat(a.error()).isEqualTo("GET is not allowed here; use POST");
        assertThat(client.method("PUT", "/api/complete", "{}").status()).isEqualTo(405);
        StudioTestKit.Answer b = client.post("/api/models", "{}");
        assertThat(b.status()).isEqualTo(405);
        assertThat(b.header("Allow")).isEqualTo("GET");
        assertThat(client.post("/", "{}").status()).isEqualTo(405);
        assertThat(client.method("DELETE", "/studio.js", null).status()).isEqualTo(405);
    }

    // ---- limits ----

    @Test
    void aBodyOverTheLimitIs400() {
        int max = StudioLimits.DEFAULTS.maxBodyBytes();
        String big = "{\"model\": \"gen\", \"pad\": \"" + "x".repeat(max) + "\"}";
        StudioTestKit.Answer a = client.post("/api/sample", big);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).contains("over the limit of " + max + " bytes");
        // the same without a Content-Length (chunked): cut while reading
        StudioTestKit.Answer b = client.send(HttpRequest.newBuilder(server.uri().resolve("/api/sample"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertThat(b.status()).isEqualTo(400);
        assertThat(b.error()).contains("over the limit of " + max + " bytes");
        assertStillAnswering();
    }

    @Test
    void aSketchWithTooManyPointsIs400() {
        int max = StudioLimits.DEFAULTS.maxPoints();
        String sketch = "[" + "[1,1,0],".repeat(max) + "[1,1,1]]";
        StudioTestKit.Answer a = client.post("/api/complete", "{\"model\": \"gen\", \"sketch\": " + sketch + "}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).isEqualTo("'sketch' has " + (max + 1) + " points; at most " + max + " are allowed");
    }

    @Test
    void aComputationOverTheTimeLimitIs503AndTheServerGoesOn() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (StudioServer slow = StudioTestKit.start(models, StudioLimits.DEFAULTS.withTimeLimit(Duration.ofMillis(1)),
                StudioTestKit.quietLog(log))) {
            StudioTestKit.Client c = new StudioTestKit.Client(slow);
            StudioTestKit.Answer a = c.post("/api/sample", "{\"model\": \"vae\", \"count\": 16}");
            assertThat(a.status()).as(a.text()).isEqualTo(503);
            assertThat(a.error()).contains("longer than the time limit of 1 ms");
            // checking a request is not model work: a bad one still gets its 400, the page still loads
            assertThat(c.post("/api/sample", "{\"model\": \"vae\", \"count\": 99}").status()).isEqualTo(400);
            assertThat(c.get("/").status()).isEqualTo(200);
            assertThat(c.get("/api/models").status()).isEqualTo(200);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void moreComputationsThanTheQueueHoldsAre503BusyAtOnce() throws Exception {
        // a model that never ends its sketches: every sample runs its full 300 points
        HParams hp = HParams.tiny().withConditional(false).withMaxSeqLen(300);
        Path file = dir.resolve("endless.ckpt");
        try (SketchRnn net = SketchRnn.create(hp, 5)) {
            var b = net.parameters().get("output/b");
            float[] v = b.toFloatArray();
            v[2] = -60f;
            b.set(v);
            ModelState.capture(net, null, 0, Double.POSITIVE_INFINITY, 20.0, List.of("tiny.npz"), 5, Map.of()).write(file);
        }
        StudioModels endless = new StudioModels();
        endless.add("endless", SketchModel.load(file));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StudioLimits oneAtATime = StudioLimits.DEFAULTS.withComputeThreads(1).withMaxQueued(1)
                .withTimeLimit(Duration.ofMinutes(5));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (endless; StudioServer busy = StudioTestKit.start(endless, oneAtATime, StudioTestKit.quietLog(log))) {
            StudioTestKit.Client c = new StudioTestKit.Client(busy);
            List<Future<StudioTestKit.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> c.post("/api/sample", "{\"model\": \"endless\", \"count\": 4}")));
            }
            int ok = 0;
            int refused = 0;
            for (Future<StudioTestKit.Answer> f : answers) {
                StudioTestKit.Answer a = f.get();
                if (a.status() == 200) {
                    ok++;
                    assertThat(a.json().getAsJsonArray("sketches").get(0).getAsJsonArray()).hasSize(300);
                } else {
                    assertThat(a.status()).as(a.text()).isEqualTo(503);
                    assertThat(a.error()).contains("the server is busy");
                    refused++;
                }
            }
            assertThat(ok).as("one running and one waiting are served").isBetween(2, 7);
            assertThat(refused).isPositive();
            assertThat(c.post("/api/sample", "{\"model\": \"endless\", \"count\": 1}").status()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anotherHostNameIs403OnALoopbackServer() throws Exception {
        String answer = StudioTestKit.raw(server, ("GET /api/models HTTP/1.1\r\nHost: evil.example:8080\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer).startsWith("HTTP/1.1 403").contains("loopback host names");
        String ok = StudioTestKit.raw(server, ("GET /api/models HTTP/1.1\r\nHost: localhost:1234\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ok).startsWith("HTTP/1.1 200");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        StudioTestKit.Answer a = client.send(HttpRequest.newBuilder(server.uri().resolve("/api/sample"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("model=vae")));
        assertThat(a.status()).isEqualTo(415);
        assertThat(a.error()).contains("Content-Type: application/json");
    }

    // ---- robustness ----

    @Test
    void theServerKeepsAnsweringAfterMalformedRequests() throws Exception {
        List<byte[]> junk = List.of(
                "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                "GET\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, '\r', '\n', '\r', '\n'},
                ("POST /api/complete HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 500\r\n\r\n{\"model\": \"gen\", \"sketch\": [[1,").getBytes(StandardCharsets.ISO_8859_1),
                ("POST /api/complete HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n{}")
                        .getBytes(StandardCharsets.ISO_8859_1),
                ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: " + "a".repeat(100_000) + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] request : junk) {
            String answer = StudioTestKit.raw(server, request);
            // requests that are not HTTP never reach the studio: the JDK's server answers them (a plain 400) or
            // drops the connection; either way no stack trace, and the next request is served
            assertThat(answer).doesNotContain("\tat ").doesNotContain("at java.").doesNotContain("sketchrnn.");
            assertStillAnswering();
        }
        assertThat(client.post("/api/complete", "{\"model\": \"gen\", \"sketch\": [[1,").status()).isEqualTo(400);
        assertStillAnswering();
    }

    @Test
    void concurrentRequestsGetTheirOwnAnswersAndBadOnesHarmNoOne() throws Exception {
        int n = 12;
        List<JsonElement> alone = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            alone.add(client.post("/api/complete", completeRequest(100 + i)).json().get("sketches"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<StudioTestKit.Answer>> good = new ArrayList<>();
            List<Future<StudioTestKit.Answer>> bad = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                good.add(pool.submit(() -> client.post("/api/complete", completeRequest(100 + k))));
                bad.add(pool.submit(() -> switch (k % 4) {
                    case 0 -> client.post("/api/complete", "{\"model\": \"gen\", \"sketch\": [[1,");
                    case 1 -> client.post("/api/complete", "{\"model\": \"nope\", \"sketch\": [[1,2,1]]}");
                    case 2 -> client.post("/api/sample", "{\"model\": \"vae\", \"count\": 1000}");
                    default -> client.post("/api/reconstruct", "{\"model\": \"gen\", \"sketch\": " + StudioTestKit.squareJson() + "}");
                }));
            }
            for (int i = 0; i < n; i++) {
                StudioTestKit.Answer a = good.get(i).get();
                assertThat(a.status()).as(a.text()).isEqualTo(200);
                assertThat(a.json().get("sketches")).as("request %d answered as when alone", i).isEqualTo(alone.get(i));
                assertThat(bad.get(i).get().status()).isEqualTo(400);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
