package sketchrnn.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sketchrnn.data.Batch;

/**
 * Finite-difference check of the whole model's gradients (encoder, decoder, all three cells, head and
 * loss), run in float64 so that central differences are accurate to ~1e-10: a step of 1e-5 leaves a
 * truncation error of order 1e-10 and a rounding error of order 1e-16 / 1e-5 = 1e-11, far below the
 * 1e-6 tolerance. The engine is reseeded before every evaluation, so z's eps and the dropout masks are
 * the same in all of them: dropout is checked too, not switched off.
 */
class GradientCheckTest {
    private static final int SEED = 20240601;
    private static final double STEP = 1e-5;

    @ParameterizedTest(name = "{0} cells, conditional {1}, training {2}, input/output dropout {3}")
    @CsvSource({
        "LSTM,true,true,false", "LAYER_NORM,true,true,false", "HYPER,true,true,false",
        "LSTM,false,true,false", "LAYER_NORM,false,true,false", "HYPER,false,true,false",
        "LSTM,true,false,false", "LAYER_NORM,true,true,true", "HYPER,false,true,true"})
    void analyticGradientsMatchCentralDifferences(CellKind cell, boolean conditional, boolean training, boolean ioDropout) {
        HParams hp = LossByHandTest.tiny(cell, cell, conditional).withRecurrentDropout(true)
                .with("kl_tolerance", "0")              // no floor: the KL term's gradient is checked too
                .with("use_input_dropout", Boolean.toString(ioDropout))
                .with("use_output_dropout", Boolean.toString(ioDropout));
        try (SketchRnn model = SketchRnn.create(hp, 1, DataType.FLOAT64)) {
            Fixtures.perturb(model, new Random(2), 0.3);
            Batch batch = Fixtures.batch(new Random(4), 4, 4, 2);
            Map<String, double[]> analytic = gradients(model, batch, training);

            Random pick = new Random(6);
            List<String> mismatches = new ArrayList<>();
            int checked = 0;
            int nonZero = 0;
            int samples = Math.max(1, 100 / model.parameters().size()); // every parameter, ~100 entries in all
            for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
                NDArray p = e.getValue();
                double[] original = p.toDoubleArray();
                for (int sample = 0; sample < samples; sample++) {
                    int k = pick.nextInt(original.length);
                    double[] v = original.clone();
                    v[k] = original[k] + STEP;
                    p.set(DoubleBuffer.wrap(v));
                    double plus = cost(model, batch, training);
                    v[k] = original[k] - STEP;
                    p.set(DoubleBuffer.wrap(v));
                    double minus = cost(model, batch, training);
                    p.set(DoubleBuffer.wrap(original));
                    double numeric = (plus - minus) / (2 * STEP);
                    double got = analytic.get(e.getKey())[k];
                    checked++;
                    if (Math.abs(numeric) > 1e-6) {
                        nonZero++;
                    }
                    if (Math.abs(got - numeric) > 1e-6 + 1e-5 * Math.abs(numeric)) {
                        mismatches.add(e.getKey() + "[" + k + "]: analytic " + got + ", numeric " + numeric);
                    }
                }
            }
            assertThat(mismatches).as("gradient entries that differ from central differences").isEmpty();
            // the check means something only if most sampled gradients are not zero
            assertThat(nonZero).as("non-zero gradients among %d checked", checked).isGreaterThan(checked * 3 / 4);
        }
    }

    /** One backward pass; the gradients copied out (attached to a short-lived manager, as DJL requires). */
    private static Map<String, double[]> gradients(SketchRnn model, Batch batch, boolean training) {
        Map<String, double[]> grads = new LinkedHashMap<>();
        try (NDManager scope = NDManager.newBaseManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(model.loss(batch, training, 0.5f, scope, SEED).cost());
            }
            for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
                NDArray g = e.getValue().getGradient();
                g.attach(scope);
                grads.put(e.getKey(), g.toDoubleArray());
            }
        }
        return grads;
    }

    private static double cost(SketchRnn model, Batch batch, boolean training) {
        try (NDManager scope = NDManager.newBaseManager()) {
            return model.loss(batch, training, 0.5f, scope, SEED).cost().getDouble();
        }
    }
}
