package sketchrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * The random numbers of one pass of the DJL model (the latent noise ε and the dropout masks), drawn in Java
 * from a generator of the pass's own seed and copied into the engine: nothing reads or reseeds the engine's
 * process-wide generator, so two runs in one JVM (or two threads) cannot disturb each other, and a pass is
 * repeated by repeating its seed. Draws are made in the order the pass asks for them. A {@code Noise} is
 * used by one pass at a time.
 */
public final class Noise {
    private final SplittableRandom rng;

    private Noise(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** The noise of a pass seeded {@code seed} (a training step: its step seed). */
    public static Noise seeded(long seed) {
        return new Noise(seed);
    }

    /** {@code eps ~ N(0, I)} of the given shape, in {@code dtype}. */
    NDArray gaussian(NDManager scope, Shape shape, DataType dtype) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) StrictRandom.gaussian(rng);
        }
        return Ops.tensor(scope, v, shape, dtype);
    }

    /**
     * An inverted dropout mask: each entry {@code 1/keep} with probability {@code keep} (to 1/65536), else 0.
     */
    NDArray mask(NDManager scope, double keep, Shape shape, DataType dtype) {
        float[] m = new float[Math.toIntExact(shape.size())];
        StrictRandom.dropoutMask(rng, m, 0, m.length, keep);
        return Ops.tensor(scope, m, shape, dtype);
    }
}
