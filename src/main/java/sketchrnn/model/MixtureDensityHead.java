package sketchrnn.model;

import static sketchrnn.model.Ops.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * The mixture density output of docs/model.md §7 (paper Eq. 3, 6-8; Graves 2013 section 4.1): {@code y = h·W_y + b_y}
 * with {@code 3 + 6M} values per step, laid out as contiguous blocks
 * <pre>
 *   [pen logits (3) | pi (M) | mu_x (M) | mu_y (M) | log sigma_x (M) | log sigma_y (M) | rho (M)]
 * </pre>
 * and turned into a distribution of the next point: a pen state {@code q = softmax(pen logits)}, and a
 * mixture of M bivariate normals with weights {@code pi = softmax}, deviations {@code sigma = exp} and
 * correlations {@code rho = tanh}.
 *
 * <p>Parameters: {@code output/w (H, 3+6M)}, {@code output/b (3+6M)}.
 */
public final class MixtureDensityHead {
    /** Number of pen states (p1, p2, p3). */
    public static final int PEN_STATES = 3;

    private final int units;
    private final int numMixture;

    public MixtureDensityHead(int units, int numMixture) {
        this.units = units;
        this.numMixture = numMixture;
    }

    /** M, the number of mixture components. */
    public int numMixture() {
        return numMixture;
    }

    /** Size of y: {@code 3 + 6M}. */
    public int outputSize() {
        return PEN_STATES + 6 * numMixture;
    }

    List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.matrix("output/w", units, outputSize(), new Init.GlorotUniform()),
                ParameterSpec.vector("output/b", outputSize(), new Init.GlorotUniform()));
    }

    /** {@code y = h·W_y + b_y}: (N, H) to (N, 3+6M). */
    NDArray project(Weights w, NDArray h) {
        return prepare(w).apply(h);
    }

    /** The projection with its weights prepared once (single steps: sampling). */
    Projection prepare(Weights w) {
        NDArray wT = w.get("output/w").transpose();                                    // (3+6M, H)
        NDArray b = w.get("output/b");                                                 // (3+6M)
        return h -> linear(h, wT, b);
    }

    /** {@code h (N, H)} to {@code y (N, 3+6M)}. */
    @FunctionalInterface
    interface Projection {
        NDArray apply(NDArray h);
    }

    /**
     * The distribution parameters of raw outputs y at a temperature τ, as the paper samples (section 3.3):
     * pen and pi are the softmax of their logits divided by τ, and the variances are scaled by τ
     * ({@code sigma = exp(log sigma) * sqrt(τ)}). τ = 1 gives the model's own distribution.
     *
     * @param y (N, 3+6M)
     */
    public Mixture mixture(NDArray y, double temperature) {
        return mixture(y, temperature, Math.sqrt(temperature));
    }

    /**
     * The distribution parameters with separate controls: pen and pi logits are divided by
     * {@code logitTemperature}; sigma is multiplied by {@code sigmaScale} (the paper: sqrt(τ); the reference
     * TensorFlow sampler: τ).
     *
     * @param y (N, 3+6M)
     */
    public Mixture mixture(NDArray y, double logitTemperature, double sigmaScale) {
        int m = numMixture;
        NDList b = y.split(new long[] {3, 3 + m, 3 + 2L * m, 3 + 3L * m, 3 + 4L * m, 3 + 5L * m}, 1);
        NDArray penLogits = b.get(0);                                                  // (N, 3)
        NDArray piLogits = b.get(1);                                                   // (N, M)
        if (logitTemperature != 1) {
            NDArray t = Ops.constant(y.getManager(), logitTemperature, y.getDataType());
            penLogits = penLogits.div(t);
            piLogits = piLogits.div(t);
        }
        NDArray sigmaX = b.get(4).exp();                                               // (N, M)
        NDArray sigmaY = b.get(5).exp();                                               // (N, M)
        if (sigmaScale != 1) {
            NDArray s = Ops.constant(y.getManager(), sigmaScale, y.getDataType());
            sigmaX = sigmaX.mul(s);
            sigmaY = sigmaY.mul(s);
        }
        return new Mixture(penLogits, penLogits.softmax(1), piLogits.softmax(1), b.get(2), b.get(3),
                sigmaX, sigmaY, b.get(6).tanh());
    }

    /**
     * The next point's distribution, each array with one row per step.
     *
     * @param penLogits (N, 3) pen logits (divided by the temperature)
     * @param pen       (N, 3) pen state probabilities q
     * @param pi        (N, M) mixture weights
     * @param muX       (N, M)
     * @param muY       (N, M)
     * @param sigmaX    (N, M) standard deviations, positive
     * @param sigmaY    (N, M)
     * @param rho       (N, M) correlations in (-1, 1)
     */
    public record Mixture(NDArray penLogits, NDArray pen, NDArray pi, NDArray muX, NDArray muY, NDArray sigmaX,
            NDArray sigmaY, NDArray rho) {
    }
}
