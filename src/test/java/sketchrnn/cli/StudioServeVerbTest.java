package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;

/** {@code sketchrnn serve} and {@code sketchrnn bench serve} as a user runs them. */
class StudioServeVerbTest {
    @TempDir
    Path dir;

    private Path tinyCheckpoint(String name) {
        Path p = dir.resolve(name);
        try (SketchRnn net = SketchRnn.create(HParams.tiny().withMaxSeqLen(60), 3)) {
            ModelState.capture(net, null, 0, Double.POSITIVE_INFINITY, 20.0, List.of("tiny.npz"), 3, Map.of()).write(p);
        }
        return p;
    }

    @Test
    void withoutModelsAndWithoutAPackagedDefaultItExits2() {
        org.junit.jupiter.api.Assumptions.assumeTrue(sketchrnn.web.DefaultModels.names().isEmpty(),
                "a default model is packaged: serve without --models serves it (not a case to test here)");
        CliRun r = CliRun.of("serve", "--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no models to serve").contains("--models");
    }

    @Test
    void badArgumentsExit2WithOneLine() {
        CliRun missing = CliRun.of("serve", "--port", "0", "--models", dir.resolve("nope.ckpt").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such model file or folder");
        CliRun limit = CliRun.of("serve", "--port", "0", "--time-limit", "0", "--models", tinyCheckpoint("a.ckpt").toString());
        assertThat(limit.code()).isEqualTo(2);
        assertThat(limit.err()).contains("--time-limit");
        CliRun port = CliRun.of("serve", "--port", "70000", "--models", tinyCheckpoint("b.ckpt").toString());
        assertThat(port.code()).isEqualTo(2);
        assertThat(port.err()).contains("port 70000");
    }

    @Test
    void helpShowsExamples() {
        CliRun r = CliRun.of("serve", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("sketchrnn serve --models runs/sheep").contains("--host").contains("--port");
        assertThat(CliRun.of("--help").out()).contains("serve");
        assertThat(CliRun.of("bench", "--help").out()).contains("serve");
    }

    @Test
    void serveAnswersOnLoopbackUntilStopped() throws Exception {
        Path model = tinyCheckpoint("doodle.ckpt");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        ServeVerb verb = (ServeVerb) cl.getSubcommands().get("serve").getCommand();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> code = runner.submit(() -> cl.execute("serve", "--port", "0", "--models", model.toString()));
            URI uri = null;
            Pattern p = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
            for (int i = 0; i < 300 && uri == null; i++) {
                Matcher m = p.matcher(out.toString());
                if (m.find()) {
                    uri = URI.create(m.group(1));
                } else {
                    assertThat(code.isDone()).as("serve ended early: " + err).isFalse();
                    Thread.sleep(100);
                }
            }
            assertThat(uri).as("serve printed its address: " + out).isNotNull();
            assertThat(out.toString()).containsPattern("serving (1 model \\(|2 models \\(default, )doodle.ckpt\\)");
            assertThat(err.toString()).doesNotContain("warning");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("/api/models"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
            var ids = new java.util.ArrayList<String>();
            o.getAsJsonArray("models").forEach(m -> ids.add(m.getAsJsonObject().get("id").getAsString()));
            // the embedded model first (when this build packages one), then --models, named by its file name
            assertThat(ids).endsWith("doodle.ckpt");
            assertThat(ids.size() == 1 || ids.get(0).equals("default")).as(ids.toString()).isTrue();
            verb.stop();
            assertThat(code.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(out.toString()).contains("stopped");
        } finally {
            verb.stop();
            runner.shutdownNow();
        }
    }

    @Test
    void benchServeReportsLatencyAndNoErrorsAsOneJsonLine() {
        Path model = tinyCheckpoint("bench.ckpt");
        CliRun r = CliRun.of("bench", "serve", "--requests", "12", "--clients", "4", "--count", "3", "--warmup", "1",
                "--models", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        assertThat(o.get("bench").getAsString()).isEqualTo("serve");
        assertThat(o.get("requests").getAsInt()).isEqualTo(12);
        assertThat(o.get("clients").getAsInt()).isEqualTo(4);
        assertThat(o.get("errors").getAsInt()).isZero();
        double p50 = o.get("p50_ms").getAsDouble();
        double p95 = o.get("p95_ms").getAsDouble();
        assertThat(p50).isPositive();
        assertThat(p95).isGreaterThanOrEqualTo(p50);
        assertThat(o.get("max_ms").getAsDouble()).isGreaterThanOrEqualTo(p95);
    }
}
