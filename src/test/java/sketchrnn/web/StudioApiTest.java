package sketchrnn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/** Each API call with good and with bad input, over HTTP, as the page and curl use them. */
class StudioApiTest {
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

    private static void assertStroke3(JsonElement sketch) {
        assertThat(sketch.isJsonArray()).isTrue();
        for (JsonElement p : sketch.getAsJsonArray()) {
            JsonArray a = p.getAsJsonArray();
            assertThat(a.size()).isEqualTo(3);
            assertThat(Double.isFinite(a.get(0).getAsDouble()) && Double.isFinite(a.get(1).getAsDouble())).isTrue();
            assertThat(a.get(2).getAsInt()).isIn(0, 1);
        }
    }

    private static void assertBadRequest(StudioTestKit.Answer a, String messagePart) {
        assertThat(a.status()).as(a.text()).isEqualTo(400);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        assertThat(a.json().keySet()).containsExactly("error");
        assertThat(a.error()).contains(messagePart).doesNotContain("Exception").doesNotContain("\tat ");
    }

    // ---- GET /api/models ----

    @Test
    void modelsListsEachModelWithItsKindAndHyperparameters() {
        StudioTestKit.Answer a = client.get("/api/models");
        assertThat(a.status()).isEqualTo(200);
        JsonObject o = a.json();
        JsonArray list = o.getAsJsonArray("models");
        assertThat(list).hasSize(2);
        JsonObject vae = list.get(0).getAsJsonObject();
        assertThat(vae.get("id").getAsString()).isEqualTo("vae");
        assertThat(vae.get("conditional").getAsBoolean()).isTrue();
        assertThat(vae.getAsJsonObject("hparams").get("dec_rnn_size").getAsInt()).isEqualTo(16);
        assertThat(vae.getAsJsonObject("hparams").get("max_seq_len").getAsInt()).isEqualTo(60);
        JsonObject gen = list.get(1).getAsJsonObject();
        assertThat(gen.get("id").getAsString()).isEqualTo("gen");
        assertThat(gen.get("conditional").getAsBoolean()).isFalse();
        assertThat(o.getAsJsonObject("limits").get("max_count").getAsInt()).isEqualTo(StudioLimits.DEFAULTS.maxCount());
        assertThat(o.getAsJsonObject("canvas").get("size_px").getAsInt()).isEqualTo(PixelUnits.CANVAS_PX);
        // each model's canvas scale: its measured sketch size over 80% of the canvas
        double size = vae.get("typical_size").getAsDouble();
        assertThat(size).isPositive();
        assertThat(vae.get("data_units_per_px").getAsDouble()).isCloseTo(size / (0.8 * 512), org.assertj.core.data.Offset.offset(1e-9));
    }

    // ---- POST /api/sample ----

    @Test
    void sampleDrawsTheCountAskedForAndRepeatsWithTheSameSeed() {
        String req = "{\"model\": \"vae\", \"count\": 3, \"temperature\": 0.5, \"seed\": 42}";
        StudioTestKit.Answer a = client.post("/api/sample", req);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        JsonObject o = a.json();
        assertThat(o.getAsJsonArray("sketches")).hasSize(3);
        o.getAsJsonArray("sketches").forEach(StudioApiTest::assertStroke3);
        assertThat(o.get("seed").getAsLong()).isEqualTo(42);
        assertThat(o.get("units").getAsString()).isEqualTo("px");
        assertThat(client.post("/api/sample", req).json().get("sketches")).isEqualTo(o.get("sketches"));
        JsonElement other = client.post("/api/sample", req.replace("42", "43")).json().get("sketches");
        assertThat(other).isNotEqualTo(o.get("sketches"));
    }

    @Test
    void sampleInDataUnitsIsThePixelAnswerTimesTheCanvasScale() {
        String req = "{\"model\": \"gen\", \"count\": 1, \"seed\": 5";
        JsonArray px = client.post("/api/sample", req + "}").json().getAsJsonArray("sketches").get(0).getAsJsonArray();
        JsonArray data = client.post("/api/sample", req + ", \"units\": \"data\"}").json().getAsJsonArray("sketches")
                .get(0).getAsJsonArray();
        double k = models.units("gen").dataUnitsPerPixel();
        assertThat(px.size()).isEqualTo(data.size()).isPositive();
        for (int i = 0; i < px.size(); i++) {
            double d = data.get(i).getAsJsonArray().get(0).getAsDouble();
            double p = px.get(i).getAsJsonArray().get(0).getAsDouble();
            assertThat(p * k).isCloseTo(d, org.assertj.core.data.Offset.offset(0.01 * k + 0.01));
        }
    }

