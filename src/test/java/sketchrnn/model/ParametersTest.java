package sketchrnn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parameter contract other parts of the project depend on (trainer, checkpoints, browser-model import):
 * names, order, shapes, and the reference's initialisation.
 */
class ParametersTest {

    private static Map<String, Shape> shapes(SketchRnn model) {
        Map<String, Shape> m = new LinkedHashMap<>();
        model.parameters().forEach((k, v) -> m.put(k, v.getShape()));
        return m;
    }

    @Test
    void lstmVaeHasTheSpecifiedNamesShapesAndOrder() {
        try (SketchRnn model = SketchRnn.create(HParams.tiny(), 1)) { // E 8, H 16, Nz 4, M 3
            Map<String, Shape> want = new LinkedHashMap<>();
            for (String dir : new String[] {"enc_fw/", "enc_bw/"}) {
                want.put(dir + "W_xh", new Shape(5, 32));
                want.put(dir + "W_hh", new Shape(8, 32));
                want.put(dir + "bias", new Shape(32));
            }
            want.put("enc_mu/w", new Shape(16, 4));
            want.put("enc_mu/b", new Shape(4));
            want.put("enc_sigma/w", new Shape(16, 4));
            want.put("enc_sigma/b", new Shape(4));
            want.put("dec_init/w", new Shape(4, 32));
            want.put("dec_init/b", new Shape(32));
            want.put("dec/W_xh", new Shape(9, 64));
            want.put("dec/W_hh", new Shape(16, 64));
            want.put("dec/bias", new Shape(64));
            want.put("output/w", new Shape(16, 21));
            want.put("output/b", new Shape(21));
            assertThat(shapes(model)).containsExactlyEntriesOf(want);
            assertThat(model.parameters().values()).allMatch(NDArray::hasGradient);
            assertThat(model.parameterCount()).isEqualTo(2 * (5 * 32 + 8 * 32 + 32) + 2 * (16 * 4 + 4) + 4 * 32 + 32
                    + 9 * 64 + 16 * 64 + 64 + 16 * 21 + 21);
            assertThat(model.stateSize()).isEqualTo(32);
        }
    }

    @Test
    void unconditionalModelHasOnlyTheDecoderAndHead() {
        try (SketchRnn model = SketchRnn.create(HParams.tiny().withConditional(false), 1)) {
            assertThat(shapes(model)).containsExactly(
                    Map.entry("dec/W_xh", new Shape(5, 64)), Map.entry("dec/W_hh", new Shape(16, 64)),
                    Map.entry("dec/bias", new Shape(64)), Map.entry("output/w", new Shape(16, 21)),
                    Map.entry("output/b", new Shape(21)));
        }
    }

    @Test
    void layerNormCellsHaveGainsAndShiftsInsteadOfABias() {
        try (SketchRnn model = SketchRnn.create(HParams.tiny().withCells(CellKind.LAYER_NORM, CellKind.LAYER_NORM), 1)) {
            Map<String, Shape> s = shapes(model);
            assertThat(s).containsEntry("enc_fw/W_xh", new Shape(5, 32)).containsEntry("enc_bw/W_hh", new Shape(8, 32))
                    .containsEntry("enc_fw/ln_gamma", new Shape(32)).containsEntry("enc_fw/ln_beta", new Shape(32))
                    .containsEntry("enc_fw/ln_c_gamma", new Shape(8)).containsEntry("enc_fw/ln_c_beta", new Shape(8))
                    .containsEntry("dec/ln_gamma", new Shape(64)).containsEntry("dec/ln_c_beta", new Shape(16))
                    .doesNotContainKeys("enc_fw/bias", "dec/bias");
        }
    }

    @Test
    void hyperCellsAddTheSmallCellAndTheGateEmbeddings() {
        try (SketchRnn model = SketchRnn.create(HParams.tiny().withCells(CellKind.LSTM, CellKind.HYPER), 1)) { // Hh 8, Nh 4
            Map<String, Shape> s = shapes(model);
            assertThat(s).containsEntry("dec_init/w", new Shape(4, 2 * (16 + 8)))
                    .containsEntry("dec/W_xh", new Shape(9, 64)).containsEntry("dec/bias", new Shape(64))
                    .containsEntry("dec/ln_gamma", new Shape(64)).containsEntry("dec/ln_c_gamma", new Shape(16))
                    .containsEntry("dec/hyper_cell/W_xh", new Shape(9 + 16, 32)).containsEntry("dec/hyper_cell/W_hh", new Shape(8, 32))
                    .containsEntry("dec/hyper_cell/ln_gamma", new Shape(32)).containsEntry("dec/hyper_cell/ln_c_beta", new Shape(8))
                    .containsEntry("dec/hyper_ix/zw/w", new Shape(8, 4)).containsEntry("dec/hyper_ix/zw/b", new Shape(4))
                    .containsEntry("dec/hyper_ix/alpha/w", new Shape(4, 16)).containsEntry("dec/hyper_oh/zb/w", new Shape(8, 4))
                    .containsEntry("dec/hyper_oh/beta/w", new Shape(4, 16))
                    .doesNotContainKeys("dec/hyper_ix/zb/w", "dec/hyper_ox/beta/w");
            assertThat(s.keySet().stream().filter(k -> k.startsWith("dec/hyper_") && !k.startsWith("dec/hyper_cell"))).hasSize(8 * 3 + 4 * 2);
            assertThat(model.stateSize()).isEqualTo(2 * (16 + 8));
        }
    }

