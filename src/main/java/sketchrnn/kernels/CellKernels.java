package sketchrnn.kernels;

/**
 * Fused element-wise passes of an LSTM cell over one row (one sketch at one step), for the fused engine. The
 * gate vectors of a row are stored as [i | j | f | o], H each. Both implementations compute the same formulas;
 * the Vector API one with FMA where it fits (so results may differ in the last bit).
 */
public final class CellKernels {
    private static final Kernels K = KernelSelection.INSTANCE;

    private CellKernels() {}

    /**
     * The input projection of a row with at most three non-zero inputs: {@code y[yOff+i] = k[kOff+i] + x0·w[w0+i]
     * + x1·w[w1+i] + x2·w[w2+i]} for {@code i < n}, with only the first {@code terms} (0 to 3) products.
     */
    public static void inputRow(float[] y, int yOff, float[] k, int kOff, float[] w, int terms, float x0, int w0, float x1,
            int w1, float x2, int w2, int n) {
        if (terms < 0 || terms > 3) {
            throw new IllegalArgumentException("terms must be 0..3, got " + terms);
        }
        K.inputRow(y, yOff, k, kOff, w, terms, x0, w0, x1, w1, x2, w2, n);
    }

    /**
     * The new cell state of one row, {@code c' = f⊙c + i⊙m⊙j}: from the activations σ(a_i), tanh(a_j), σ(a_f) in
     * {@code act[p..p+3H)} and the previous state {@code c[cPrevOff..)} into {@code c[cNextOff..)} (m, the recurrent
     * dropout mask, or 1 when {@code m} is null).
     */
    public static void cellState(int h, float[] act, int p, float[] c, int cPrevOff, int cNextOff, float[] m, int mOff) {
        K.cellState(h, act, p, c, cPrevOff, cNextOff, m, mOff);
    }

    /** {@code out[outOff+i] = x[xOff+i]·y[yOff+i]} for {@code i < n} (h' = o⊙tanh(c')). */
    public static void multiply(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        K.multiply(x, xOff, y, yOff, out, outOff, n);
    }

    /**
     * Layer normalisation of {@code v[o..o+n)} in place: {@code v ← (v - mean) · rstd}, with the biased variance;
     * returns {@code rstd = 1 / sqrt(var + eps)}.
     */
    public static float normalise(float[] v, int o, int n, float eps) {
        return K.normalise(v, o, n, eps);
    }

    /**
     * The backward pass of {@link #normalise}: from {@code g = dL/dx̂} and the normalised {@code x̂}, writes
     * {@code dL/dx = rstd·(g - mean(g) - x̂·mean(g⊙x̂))} to {@code out} (which may be {@code g} or {@code x̂} at the
     * same offset).
     */
    public static void normaliseBackward(float[] g, int go, float[] xHat, int xo, float rstd, float[] out, int oo, int n) {
        K.normaliseBackward(g, go, xHat, xo, rstd, out, oo, n);
    }

    /** {@code out[oo+i] = x[xo+i]·gamma[go+i] + beta[bo+i]} for {@code i < n} (the gain and shift of layer norm). */
    public static void affine(float[] x, int xo, float[] gamma, int go, float[] beta, int bo, float[] out, int oo, int n) {
        K.affine(x, xo, gamma, go, beta, bo, out, oo, n);
    }

    /**
     * The backward pass of {@link #affine} with respect to all three: {@code grad[ggo+i] += d·x̂} (dL/dγ),
     * {@code grad[gbo+i] += d} (dL/dβ), then {@code d ← d·γ} in place (dL/dx̂).
     */
    public static void affineBackward(float[] d, int dOff, float[] xHat, int xo, float[] gamma, int go, float[] grad, int ggo,
            int gbo, int n) {
        K.affineBackward(d, dOff, xHat, xo, gamma, go, grad, ggo, gbo, n);
    }

    /**
     * The backward pass of one row of an LSTM cell step {@code c' = f⊙c + i⊙m⊙j, h' = o⊙tanh(c')} (m, the
     * recurrent dropout mask, or 1 without one). In: {@code act[p..p+4H)} holds the activations σ(a_i), tanh(a_j),
     * σ(a_f), σ(a_o); {@code dh} dL/dh'; {@code tanhC} tanh(c'); {@code c} the previous cell c; {@code dc}
     * dL/dc' from later steps. Out, in place: {@code act[p..p+4H)} = dL/da (the gate pre-activations), {@code dc}
     * = dL/dc; and dL/da is added to {@code grad[biasOff..+4H)} and, unless {@code daSum} is null, to
     * {@code daSum[sumOff..+4H)}.
     * <pre>
     *   dc' = dc + dh·o·(1 - tanh²c')      da_o = dh·tanh(c')·o(1 - o)
     *   da_i = dc'·j·m·i(1 - i)      da_j = dc'·i·m·(1 - j²)      da_f = dc'·c·f(1 - f)      dc ← dc'·f
     * </pre>
     */
    public static void lstmBackwardRow(int h, float[] act, int p, float[] dh, int dhOff, float[] tanhC, int tcOff, float[] c,
            int cOff, float[] dc, int dcOff, float[] m, int mOff, float[] grad, int biasOff, float[] daSum, int sumOff) {
        K.lstmBackwardRow(h, act, p, dh, dhOff, tanhC, tcOff, c, cOff, dc, dcOff, m, mOff, grad, biasOff, daSum, sumOff);
    }
}
