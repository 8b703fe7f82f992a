package sketchrnn.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.Shared;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Batch;
import sketchrnn.data.Sketch;
import sketchrnn.data.Stroke5;
import sketchrnn.interop.BrowserLayout;
import sketchrnn.interop.BrowserModel;
import sketchrnn.interop.BrowserModelFile;
import sketchrnn.interop.BrowserSizes;
import sketchrnn.interop.ExportInfo;
import sketchrnn.model.CellKind;
import sketchrnn.model.DecoderState;
import sketchrnn.model.HParams;

/** Browser model files load as a {@link SketchModel}: every array in its parameter, and the version-5 tanh(z). */
class BrowserModelLoaderTest {
    private static final int E = 6;
    private static final int H = 8;
    private static final int Z = 4;

    @TempDir
    Path dir;

    @Test
    void aPublishedModelLoadsThroughSketchModelWithEveryArrayInPlace() {
        Path file = Shared.path("models/bird.gen.json");
        BrowserModel read = BrowserModelFile.read(file);
        try (SketchModel m = SketchModel.load(file)) {
            assertThat(m.name()).isEqualTo("bird");
            assertThat(m.scaleFactor()).isEqualTo(71.3754);
            assertThat(m.conditional()).isFalse();
            assertThat(m.checkpoint()).isNull();
            assertThat(m.hparams().model().decRnnSize()).isEqualTo(512);
            assertThat(m.hparams().model().maxSeqLen()).isEqualTo(129);
            assertThat(m.hparams().model().decModel().referenceName()).isEqualTo("lstm");
            assertThat(m.network().parameters().keySet()).containsExactlyInAnyOrderElementsOf(read.layout().names());
            for (String name : read.layout().names()) {
                assertThat(m.network().parameters().get(name).toFloatArray()).as(name).isEqualTo(read.array(name).values());
            }
        }
    }

    @Test
    void aVaeFileLoadsEveryArrayAndItsEncoderRuns() {
        Map<String, float[]> weights = weights(3);
        Path file = dir.resolve("small.vae.json");
        BrowserModelFile.export(file, hparams().model(), weights, ExportInfo.of("small", 20.0, 50));
        BrowserModel read = BrowserModelFile.read(file);
        try (SketchModel m = SketchModel.load(file); NDManager scope = NDManager.newBaseManager()) {
            assertThat(m.conditional()).isTrue();
            assertThat(m.network().tanhZBeforeInitialState()).isFalse();
            assertThat(m.hparams().model().encRnnSize()).isEqualTo(E);
            assertThat(m.hparams().model().zSize()).isEqualTo(Z);
            for (String name : read.layout().names()) {
                assertThat(m.network().parameters().get(name).toFloatArray()).as(name).isEqualTo(read.array(name).values());
            }
            Batch batch = Stroke5.batch(List.of(Sketch.of(new float[][] {{0.5f, -0.2f, 0}, {0.1f, 0.3f, 1}})), 2);
            NDArray mu = m.network().encode(batch, scope).mu();
            assertThat(mu.getShape()).isEqualTo(new Shape(1, Z));
            assertThat(mu.abs().max().getFloat()).isGreaterThan(0f);
        }
    }

