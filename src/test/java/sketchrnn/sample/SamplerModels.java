package sketchrnn.sample;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.data.Sketch;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;

/** Tiny randomly initialised models for the sampling tests, as a user would load them from a checkpoint. */
public final class SamplerModels {
    private SamplerModels() {
    }

    /** Tiny hyperparameters (z 4, dec 16, M 3, max_seq_len 20) in the given mode and decoder cell. */
    public static HParams tiny(boolean conditional, CellKind cell) {
        return HParams.tiny().withConditional(conditional).withCells(cell, cell);
    }

    /** A checkpoint of a fresh tiny model with the given scale factor. */
    public static Checkpoint checkpoint(HParams hp, long seed, double scaleFactor) {
        try (SketchRnn net = SketchRnn.create(hp, seed)) {
            return ModelState.capture(net, null, 0, Double.POSITIVE_INFINITY, scaleFactor, List.of("tiny.npz"), seed,
                    Map.of());
        }
    }

    /** A tiny model loaded from a checkpoint written to {@code dir}. */
    public static SketchModel saved(Path dir, String file, HParams hp, long seed, double scaleFactor) {
        Path p = dir.resolve(file);
        checkpoint(hp, seed, scaleFactor).write(p);
        return SketchModel.load(p);
    }

    /** A tiny model in memory. */
    public static SketchModel inMemory(HParams hp, long seed, double scaleFactor) {
        return SketchModel.fromCheckpoint(checkpoint(hp, seed, scaleFactor), "tiny-" + seed);
    }

    /** Makes the model never choose the end-of-sketch pen state (its p3 bias at -60): sketches run to the limit. */
    public static void neverEnd(SketchModel m) {
        NDArray b = m.network().parameters().get("output/b");
        float[] v = b.toFloatArray();
        v[2] = -60f;
        b.set(v);
    }

    /** Makes the model end every sketch at once: the end-of-sketch pen logit far above the others. */
    public static void alwaysEnd(SketchModel m) {
        NDArray b = m.network().parameters().get("output/b");
        float[] v = b.toFloatArray();
        v[2] = 60f;
        b.set(v);
    }

    /** A little house in data units (pixels): 7 points, two strokes. */
    public static Sketch house() {
        return Sketch.of(new float[][] {
            {10, 10, 0}, {40, 0, 0}, {0, -40, 0}, {-20, -20, 0}, {-20, 20, 0}, {0, 40, 1}, {15, 0, 0}, {0, -15, 1}});
    }

    /** A zigzag of n points in data units. */
    public static Sketch zigzag(int n) {
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[] {12, i % 2 == 0 ? 9 : -9, i == n - 1 || i % 5 == 4 ? 1 : 0};
        }
        return Sketch.of(rows);
    }
}
