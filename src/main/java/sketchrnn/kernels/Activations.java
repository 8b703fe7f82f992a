package sketchrnn.kernels;

/**
 * Element-wise exp, logistic sigmoid and tanh on {@code float[]} ranges.
 *
 * <p>Accuracy (both implementations): exp within 2e-6 relative error on [-87, 88] (+Inf above ~88.72, 0 or
 * tiny below ~-87.3), sigmoid and tanh within 1e-6 absolute error everywhere, saturating to exactly 0, ±1
 * for large |x| and never producing NaN or Inf for finite input; NaN in gives NaN out. {@code x} and
 * {@code y} may be the same array with the same offset (in place); other overlaps are not allowed.
 */
public final class Activations {
    private static final Kernels K = KernelSelection.INSTANCE;

    private Activations() {}

    /** y[yOff+i] = 1 / (1 + exp(-x[xOff+i])) for 0 ≤ i &lt; n. */
    public static void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        K.sigmoid(x, xOff, y, yOff, n);
    }

    /** y[yOff+i] = tanh(x[xOff+i]) for 0 ≤ i &lt; n. */
    public static void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        K.tanh(x, xOff, y, yOff, n);
    }

    /** y[yOff+i] = exp(x[xOff+i]) for 0 ≤ i &lt; n. */
    public static void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        K.exp(x, xOff, y, yOff, n);
    }
}