    @Test
    void sampleRefusesBadInputNamingTheField() {
        assertBadRequest(client.post("/api/sample", "{\"model\": \"cat\"}"), "unknown model 'cat'; available: vae, gen");
        assertBadRequest(client.post("/api/sample", "{\"count\": 2}"), "missing field 'model'");
        assertBadRequest(client.post("/api/sample", "{\"model\": \"vae\", \"count\": 0}"), "'count' is 0; allowed: 1..16");
        assertBadRequest(client.post("/api/sample", "{\"model\": \"vae\", \"count\": 17}"), "'count' is 17; allowed: 1..16");
        assertBadRequest(client.post("/api/sample", "{\"model\": \"vae\", \"count\": 2.5}"), "'count' must be a whole number, got 2.5");
        StudioTestKit.Answer malformed = client.post("/api/sample", "{\"model\": \"vae\" \"count\": 2}");
        assertThat(malformed.error()).isEqualTo("the request body is not valid JSON: line 1, column 18: expected ',' or '}'"
                + " in an object; expected a JSON object {...}");
        StudioTestKit.Answer unquoted = client.post("/api/sample", "{model: \"vae\"}");
        assertThat(unquoted.error()).contains("line 1, column 3").doesNotContain("Exception").doesNotContain("JsonReader");
        assertBadRequest(client.post("/api/sample", "{\"model\": \"vae\", \"temperature\": 0}"), "'temperature' is 0");
        assertBadRequest(client.post("/api/sample", "{\"model\": \"vae\", \"temperature\": 2.5}"), "at most 2");
        assertBadRequest(client.post("/api/sample", "{\"model\": \"vae\", \"temperature\": \"hot\"}"), "must be a number");
        assertBadRequest(client.post("/api/sample", "{\"model\": \"vae\", \"seed\": 1.5}"), "'seed' must be a whole number");
        assertBadRequest(client.post("/api/sample", "{\"model\": \"vae\", \"units\": \"cm\"}"), "expected one of px, data");
        assertBadRequest(client.post("/api/sample", "{\"model\": \"vae\", \"temprature\": 0.3}"), "unknown field 'temprature'");
        assertBadRequest(client.post("/api/sample", "{\"model\": 3}"), "'model' must be a string");
    }

    // ---- POST /api/complete ----

    @Test
    void completeAnswersEndingsThatStartAfterTheSimplifiedPrefix() {
        String req = "{\"model\": \"gen\", \"sketch\": " + StudioTestKit.squareJson() + ", \"count\": 5, \"seed\": 7}";
        StudioTestKit.Answer a = client.post("/api/complete", req);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        JsonObject o = a.json();
        assertThat(o.getAsJsonArray("sketches")).hasSize(5);
        o.getAsJsonArray("sketches").forEach(StudioApiTest::assertStroke3);
        // the prefix the model saw: the same drawing from the origin, its 7 corner points kept by the simplification
        JsonArray prefix = o.getAsJsonArray("prefix");
        assertThat(prefix).hasSize(7);
        assertThat(prefix.get(0).toString()).isEqualTo("[0,0,0]");
        assertThat(prefix.get(1).toString()).isEqualTo("[100,0,0]");
        assertThat(prefix.get(4).getAsJsonArray().get(2).getAsInt()).isEqualTo(1);
        assertThat(client.post("/api/complete", req).json().get("sketches")).isEqualTo(o.get("sketches"));
    }

