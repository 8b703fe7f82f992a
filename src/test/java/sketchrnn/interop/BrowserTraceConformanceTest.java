package sketchrnn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sketchrnn.Shared;

/**
 * The runtime semantics are understood: a plain-Java LSTM step and mixture computation over the weights this
 * package reads reproduces, value for value, what {@code @magenta/sketch} 0.2.0 computed for the same model and
 * input (the reference traces), and each plausible misreading of the semantics does not.
 */
class BrowserTraceConformanceTest {
    /** Largest allowed difference, relative to max(1, |value|): float32 round-off, far below any semantic error. */
    static final double TOLERANCE = 1e-5;
    private static final List<String> FIELDS = List.of("pi", "muX", "muY", "sigmaX", "sigmaY", "corr", "pen");

    /** One reference trace: the model, the fed sketch (stroke-3, data units), and the runtime's outputs. */
    record Trace(String file, BrowserModel model, double temperature, int[][] input, JsonArray steps) {
        static Trace load(String file) throws IOException {
            Path path = Shared.path("reference/" + file);
            JsonObject o = JsonParser.parseString(Files.readString(path, StandardCharsets.UTF_8)).getAsJsonObject();
            BrowserModel model = BrowserModelFile.read(Shared.path(o.get("model_file").getAsString()));
            JsonArray in = o.getAsJsonArray("input");
            int[][] input = new int[in.size()][];
            for (int i = 0; i < input.length; i++) {
                JsonArray p = in.get(i).getAsJsonArray();
                input[i] = new int[] {p.get(0).getAsInt(), p.get(1).getAsInt(), p.get(2).getAsInt()};
            }
            assertThat(o.get("scale_factor").getAsDouble()).isEqualTo(model.scaleFactor());
            return new Trace(file, model, o.get("temperature").getAsDouble(), input, o.getAsJsonArray("steps"));
        }
    }

    /** Runs the trace's input through the decoder; returns the largest relative difference per field. */
    static Map<String, Double> replay(Trace trace, PlainLstmDecoder.Semantics semantics) {
        PlainLstmDecoder decoder = new PlainLstmDecoder(trace.model(), semantics);
        assertThat(trace.steps().size()).isEqualTo(trace.input().length + 1);
        Map<String, Double> worst = new LinkedHashMap<>();
        FIELDS.forEach(f -> worst.put(f, 0.0));
        for (int i = 0; i < trace.steps().size(); i++) {
            if (i == 0) {
                decoder.step(0, 0, 1, 0, 0);
            } else {
                int[] p = trace.input()[i - 1];
                decoder.step(p[0], p[1], p[2] == 1 ? 0 : 1, p[2] == 1 ? 1 : 0, 0);
            }
            PlainLstmDecoder.Mdn mdn = decoder.mdn(trace.temperature());
            JsonObject expected = trace.steps().get(i).getAsJsonObject();
            compare(worst, "pi", mdn.pi(), expected);
            compare(worst, "muX", mdn.muX(), expected);
            compare(worst, "muY", mdn.muY(), expected);
            compare(worst, "sigmaX", mdn.sigmaX(), expected);
            compare(worst, "sigmaY", mdn.sigmaY(), expected);
            compare(worst, "corr", mdn.corr(), expected);
            compare(worst, "pen", mdn.pen(), expected);
        }
        return worst;
    }

    private static void compare(Map<String, Double> worst, String field, float[] actual, JsonObject step) {
        JsonArray expected = step.getAsJsonArray(field);
        assertThat(actual).as(field).hasSize(expected.size());
        for (int k = 0; k < actual.length; k++) {
            double e = expected.get(k).getAsDouble();
            double diff = Math.abs(actual[k] - e) / Math.max(1.0, Math.abs(e));
            worst.merge(field, diff, Math::max);
        }
    }

    private static double max(Map<String, Double> worst) {
        return worst.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"trace-bird-2.json", "trace-rain-3.json", "trace-sheep-0.json", "trace-sheep-1.json"})
    void plainJavaDecoderReproducesTheRuntimeTrace(String file) throws IOException {
        Trace trace = Trace.load(file);
        Map<String, Double> worst = replay(trace, PlainLstmDecoder.Semantics.RUNTIME);
        System.out.printf("%s (T=%s, %d steps): largest relative difference per field %s%n", file,
                trace.temperature(), trace.steps().size(), worst);
        assertThat(max(worst)).as("largest difference from the runtime's values, %s", worst).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void theTraceCatchesAMissingForgetBias() throws IOException {
        Trace trace = Trace.load("trace-bird-2.json");
        assertThat(max(replay(trace, new PlainLstmDecoder.Semantics(false, true, true, true)))).isGreaterThan(1e-3);
    }

    @Test
    void theTraceCatchesAnotherGateOrder() throws IOException {
        Trace trace = Trace.load("trace-bird-2.json");
        assertThat(max(replay(trace, new PlainLstmDecoder.Semantics(true, true, true, false)))).isGreaterThan(1e-3);
    }

    @Test
    void theTraceCatchesInputsNotDividedByTheScaleFactor() throws IOException {
        Trace trace = Trace.load("trace-bird-2.json");
        assertThat(max(replay(trace, new PlainLstmDecoder.Semantics(true, false, true, true)))).isGreaterThan(1e-3);
    }

    @Test
    void theTraceCatchesSigmaScaledByTInsteadOfSqrtT() throws IOException {
        Trace trace = Trace.load("trace-sheep-1.json");
        assertThat(trace.temperature()).isEqualTo(0.5);
        Map<String, Double> worst = replay(trace, new PlainLstmDecoder.Semantics(true, true, false, true));
        assertThat(worst.get("sigmaX")).isGreaterThan(1e-3);
        assertThat(worst.get("pi")).isLessThanOrEqualTo(TOLERANCE);
    }

}
