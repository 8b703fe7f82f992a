package sketchrnn.engine;

import java.util.SplittableRandom;
import sketchrnn.model.StrictRandom;

/**
 * The random numbers of one sketch in one training step: its latent noise ε and its recurrent dropout
 * masks. They come from a generator seeded by (step seed, row of the batch), so they do not depend on how
 * the batch is split between threads, and a resumed run draws what the uninterrupted one drew.
 */
final class SketchRandom {
    private final SplittableRandom rng;

    SketchRandom(long stepSeed, int row) {
        long h = stepSeed * 0x9E3779B97F4A7C15L + (row + 1L) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        rng = new SplittableRandom(h);
    }

    /** {@code n} draws of N(0, 1) into {@code out[o..)}. */
    void gaussians(float[] out, int o, int n) {
        for (int i = 0; i < n; i++) {
            out[o + i] = (float) StrictRandom.gaussian(rng);
        }
    }

    /**
     * An inverted dropout mask: {@code 1/keep} with probability {@code keep} (to 1/65536), else 0, for
     * {@code steps} steps of {@code units} values of row {@code r} in a time-major {@code (T·rows, H)} array.
     */
    void mask(float[] m, int r, int rows, int steps, int units, float keep) {
        for (int t = 0; t < steps; t++) {
            StrictRandom.dropoutMask(rng, m, (t * rows + r) * units, units, keep);
        }
    }
}