    @Test
    void completeWorksWithConditionalModelsToo() {
        StudioTestKit.Answer a = client.post("/api/complete", "{\"model\": \"vae\", \"sketch\": "
                + StudioTestKit.squareJson() + ", \"count\": 2, \"temperature\": 1.0}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().getAsJsonArray("sketches")).hasSize(2);
    }

    @Test
    void completeSimplifiesADenseHandDrawnLine() {
        StringBuilder line = new StringBuilder("[[100,100,0]");
        for (int i = 1; i < 300; i++) {
            line.append(",[1,").append(i % 2 == 0 ? "0.2" : "-0.2").append(",").append(i == 299 ? 1 : 0).append("]");
        }
        line.append("]");
        StudioTestKit.Answer a = client.post("/api/complete", "{\"model\": \"gen\", \"count\": 1, \"sketch\": " + line + "}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        // 300 pointer samples along a straight line: the model sees its two ends
        assertThat(a.json().getAsJsonArray("prefix")).hasSize(2);
    }

    @Test
    void completeRefusesBadSketches() {
        String head = "{\"model\": \"gen\", \"sketch\": ";
        assertBadRequest(client.post("/api/complete", "{\"model\": \"gen\"}"), "missing field 'sketch'");
        assertBadRequest(client.post("/api/complete", head + "[]}"), "empty sketch");
        assertBadRequest(client.post("/api/complete", head + "\"circle\"}"), "must be a sketch");
        assertBadRequest(client.post("/api/complete", head + "[[1,2,0],[3,4]]}"), "point 1: expected [dx, dy, p]");
        assertBadRequest(client.post("/api/complete", head + "[[1,2,0],[3,4,2]]}"), "p is 2; expected 0 or 1");
        assertBadRequest(client.post("/api/complete", head + "[[1,2,0],[3,\"x\",1]]}"), "dy must be a number");
        assertBadRequest(client.post("/api/complete", head + "[[1,2,0],[1e9,4,1]]}"), "offsets must be within");
        assertBadRequest(client.post("/api/complete", head + "[[[1,2,0],[3,4,1]]]}"), "must be one sketch");
        // one point is not a drawing the model can continue
        assertBadRequest(client.post("/api/complete", head + "[[100,100,1]]}"), "a sketch needs at least 2 points");
        // 61 corners: more than the model's max_seq_len of 60
        StringBuilder zigzag = new StringBuilder("[[0,0,0]");
        for (int i = 1; i <= 60; i++) {
            zigzag.append(",[20,").append(i % 2 == 0 ? 20 : -20).append(",0]");
        }
        assertBadRequest(client.post("/api/complete", head + zigzag + "]}"), "after simplification; the model reads at most 59");
    }

    // ---- POST /api/reconstruct ----

    @Test
    void reconstructRedrawsTheDrawingWithAConditionalModel() {
        StudioTestKit.Answer a = client.post("/api/reconstruct", "{\"model\": \"vae\", \"sketch\": "
                + StudioTestKit.squareJson() + ", \"count\": 3, \"seed\": 1}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().getAsJsonArray("sketches")).hasSize(3);
        assertThat(a.json().getAsJsonArray("input")).hasSize(7);
    }

    @Test
    void reconstructRefusesADecoderOnlyModelAndBadCounts() {
        String sketch = StudioTestKit.squareJson();
        assertBadRequest(client.post("/api/reconstruct", "{\"model\": \"gen\", \"sketch\": " + sketch + "}"),
                "decoder-only");
        assertBadRequest(client.post("/api/reconstruct", "{\"model\": \"vae\", \"sketch\": " + sketch + ", \"count\": 99}"),
                "'count' is 99");
        assertBadRequest(client.post("/api/reconstruct", "{\"model\": \"vae\"}"), "missing field 'sketch'");
    }

    // ---- POST /api/interpolate ----

    @Test
    void interpolateGivesOneSketchPerStep() {
        String req = "{\"model\": \"vae\", \"from\": " + StudioTestKit.squareJson()
                + ", \"to\": [[200,200,0],[50,50,0],[50,-50,1]], \"steps\": 5, \"seed\": 3, \"greedy\": true}";
        StudioTestKit.Answer a = client.post("/api/interpolate", req);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        JsonArray s = a.json().getAsJsonArray("sketches");
        assertThat(s).hasSize(5);
        s.forEach(StudioApiTest::assertStroke3);
        assertThat(a.json().get("spherical").getAsBoolean()).isTrue();
        // greedy decoding of the same codes: the same morph every time
        assertThat(client.post("/api/interpolate", req.replace("\"seed\": 3", "\"seed\": 4")).json().get("sketches")).isEqualTo(s);
    }

    @Test
    void interpolateRefusesBadInput() {
        String ends = "\"from\": " + StudioTestKit.squareJson() + ", \"to\": " + StudioTestKit.squareJson();
        assertBadRequest(client.post("/api/interpolate", "{\"model\": \"vae\", " + ends + ", \"steps\": 1}"), "'steps' is 1; allowed: 2..16");
        assertBadRequest(client.post("/api/interpolate", "{\"model\": \"vae\", " + ends + ", \"steps\": 17}"), "'steps' is 17");
        assertBadRequest(client.post("/api/interpolate", "{\"model\": \"gen\", " + ends + "}"), "decoder-only");
        assertBadRequest(client.post("/api/interpolate", "{\"model\": \"vae\", \"from\": " + StudioTestKit.squareJson() + "}"),
                "missing field 'to'");
        assertBadRequest(client.post("/api/interpolate", "{\"model\": \"vae\", " + ends + ", \"spherical\": \"yes\"}"),
                "'spherical' must be true or false");
    }

    // ---- POST /api/render ----

    @Test
    void renderGivesAValidSvgWithOnePanelPerSketchAndTheEndingHighlighted() throws Exception {
        StudioTestKit.Answer a = client.post("/api/render", "{\"format\": \"svg\", \"name\": \"my-drawing\", \"panels\": ["
                + "{\"sketch\": " + StudioTestKit.squareJson() + ", \"ending\": [[10,10,0],[20,0,1]]},"
                + "{\"sketch\": [[0,0,0],[10,10,1]], \"caption\": \"a <line> & more\"}]}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(a.header("Content-Disposition")).isEqualTo("attachment; filename=\"my-drawing.svg\"");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(a.raw().body()));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("g").getLength()).isGreaterThanOrEqualTo(3); // 2 panels + the group
        assertThat(a.text()).contains("stroke=\"#d62728\""); // the ending in the highlight colour
        assertThat(doc.getElementsByTagName("text").item(0).getTextContent()).isEqualTo("a <line> & more");
    }

    @Test
    void renderGivesAPng() throws Exception {
        StudioTestKit.Answer a = client.post("/api/render", "{\"format\": \"png\", \"cell_size\": 64, \"panels\": ["
                + "{\"sketch\": " + StudioTestKit.squareJson() + "}, {\"sketch\": [[0,0,0],[10,10,1]]}], \"columns\": 2}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.header("Content-Type")).isEqualTo("image/png");
        var image = ImageIO.read(new ByteArrayInputStream(a.raw().body()));
        assertThat(image.getWidth()).isEqualTo(128);
        assertThat(image.getHeight()).isEqualTo(64);
    }

    @Test
    void renderRefusesBadInput() {
        String panel = "{\"sketch\": " + StudioTestKit.squareJson() + "}";
        assertBadRequest(client.post("/api/render", "{\"format\": \"gif\", \"panels\": [" + panel + "]}"), "expected one of svg, png");
        assertBadRequest(client.post("/api/render", "{\"panels\": []}"), "'panels' has 0 panels");
        assertBadRequest(client.post("/api/render", "{\"panels\": [" + panel + "], \"name\": \"../x\"}"), "'name' must be");
        assertBadRequest(client.post("/api/render", "{\"panels\": [" + panel + "], \"cell_size\": 100000}"), "'cell_size'");
        assertBadRequest(client.post("/api/render", "{\"panels\": [{\"sketch\": [[0,0,0]], \"colour\": 1}]}"), "unknown field 'colour'");
        assertBadRequest(client.post("/api/render", "{\"panels\": [1]}"), "must be an object");
    }

    // ---- bodies that are not the JSON object a request is ----

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "[1, 2]", "\"text\"", "{\"model\": \"vae\",}", "{\"model\": \"vae\"} extra",
        "{\"model\": \"vae\", \"count\": NaN}", "{'model': 'vae'}"})
    void malformedBodiesAre400(String body) {
        StudioTestKit.Answer a = client.post("/api/sample", body);
        assertThat(a.status()).as(body + " -> " + a.text()).isEqualTo(400);
        assertThat(a.json().keySet()).containsExactly("error");
    }

    @Test
    void deeplyNestedJsonIs400NotACrash() {
        String deep = "{\"model\": " + "[".repeat(50_000) + "]".repeat(50_000) + "}";
        StudioTestKit.Answer a = client.post("/api/sample", deep);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).contains("not valid JSON");
    }

    @Test
    void bytesThatAreNotUtf8Are400() {
        byte[] body = {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        StudioTestKit.Answer a = client.send(java.net.http.HttpRequest.newBuilder(server.uri().resolve("/api/sample"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).contains("not UTF-8");
    }
}
