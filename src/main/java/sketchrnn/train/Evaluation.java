package sketchrnn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import sketchrnn.data.Batch;
import sketchrnn.data.Batcher;
import sketchrnn.data.Sketch;
import sketchrnn.model.LossTerms;
import sketchrnn.model.SketchRnn;

/**
 * The losses of a model on a split, in evaluation mode (SPEC 4: no dropout, pen loss masked to real
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
            return "{\"recon_loss\": " + json(recon) + ", \"offset_loss\": " + json(offset) + ", \"pen_loss\": "
                    + json(pen) + ", \"kl_loss\": " + json(kl) + ", \"count\": " + count + "}";
        }

        /** A number as JSON: six decimals, or null when it is not finite (JSON has no NaN). */
        private static String json(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
        }
    }

    /**
     * Evaluates {@code model} on normalised sketches, padded to {@code padTo} points, in batches of
     * {@code batchSize}; the latent noise is drawn from an engine RNG seeded with {@code seed}.
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
        Engine.getInstance().setRandomSeed((int) Trainer.stepSeed(seed, -1));
        for (Batch b : Batcher.evalBatches(sketches, batchSize, padTo)) {
            try (NDManager scope = base.newSubManager()) {
                LossTerms l = model.loss(b, false, 0f, scope);
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
