package sketchrnn.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import sketchrnn.data.Batch;
import sketchrnn.data.Batcher;
import sketchrnn.data.Sketch;
import sketchrnn.engine.FusedSketchRnn;
import sketchrnn.model.LossTerms;
import sketchrnn.model.SketchRnn;

/**
 * The losses of a model on a split, in evaluation mode (docs/model.md §8.2: no dropout, pen loss masked to real
 * points, {@code L_R} averaged over every step of batches padded to {@code N_max}). Every sketch counts
 * once: batch means are weighted by the number of sketches in the batch.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /** Mean losses over a split. */
    public record Result(double recon, double offset, double pen, double kl, int count) {
        /** The cost that selects the best model: {@code L_R + w_KL * max(L_KL, kl_tolerance)} with the final KL weight. */
        public double cost(double klWeight, double klTolerance) {
            return recon + klWeight * Math.max(kl, klTolerance);
        }

        /** One JSON line, as {@code sketchrnn eval} prints it. */
        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"recon_loss\": %.6f, \"offset_loss\": %.6f, \"pen_loss\": %.6f, \"kl_loss\": %.6f, \"count\": %d}",
                    recon, offset, pen, kl, count);
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
            return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double recon = 0;
        double offset = 0;
        double pen = 0;
        double kl = 0;
        int count = 0;
        int i = 0;
        for (Batch b : Batcher.evalBatches(sketches, batchSize, padTo)) {
            FusedSketchRnn.Losses l = engine.evaluate(b, Trainer.stepSeed(seed, -1 - i++));
            recon += l.recon() * b.size();
            offset += l.offset() * b.size();
            pen += l.pen() * b.size();
            kl += l.kl() * b.size();
            count += b.size();
        }
        return new Result(recon / count, offset / count, pen / count, kl / count, count);
    }

    /**
     * Evaluates {@code model} on normalised sketches, padded to {@code padTo} points, in batches of
     * {@code batchSize}; batch i's latent noise is the fused engine's for the step seed of (seed, -1 - i), so
     * both paths evaluate the same function.
     */
    public static Result evaluate(SketchRnn model, List<Sketch> sketches, int batchSize, int padTo, long seed) {
        if (sketches.isEmpty()) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double recon = 0;
        double offset = 0;
        double pen = 0;
        double kl = 0;
        int count = 0;
        NDManager base = model.parameters().values().iterator().next().getManager();
        int i = 0;
        for (Batch b : Batcher.evalBatches(sketches, batchSize, padTo)) {
            try (NDManager scope = base.newSubManager()) {
                ai.djl.ndarray.NDArray eps = null;
                if (model.hparams().conditional()) {                    // the fused engine's noise: the same function
                    int nz = model.hparams().zSize();
                    eps = scope.create(FusedSketchRnn.latentNoise(Trainer.stepSeed(seed, -1 - i), b.size(), nz),
                            new ai.djl.ndarray.types.Shape(b.size(), nz));
                }
                i++;
                LossTerms l = model.loss(b, false, 0f, scope, eps);
                recon += l.recon() * b.size();
                offset += l.offset() * b.size();
                pen += l.pen() * b.size();
                kl += l.kl() * b.size();
                count += b.size();
            }
        }
        return new Result(recon / count, offset / count, pen / count, kl / count, count);
    }
}