    @Test
    void referenceDefaultsHaveTheReferenceParameterCount() {
        try (SketchRnn model = SketchRnn.create(HParams.defaults(), 1)) {
            long enc = 2 * (5 * 1024 + 256 * 1024 + 1024) + 2 * (512 * 128 + 128);
            long dec = 128 * 1024 + 1024 + (133 * 2048 + 512 * 2048 + 2048) + 512 * 123 + 123;
            assertThat(model.parameterCount()).isEqualTo(enc + dec);
        }
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        HParams hp = HParams.tiny().withCells(CellKind.HYPER, CellKind.LAYER_NORM);
        try (SketchRnn a = SketchRnn.create(hp, 42); SketchRnn b = SketchRnn.create(hp, 42); SketchRnn c = SketchRnn.create(hp, 43)) {
            for (String name : a.parameters().keySet()) {
                assertThat(b.parameters().get(name).toFloatArray()).as(name).containsExactly(a.parameters().get(name).toFloatArray());
            }
            assertThat(c.parameters().get("dec/W_hh").toFloatArray()).isNotEqualTo(a.parameters().get("dec/W_hh").toFloatArray());
            assertThat(c.parameters().get("enc_mu/w").toFloatArray()).isNotEqualTo(a.parameters().get("enc_mu/w").toFloatArray());
        }
    }

    @Test
    void initialisationFollowsTheReference() {
        HParams hp = HParams.tiny().withSizes(32, 48, 32).withCells(CellKind.LSTM, CellKind.HYPER).with("hyper_num_units", "16")
                .with("hyper_embedding_size", "8");
        try (SketchRnn model = SketchRnn.create(hp, 9)) {
            Map<String, NDArray> p = model.parameters();
            // recurrent weights: each gate block orthogonal
            assertOrthogonalBlocks(Fixtures.values(p.get("enc_fw/W_hh")), 32);
            assertOrthogonalBlocks(Fixtures.values(p.get("dec/W_hh")), 48);
            assertOrthogonalBlocks(Fixtures.values(p.get("dec/hyper_cell/W_hh")), 16);
            // N(0, 0.001²) for the latent and initial-state layers, N(0, 0.01²) for HyperLSTM's zb
            assertThat(std(Fixtures.values(p.get("enc_mu/w")))).isCloseTo(0.001, within(0.0001));
            assertThat(std(Fixtures.values(p.get("enc_sigma/w")))).isCloseTo(0.001, within(0.0001));
            assertThat(std(Fixtures.values(p.get("dec_init/w")))).isCloseTo(0.001, within(0.0001));
            assertThat(std(Fixtures.values(p.get("dec/hyper_ih/zb/w")))).isCloseTo(0.01, within(0.003));
            // Glorot uniform for input and output weights
            double limit = Math.sqrt(6.0 / (5 + 32 + 4 * 48));
            double[] wxh = Fixtures.values(p.get("dec/W_xh"));
            assertThat(list(wxh)).allMatch(v -> Math.abs(v) <= limit);
            assertThat(std(wxh)).isCloseTo(limit / Math.sqrt(3), within(0.1 * limit / Math.sqrt(3)));
            assertThat(list(Fixtures.values(p.get("output/b")))).allMatch(v -> Math.abs(v) <= Math.sqrt(3.0 / (3 + 6 * 3)))
                    .anyMatch(v -> v != 0);
            // constants
            assertThat(Fixtures.values(p.get("enc_fw/bias"))).containsOnly(0.0);
            assertThat(Fixtures.values(p.get("enc_mu/b"))).containsOnly(0.0);
            assertThat(Fixtures.values(p.get("dec_init/b"))).containsOnly(0.0);
            assertThat(Fixtures.values(p.get("dec/ln_gamma"))).containsOnly(1.0);
            assertThat(Fixtures.values(p.get("dec/ln_beta"))).containsOnly(0.0);
            assertThat(Fixtures.values(p.get("dec/hyper_cell/ln_c_gamma"))).containsOnly(1.0);
            assertThat(Fixtures.values(p.get("dec/hyper_fx/zw/w"))).containsOnly(0.0);
            assertThat(Fixtures.values(p.get("dec/hyper_fx/zw/b"))).containsOnly(1.0);
            assertThat(list(Fixtures.values(p.get("dec/hyper_fh/alpha/w")))).allMatch(v -> Math.abs(v - 0.1 / 8) < 1e-8);
            assertThat(Fixtures.values(p.get("dec/hyper_fh/beta/w"))).containsOnly(0.0);
        }
    }

    private static void assertOrthogonalBlocks(double[] w, int n) {
        for (int g = 0; g < 4; g++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    double dot = 0;
                    for (int r = 0; r < n; r++) {
                        dot += w[r * 4 * n + g * n + a] * w[r * 4 * n + g * n + b];
                    }
                    assertThat(dot).as("gate %d columns %d.%d", g, a, b).isCloseTo(a == b ? 1 : 0, within(1e-5));
                }
            }
        }
    }

    private static java.util.List<Double> list(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    private static double std(double[] v) {
        double sum = 0;
        double sq = 0;
        for (double x : v) {
            sum += x;
            sq += x * x;
        }
        double mean = sum / v.length;
        return Math.sqrt(sq / v.length - mean * mean);
    }
}
