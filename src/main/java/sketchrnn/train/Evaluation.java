package sketchrnn.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import sketchrnn.data.Batch;
import sketchrnn.data.Batcher;
import sketchrnn.data.Sketch;
import sketchrnn.engine.FusedSketchRnn;
import sketchrnn.model.LossMetrics;
import sketchrnn.model.LossTerms;
import sketchrnn.model.Metric;
import sketchrnn.model.Metrics;
import sketchrnn.model.SketchRnn;

/**
 * The losses of a model on a split, in evaluation mode (docs/model.md §8.2: no dropout, pen loss masked to real
 * points, {@code L_R} averaged over every step of batches padded to {@code N_max}). Every sketch counts
 * once: batch means are weighted by the number of sketches in the batch.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * Mean losses over a split: the loss terms of {@link LossMetrics} ({@link Metric.Kind#TERM}), each sketch
     * weighing once, and how many sketches.
     */
    public record Result(Metrics terms, int count) {
        /** The mean of one term. */
        public double get(Metric metric) {
            return terms.get(metric);
        }

        /** The cost that selects the best model: {@code L_R + w_KL * max(L_KL, kl_tolerance)} with the final KL weight. */
        public double cost(double klWeight, double klTolerance) {
            return terms.get(LossMetrics.RECON) + klWeight * Math.max(terms.get(LossMetrics.KL), klTolerance);
        }

        /** The validation metrics: the cost, the terms and the KL weight they are costed with. */
        public Metrics validation(double klWeight, double klTolerance) {
            Metrics v = Metrics.empty().with(LossMetrics.COST, cost(klWeight, klTolerance));   // the cost first, as a step's
            for (Metric m : terms.metrics()) {
                v = v.with(m, terms.get(m));
            }
            return v.with(LossMetrics.KLW, klWeight);
        }

        /** One JSON line, as {@code sketchrnn eval} prints it: every term by its saved name, then the count. */
        public String toJson() {
            StringBuilder b = new StringBuilder("{");
            terms.saved("", Metric.Kind.TERM).forEach((k, v) -> b.append('"').append(k).append("\": ").append(json(v)).append(", "));
            return b.append("\"count\": ").append(count).append('}').toString();
        }

        /** A number as JSON: six decimals, or null when it is not finite (JSON has no NaN). */
        private static String json(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
        }

        /** The result of no sketches: every term NaN. */
        public static Result empty() {
            Metrics nan = Metrics.empty();
            for (Metric m : LossMetrics.ALL) {
                if (m.kind() == Metric.Kind.TERM) {
                    nan = nan.with(m, Double.NaN);
                }
            }
            return new Result(nan, 0);
        }

        /** The terms of a batch mean. */
        static Metrics termsOf(Metrics m) {
            Metrics t = Metrics.empty();
            for (Metric k : m.metrics()) {
                if (k.kind() == Metric.Kind.TERM) {
                    t = t.with(k, m.get(k));
                }
            }
            return t;
        }
    }

    /**
     * Evaluates {@code model} on the path asked for: the fused engine (on a copy of the weights) where
     * {@code path} resolves to it for this model, else the DJL model itself.
     */
    public static Result evaluate(SketchRnn model, List<Sketch> sketches, int batchSize, int padTo, long seed,
            TrainingPath path) {
        if (path.resolve(model.hparams()) == TrainingPath.FUSED && model.dataType() == ai.djl.ndarray.types.DataType.FLOAT32
                && !model.tanhZBeforeInitialState()) {
            java.util.Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
            java.util.Map<String, float[]> weights = new java.util.LinkedHashMap<>();
            model.parameters().forEach((k, v) -> {
                shapes.put(k, v.getShape().getShape());
                weights.put(k, v.toFloatArray());
            });
            int threads = TrainingPath.engineThreads();
            try (FusedSketchRnn engine = new FusedSketchRnn(model.hparams(), shapes, weights, threads)) {
                return evaluate(engine, sketches, batchSize, padTo, seed);
            }
        }
        return evaluate(model, sketches, batchSize, padTo, seed);
    }

    /** Evaluates on the fused engine; batch i's latent noise comes from the step seed of (seed, -1 - i). */
    public static Result evaluate(FusedSketchRnn engine, List<Sketch> sketches, int batchSize, int padTo, long seed) {
        if (sketches.isEmpty()) {
            return Result.empty();
        }
        Metrics sum = Metrics.empty();
        int count = 0;
        int i = 0;
        for (Batch b : Batcher.evalBatches(sketches, batchSize, padTo)) {
            Metrics l = engine.evaluate(b, Trainer.stepSeed(seed, -1 - i++)).metrics();
            sum = sum.plus(Result.termsOf(l).times(b.size()));
            count += b.size();
        }
        return new Result(sum.over(count), count);
    }

    /**
     * Evaluates {@code model} on normalised sketches, padded to {@code padTo} points, in batches of
     * {@code batchSize}; batch i's latent noise is the fused engine's for the step seed of (seed, -1 - i), so
     * both paths evaluate the same function.
     */
    public static Result evaluate(SketchRnn model, List<Sketch> sketches, int batchSize, int padTo, long seed) {
        if (sketches.isEmpty()) {
            return Result.empty();
        }
        Metrics sum = Metrics.empty();
        int count = 0;
        NDManager base = model.parameters().values().iterator().next().getManager();
        int i = 0;
        for (Batch b : Batcher.evalBatches(sketches, batchSize, padTo)) {
            try (NDManager scope = base.newSubManager()) {
                ai.djl.ndarray.NDArray eps = null;
                long batchSeed = Trainer.stepSeed(seed, -1 - i++);
                if (model.hparams().model().conditional()) {                    // the fused engine's noise: the same function
                    int nz = model.hparams().model().zSize();
                    eps = scope.create(FusedSketchRnn.latentNoise(batchSeed, b.size(), nz),
                            new ai.djl.ndarray.types.Shape(b.size(), nz));
                }
                LossTerms l = model.loss(b, false, 0f, scope, eps, batchSeed);
                sum = sum.plus(Result.termsOf(l.metrics()).times(b.size()));
                count += b.size();
            }
        }
        return new Result(sum.over(count), count);
    }
}
