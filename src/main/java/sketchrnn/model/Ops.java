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
        return Libtorch.sigmoid(x);
    }

    /**
     * {@code x·W + b} in one fused native call (addmm). Takes {@code wT}, W transposed {@code (out, in)}, as
     * the engine wants it (a view, no copy); {@code b} is {@code (out)}, or {@code (rows, out)} to add a
     * different vector to every row (the precomputed input projection of a time step); null for none.
     */
    static NDArray linear(NDArray x, NDArray wT, NDArray b) {
        return Libtorch.linear(x, wT, b);
    }

    /**
     * Normalises every vector along the last axis to zero mean and unit variance (biased variance, epsilon
     * inside the square root: the reference's layer norm), then {@code * gamma + beta} with per-position
     * {@code gamma, beta} of the last axis's size.
     */
    static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        long n = x.getShape().get(x.getShape().dimension() - 1);
        return Libtorch.layerNorm(x, new Shape(n), gamma, beta, LAYER_NORM_EPSILON);
    }

    /**
     * The LSTM memory update shared by the cells (docs/model.md §6): from the gate activations' inputs
     * {@code [i, j, f, o]} (the forget bias already in f), {@code c' = σ(f) ⊙ c + σ(i) ⊙ d(tanh j)} with d the
     * recurrent dropout mask (null for none).
     *
     * @return {@code c'} and the output gate {@code σ(o)}, each (B, H); the cell makes {@code h'} from them
     */
    static NDList lstmMemory(NDList gates, NDArray c, NDArray mask) {
        NDArray i = sigmoid(gates.get(0));
        NDArray j = gates.get(1).tanh();
        NDArray f = sigmoid(gates.get(2));
        NDArray o = sigmoid(gates.get(3));
        NDArray g = mask == null ? j : j.mul(mask);                                      // d(tanh j)
        return new NDList(f.mul(c).add(i.mul(g)), o);                                    // c', σ(o)
    }

    /**
     * Inverted dropout masks for {@code steps} time steps at once (one draw from the pass's {@link Noise}):
     * each entry is {@code 1/keep} with probability {@code keep}, else 0. Returns {@code steps} arrays of
     * {@code (rows, cols)}, or null when {@code keep >= 1} or {@code noise} is null (no dropout).
     */
    static NDList dropoutMasks(Noise noise, NDManager scope, double keep, long steps, long rows, long cols,
            DataType dtype) {
        if (noise == null || keep >= 1) {
            return null;
        }
        return noise.mask(scope, keep, new Shape(steps * rows, cols), dtype).split(steps, 0); // steps x (rows, cols)
    }

    /** A vector of {@code 4n} with 1 in the forget-gate block (the third of i, j, f, o): the forget bias. */
    static NDArray forgetBias(NDManager scope, int n, DataType dtype) {
        float[] v = new float[4 * n];
        java.util.Arrays.fill(v, 2 * n, 3 * n, 1f);
        return scope.create(v).toType(dtype, false);
    }

    /**
     * The inputs of every step, one {@code (B, Dx)} view per step of {@code x (T, B, Dx)}.
     */
    static NDList steps(NDArray x) {
        long steps = x.getShape().get(0);
        return x.reshape(steps * x.getShape().get(1), x.getShape().get(2)).split(steps, 0); // T x (B, Dx)
    }

    /**
     * The part of a cell's input projection that is the same at every step: {@code bias + constant · W_c},
     * where the cell's input is {@code [x_t ; constant]} and {@code W_c} are the rows of {@code wxh} after
     * the first {@code dx}. The constant (the decoder's z) is thus projected once per sequence, not once
     * per step.
     *
     * @param constant (B, Dc) or null
     * @param wxh      (Dx + Dc, G)
     * @param bias     (G) or null
     * @return (B, G) with a constant; else {@code bias}, possibly null
     */
    static NDArray constantPart(NDArray constant, NDArray wxh, long dx, NDArray bias) {
        if (constant == null) {
            return bias;
        }
        return linear(constant, wxh.get("{}:", dx).transpose(), bias);                 // (B, G)
    }

    /**
     * A 0-dimensional constant in memory the engine owns, for arithmetic with a number on arrays that take
     * part in training. Never use DJL's {@code mul(Number)}, {@code div(Number)}, {@code maximum(Number)} there
     * (nor anywhere in this package: {@code ScalarArithmeticRuleTest} compiles the package and fails on any):
     * they wrap the number in an array over Java memory and close it right after the call, while autograd
     * keeps that array for the backward pass; once the garbage collector frees the Java memory, the
     * backward pass reads whatever is there. Copying the value makes it the engine's, kept alive by autograd.
     */
    static NDArray constant(NDManager scope, double v, DataType dtype) {
        try (NDArray wrapped = scope.create(v)) {                                      // over Java memory
            return engineCopy(wrapped, dtype);
        }
    }

    /**
     * A copy of {@code a} in {@code dtype} in memory the engine owns. DJL's {@code toType(sameType, true)} does
     * not copy (it returns the same memory), so an array over Java memory is duplicated instead.
     */
    static NDArray engineCopy(NDArray a, DataType dtype) {
        return a.getDataType() == dtype ? a.duplicate() : a.toType(dtype, true);
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
