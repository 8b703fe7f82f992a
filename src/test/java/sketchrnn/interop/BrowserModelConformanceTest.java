package sketchrnn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sketchrnn.Shared;
import sketchrnn.data.Sketch;
import sketchrnn.sample.BrowserModelLoader;
import sketchrnn.sample.SketchModel;

/**
 * The DJL model runs Google's published models as the official runtime does: each reference trace of
 * {@code @magenta/sketch} 0.2.0 is replayed through {@link BrowserModelLoader} and {@link MixtureTrace} (the code
 * path of {@code sketchrnn trace}) and every value must be within {@value #TOLERANCE} (absolute) of the runtime's.
 * Plausible mistakes in loading or running a model (gate order, forget bias, scale factor, sigma scaled by T,
 * transposed weights) must move the trace far beyond that.
 */
class BrowserModelConformanceTest {
    /** Largest allowed absolute difference from the runtime's values. */
    static final double TOLERANCE = 1e-5;

    /** A reference trace: the model file, the fed sketch and the runtime's output. */
    record Reference(String file, BrowserModel model, Sketch input, MixtureTrace expected) {
        static Reference load(String file) throws IOException {
            Path path = Shared.path("reference/" + file);
            String text = Files.readString(path, StandardCharsets.UTF_8);
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            BrowserModel model = BrowserModelFile.read(Shared.path(o.get("model_file").getAsString()));
            JsonArray in = o.getAsJsonArray("input");
            float[][] rows = new float[in.size()][];
            for (int i = 0; i < rows.length; i++) {
                JsonArray p = in.get(i).getAsJsonArray();
                rows[i] = new float[] {p.get(0).getAsFloat(), p.get(1).getAsFloat(), p.get(2).getAsFloat()};
            }
            return new Reference(file, model, Sketch.of(rows), MixtureTrace.parse(text, file));
        }

        /** Our trace of the input through the model after {@code change} (the identity for the real model). */
        MixtureTrace replay(UnaryOperator<BrowserModel> change, double scaleFactor, double temperature) {
            try (SketchModel m = BrowserModelLoader.load(change.apply(model), file, DataType.FLOAT64)) {
                return MixtureTrace.of(m.network(), scaleFactor, m.name(), input, temperature);
            }
        }

        MixtureTrace replay() {
            return replay(UnaryOperator.identity(), model.scaleFactor(), expected.temperature());
        }
    }

    private static double max(Map<String, Double> worst) {
        return worst.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"trace-bird-2.json", "trace-rain-3.json", "trace-sheep-0.json", "trace-sheep-1.json"})
    void djlModelReproducesTheRuntimeTrace(String file) throws IOException {
        Reference ref = Reference.load(file);
        MixtureTrace ours = ref.replay();
        assertThat(ours.steps()).hasSize(ref.input().size() + 1).hasSameSizeAs(ref.expected().steps());
        assertThat(ours.scaleFactor()).isEqualTo(ref.expected().scaleFactor());
        Map<String, Double> worst = ours.maxAbsDifference(ref.expected());
        System.out.printf("%s (T=%s, %d steps): largest absolute difference per field %s%n", file,
                ref.expected().temperature(), ours.steps().size(), worst);
        assertThat(max(worst)).as("largest difference from the runtime's values, %s", worst).isLessThanOrEqualTo(TOLERANCE);
    }
}