    /**
     * A version-5 VAE: {@code [c_0 ; h_0] = tanh(tanh(z)·W + b)}, computed here by hand; the decoder's input is
     * still {@code [S ; z]} with z itself, in the step-by-step decoder and in the teacher-forced training pass.
     */
    @Test
    void aVersion5VaeAppliesTanhToZBeforeTheInitialStateOnly() throws IOException {
        Map<String, float[]> weights = weights(11);
        Path v6 = dir.resolve("v6.vae.json");
        BrowserModelFile.export(v6, hparams().model(), weights, ExportInfo.of("v", 20.0, 50));
        Path v5 = dir.resolve("v5.vae.json");
        JsonArray json = JsonParser.parseString(Files.readString(v6)).getAsJsonArray();
        json.get(0).getAsJsonObject().addProperty("version", 5);
        Files.writeString(v5, json.toString());

        float[] zValues = {1.7f, -0.9f, 0.3f, -2.4f};
        float[] tanhZ = new float[Z];
        for (int k = 0; k < Z; k++) {
            tanhZ[k] = (float) Math.tanh(zValues[k]);
        }
        BrowserModel file = BrowserModelFile.read(v5);
        float[] w = file.array("dec_init/w").values();
        float[] b = file.array("dec_init/b").values();
        try (SketchModel old = SketchModel.load(v5); SketchModel current = SketchModel.load(v6);
             NDManager scope = NDManager.newBaseManager()) {
            assertThat(old.network().tanhZBeforeInitialState()).isTrue();
            assertThat(current.network().tanhZBeforeInitialState()).isFalse();
            NDArray z = scope.create(zValues, new Shape(1, Z));
            NDArray zt = scope.create(tanhZ, new Shape(1, Z));

            float[] state = old.network().initialState(z, 1, scope).state().toFloatArray();
            for (int j = 0; j < 2 * H; j++) {
                double a = b[j];
                for (int k = 0; k < Z; k++) {
                    a += tanhZ[k] * w[k * 2 * H + j];
                }
                assertThat((double) state[j]).as("initial state %d", j).isCloseTo(Math.tanh(a), org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(current.network().initialState(z, 1, scope).state().toFloatArray()).isNotEqualTo(state);

            // the first step: version 5 with z equals version 6 started from tanh(z) but fed z itself
            NDArray s0 = scope.create(new float[] {0, 0, 1, 0, 0}, new Shape(1, 5));
            float[] y5 = old.network().decodeStep(s0, z, old.network().initialState(z, 1, scope), scope).y().toFloatArray();
            DecoderState fromTanh = current.network().initialState(zt, 1, scope);
            float[] y6 = current.network().decodeStep(s0, z, fromTanh, scope).y().toFloatArray();
            float[] y6tanhInput = current.network().decodeStep(s0, zt, fromTanh, scope).y().toFloatArray();
            assertThat(y5).containsExactly(y6, org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(maxDiff(y5, y6tanhInput)).as("the appended z must not be squashed").isGreaterThan(1e-4);

            // the teacher-forced pass (training, evaluation) honours the option too
            Batch batch = Stroke5.batch(List.of(Sketch.of(new float[][] {{0.5f, -0.2f, 0}})), 1);
            float[] teacher = old.network().decode(batch, z, scope).toFloatArray();  // (1, 1, 3+6M)
            assertThat(teacher).containsExactly(y5, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void aMalformedFileIsBadInputNamingIt() throws IOException {
        Path file = dir.resolve("broken.gen.json");
        Files.writeString(file, "[{\"mode\": 2, \"max_seq_len\": 10, \"scale_factor\": 3.0}, [[8, 123]");
        assertThatThrownBy(() -> SketchModel.load(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("broken.gen.json").hasMessageContaining("truncated");
    }

    private static HParams hparams() {
        return HParams.defaults().withCells(CellKind.LSTM, CellKind.LSTM).withConditional(true).withSizes(E, H, Z)
                .with("num_mixture", "20").withMaxSeqLen(50);
    }

    /** Random weights in [-1.5, 1.5] for every array of a small VAE. */
    private static Map<String, float[]> weights(long seed) {
        BrowserLayout layout = BrowserLayout.VAE;
        List<long[]> shapes = layout.expectedShapes(new BrowserSizes(H, 20, E, Z));
        Random random = new Random(seed);
        Map<String, float[]> map = new LinkedHashMap<>();
        for (int k = 0; k < shapes.size(); k++) {
            long n = 1;
            for (long d : shapes.get(k)) {
                n *= d;
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((random.nextDouble() * 2 - 1) * 1.5);
            }
            map.put(layout.names().get(k), v);
        }
        return map;
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
