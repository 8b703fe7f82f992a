package sketchrnn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sketchrnn.data.Batch;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;

/**
 * The engine's loss and every parameter's gradient equal the DJL autograd path's on tiny models: same
 * weights, same batch (lengths 0 to T, so padding and true lengths both matter), same eps, no dropout
 * (the two paths draw masks from different generators; the finite-difference test covers dropout).
 * Tolerance: losses to 1e-5 relative; each gradient entry to 2e-5 + 1e-3 of its size (float32 on both
 * sides, summed in different orders).
 */
class EngineGradientTest {

    @ParameterizedTest(name = "{0} cells, conditional {1}, training masking {2}, shards of {3}")
    @CsvSource({"LSTM,true,true,50", "LAYER_NORM,true,true,50", "LSTM,false,true,50", "LAYER_NORM,false,true,50",
        "LSTM,true,false,50", "LAYER_NORM,true,false,50", "LAYER_NORM,true,true,2", "LSTM,false,true,2",
        "LAYER_NORM,true,false,2"})
    void lossAndGradientsEqualTheAutogradPath(CellKind cell, boolean conditional, boolean training, int shardRows) {
        HParams hp = EngineFixtures.tiny(cell, conditional).withMaxSeqLen(9);
        Batch batch = EngineFixtures.batch(new Random(4), 7, 7, 3, 0, 5, 1);
        Random noise = new Random(9);
        float[] eps = new float[batch.size() * hp.model().zSize()];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) noise.nextGaussian();
        }
        try (SketchRnn model = SketchRnn.create(hp, 3)) {
            var weights = EngineFixtures.perturbedWeights(model, new Random(2), 0.3);
            try (FusedSketchRnn engine = new FusedSketchRnn(hp, EngineFixtures.shapes(model), weights, 2, shardRows)) {
                EngineFixtures.Reference ref = EngineFixtures.reference(model, engine.layout(), batch, training, 0.7,
                        conditional ? eps : null);
                FusedSketchRnn.Losses got = engine.pass(batch, 0.7, 5, training, conditional ? eps : null);
                assertThat(got.cost()).isCloseTo(ref.cost(), org.assertj.core.data.Offset.offset(1e-5 * Math.abs(ref.cost()) + 1e-6));
                assertThat(got.offset()).isCloseTo(ref.offset(), org.assertj.core.data.Offset.offset(1e-5 * Math.abs(ref.offset()) + 1e-6));
                assertThat(got.pen()).isCloseTo(ref.pen(), org.assertj.core.data.Offset.offset(1e-5 * Math.abs(ref.pen()) + 1e-6));
                assertThat(got.kl()).isCloseTo(ref.kl(), org.assertj.core.data.Offset.offset(1e-5 * Math.abs(ref.kl()) + 1e-6));
                if (!training) {
                    return; // evaluation masking: losses only (the engine computes no gradient there)
                }
                float[] g = engine.gradient();
                List<String> mismatches = new ArrayList<>();
                int nonZero = 0;
                for (String name : engine.layout().names()) {
                    int o = engine.layout().offset(name);
                    for (int i = 0; i < engine.layout().length(name); i++) {
                        double want = ref.grad()[o + i];
                        if (Math.abs(want) > 1e-6) {
                            nonZero++;
                        }
                        if (Math.abs(g[o + i] - want) > 2e-5 + 1e-3 * Math.abs(want)) {
                            mismatches.add(name + "[" + i + "]: engine " + g[o + i] + ", autograd " + want);
                        }
                    }
                }
                assertThat(mismatches).as("gradient entries that differ").isEmpty();
                assertThat(nonZero).isGreaterThan(engine.layout().size() / 2);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void initialParametersInPlainJavaEqualTheModels() {
        for (CellKind cell : CellKind.values()) {
            HParams hp = EngineFixtures.tiny(cell, true);
            SketchRnn.Parameters plain = SketchRnn.initialParameters(hp.model(), 12);
            try (SketchRnn model = SketchRnn.create(hp, 12)) {
                assertThat(plain.shapes().keySet()).containsExactlyElementsOf(model.parameters().keySet());
                model.parameters().forEach((name, p) -> {
                    assertThat(plain.shapes().get(name)).containsExactly(p.getShape().getShape());
                    assertThat(plain.values().get(name)).as(name).containsExactly(p.toFloatArray());
                });
            }
        }
    }
}
