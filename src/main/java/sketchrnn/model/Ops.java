package sketchrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The few tensor operations the model needs beyond {@link NDArray}'s own, each one native call. */
final class Ops {
    private Ops() {
    }

    /** Epsilon of every layer norm of the reference (rnn.py). */
    static final float LAYER_NORM_EPSILON = 1e-3f;

    static NDArray sigmoid(NDArray x) {
        return x.getNDArrayInternal().sigmoid();
    }

    /**
     * {@code x·W + b} in one fused native call (addmm). Takes {@code wT}, W transposed {@code (out, in)}, as
     * the engine wants it (a view, no copy); {@code b} is {@code (out)}, or {@code (rows, out)} to add a
     * different vector to every row (the precomputed input projection of a time step); null for none.
     */
    static NDArray linear(NDArray x, NDArray wT, NDArray b) {
        return x.getNDArrayInternal().linear(x, wT, b).singletonOrThrow();
    }

    /**
     * Normalises every vector along the last axis to zero mean and unit variance (biased variance, epsilon
     * inside the square root: the reference's layer norm), then {@code * gamma + beta} with per-position
     * {@code gamma, beta} of the last axis's size.
     */
    static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        long n = x.getShape().get(x.getShape().dimension() - 1);
        return x.getNDArrayInternal().layerNorm(x, new Shape(n), gamma, beta, LAYER_NORM_EPSILON).singletonOrThrow();
    }

    /**
     * Inverted dropout masks for {@code steps} time steps at once (one random draw from the engine's RNG):
     * each entry is {@code 1/keep} with probability {@code keep}, else 0. Returns {@code steps} arrays of
     * {@code (rows, cols)}, or null when {@code keep >= 1} (no dropout).
     */
    static NDList dropoutMasks(NDManager scope, double keep, long steps, long rows, long cols, DataType dtype) {
        if (keep >= 1) {
            return null;
        }
        NDArray mask = dropoutMask(scope, keep, new Shape(steps * rows, cols), dtype); // (steps*rows, cols)
        return mask.split(steps, 0);                                                      // steps x (rows, cols)
    }

    /** One inverted dropout mask of the given shape: {@code 1/keep} with probability {@code keep}, else 0. */
    static NDArray dropoutMask(NDManager scope, double keep, Shape shape, DataType dtype) {
        return scope.randomUniform(0f, 1f, shape, dtype).lt(keep).toType(dtype, false).div(keep);
    }

    /** A vector of {@code 4n} with 1 in the forget-gate block (the third of i, j, f, o): the forget bias. */
    static NDArray forgetBias(NDManager scope, int n, DataType dtype) {
        float[] v = new float[4 * n];
        java.util.Arrays.fill(v, 2 * n, 3 * n, 1f);
        return scope.create(v).toType(dtype, false);
    }

    /**
     * The input side of a cell for all T steps at once, one matmul: {@code x_t · W_x (+ constant · W_c) + b}
     * for every step, where the cell's input is {@code [x_t ; constant]} and {@code wxh = [W_x ; W_c]}
     * stacks their weights by rows. The constant (the decoder's z, identical at every step) is projected
     * once per sequence instead of once per step.
     *
     * @param x        (T, B, Dx) inputs of every step
     * @param constant (B, Dc) or null
     * @param wxh      (Dx + Dc, G)
     * @param bias     (G) or null
     * @return (T*B, G), time-major: rows {@code t*B .. t*B+B-1} are step t
     */
    static NDArray projectInputs(NDArray x, NDArray constant, NDArray wxh, NDArray bias) {
        long steps = x.getShape().get(0);
        long batch = x.getShape().get(1);
        long dx = x.getShape().get(2);
        NDArray flat = x.reshape(steps * batch, dx);                            // (T*B, Dx)
        if (constant == null) {
            return linear(flat, wxh.transpose(), bias);                         // (T*B, G)
        }
        NDArray wx = wxh.get("0:{}", dx);                                       // (Dx, G)
        NDArray wc = wxh.get("{}:", dx);                                        // (Dc, G)
        NDArray perSequence = linear(constant, wc.transpose(), bias);           // (B, G)
        long g = wxh.getShape().get(1);
        return flat.matMul(wx).reshape(steps, batch, g).add(perSequence)        // (T, B, G)
                .reshape(steps * batch, g);                                     // (T*B, G)
    }

    /** A model-precision copy of Java data. */
    static NDArray tensor(NDManager scope, float[] data, Shape shape, DataType dtype) {
        return scope.create(data, shape).toType(dtype, false);
    }

    /** A scalar's value in double, whatever the array's precision. */
    static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }
}
