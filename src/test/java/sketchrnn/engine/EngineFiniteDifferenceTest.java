package sketchrnn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sketchrnn.data.Batch;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;

/**
 * The engine's own gradients against central differences of its own cost, with recurrent dropout on (the
 * masks are a function of the seed, the same in every evaluation), the KL term without floor, and several
 * shards. The engine computes in float32, so the step is 1e-2 and the tolerance 2e-3 + 2% of the entry
 * (truncation ~1e-4 · third derivative, rounding ~1e-7 / 1e-2 = 1e-5).
 */
class EngineFiniteDifferenceTest {
    private static final float STEP = 1e-2f;

    @ParameterizedTest(name = "{0} cells, conditional {1}")
    @CsvSource({"LSTM,true", "LAYER_NORM,true", "LSTM,false", "LAYER_NORM,false"})
    void gradientsMatchCentralDifferences(CellKind cell, boolean conditional) {
        HParams hp = EngineFixtures.tiny(cell, conditional).withRecurrentDropout(true).with("recurrent_dropout_prob", "0.7")
                .withMaxSeqLen(8);
        Batch batch = EngineFixtures.batch(new Random(7), 6, 6, 2, 4, 0, 5);
        try (SketchRnn model = SketchRnn.create(hp, 3)) {
            Map<String, float[]> weights = EngineFixtures.perturbedWeights(model, new Random(5), 0.3);
            try (FusedSketchRnn engine = new FusedSketchRnn(hp, EngineFixtures.shapes(model), weights, 2, 2)) {
                long seed = 42;
                engine.step(batch, 0.6, seed);
                float[] analytic = engine.gradient().clone();
                float[] theta = engine.parameters();
                Random pick = new Random(9);
                List<String> mismatches = new ArrayList<>();
                int checked = 0;
                int nonZero = 0;
                for (String name : engine.layout().names()) {
                    int o = engine.layout().offset(name);
                    int n = engine.layout().length(name);
                    for (int sample = 0; sample < Math.min(n, 6); sample++) {
                        int i = o + pick.nextInt(n);
                        float original = theta[i];
                        theta[i] = original + STEP;
                        double plus = engine.step(batch, 0.6, seed).cost();
                        theta[i] = original - STEP;
                        double minus = engine.step(batch, 0.6, seed).cost();
                        theta[i] = original;
                        double numeric = (plus - minus) / (2 * STEP);
                        checked++;
                        if (Math.abs(numeric) > 1e-4) {
                            nonZero++;
                        }
                        if (Math.abs(analytic[i] - numeric) > 2e-3 + 0.02 * Math.abs(numeric)) {
                            mismatches.add(name + "[" + (i - o) + "]: analytic " + analytic[i] + ", numeric " + numeric);
                        }
                    }
                }
                assertThat(mismatches).as("entries that differ from central differences").isEmpty();
                assertThat(nonZero).as("non-zero among %d", checked).isGreaterThan(checked / 2);
            }
        }
    }
}
