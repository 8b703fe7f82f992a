package sketchrnn.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import sketchrnn.data.Batch;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.LossTerms;
import sketchrnn.model.SketchRnn;

/** Tiny models, batches and the DJL path's losses and gradients, shared by the engine's tests. */
final class EngineFixtures {
    private EngineFixtures() {
    }

    /** Tiny sizes (enc 3, dec 4, z 2, M 2), no recurrent dropout, no KL floor. */
    static HParams tiny(CellKind cell, boolean conditional) {
        return HParams.tiny().withCells(cell, cell).withConditional(conditional).withSizes(3, 4, 2)
                .with("num_mixture", "2").withRecurrentDropout(false).with("kl_tolerance", "0");
    }

    /** Random sketches with the given true lengths padded to {@code maxLen}: the model tests' batches. */
    static Batch batch(Random random, int maxLen, int... lengths) {
        return sketchrnn.model.Fixtures.batch(random, maxLen, lengths);
    }

    /** The DJL model's weights, each moved by N(0, spread²) so that no gradient is trivially zero. */
    static Map<String, float[]> perturbedWeights(SketchRnn model, Random random, double spread) {
        Map<String, float[]> w = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            float[] v = e.getValue().toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (spread * random.nextGaussian());
            }
            e.getValue().set(v);
            w.put(e.getKey(), v);
        }
        return w;
    }

    static Map<String, long[]> shapes(SketchRnn model) {
        Map<String, long[]> s = new LinkedHashMap<>();
        model.parameters().forEach((k, v) -> s.put(k, v.getShape().getShape()));
        return s;
    }

    /** The DJL path's losses and gradients (flattened in the engine's layout) for a given eps. */
    record Reference(double cost, double recon, double offset, double pen, double kl, float[] grad) {
    }

    static Reference reference(SketchRnn model, FlatParameters layout, Batch batch, boolean training, double klWeight,
            float[] eps) {
        try (NDManager scope = NDManager.newBaseManager()) {
            NDArray e = eps == null ? null : scope.create(eps, new Shape(batch.size(), model.hparams().model().zSize()));
            LossTerms l;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                l = model.loss(batch, training, (float) klWeight, scope, e, 1);
                collector.backward(l.cost());
            }
            float[] grad = new float[layout.size()];
            for (Map.Entry<String, NDArray> p : model.parameters().entrySet()) {
                NDArray g = p.getValue().getGradient();
                g.attach(scope);
                float[] v = g.toFloatArray();
                System.arraycopy(v, 0, grad, layout.offset(p.getKey()), v.length);
                g.subi(g);
            }
            return new Reference(l.cost().getFloat(), l.recon(), l.offset(), l.pen(), l.kl(), grad);
        }
    }
}
