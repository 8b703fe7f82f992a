package sketchrnn.sample;

import java.util.random.RandomGenerator;
import sketchrnn.model.MixtureDensityHead;
import sketchrnn.model.StrictRandom;

/**
 * Draws the next point of one sketch from one row of raw decoder output
 * {@code y = [pen logits (3) | pi (M) | mu_x (M) | mu_y (M) | log sigma_x (M) | log sigma_y (M) | rho (M)]}
 * (the layout of {@link MixtureDensityHead}), in Java, at a temperature τ (docs/model.md §11.1-11.2):
 * <ol>
 *   <li>a mixture component j from {@code softmax(pi logits / τ)};</li>
 *   <li>a pen state from {@code softmax(pen logits / τ)};</li>
 *   <li>{@code (dx, dy)} from component j's bivariate normal with {@code sigma = exp(log sigma) * s(τ)}
 *       ({@link SigmaScaling}) and correlation {@code rho = tanh(.)}:
 *       {@code dx = mu_x + sigma_x e1}, {@code dy = mu_y + sigma_y (rho e1 + sqrt(1 - rho²) e2)}.</li>
 * </ol>
 * Greedy: the argmax component, the argmax pen state and the component's mean. The random draws are made
 * in this fixed order (component, pen, e1, e2) from the sketch's own generator, so a seeded stream always
 * gives the same points. Not thread-safe (scratch space); one per sampling call.
 */
final class PointSampler {
    /** Pen states, as stroke-5 one-hot positions: pen down, pen up after the point, end of sketch. */
    static final int PEN_DOWN = 0;
    static final int PEN_UP = 1;
    static final int END = 2;

    private final int m;
    private final double tau;
    private final boolean greedy;
    private final double sigmaFactor;
    private final double[] weights;

    PointSampler(int numMixture, SamplingOptions o) {
        this.m = numMixture;
        this.tau = o.temperature();
        this.greedy = o.greedy();
        this.sigmaFactor = o.sigmaScaling().factor(o.temperature());
        this.weights = new double[Math.max(numMixture, MixtureDensityHead.PEN_STATES)];
    }

    /** Size of one row of y. */
    int rowSize() {
        return MixtureDensityHead.PEN_STATES + 6 * m;
    }

    /**
     * Samples a point from the row of {@code y} starting at {@code at}.
     *
     * @param out receives {@code (dx, dy)} in model units at {@code out[outAt]}, {@code out[outAt + 1]}
     * @return the pen state: {@link #PEN_DOWN}, {@link #PEN_UP} or {@link #END}
     */
    int sample(float[] y, int at, RandomGenerator rng, float[] out, int outAt) {
        // 1. The mixture component.
        int j = choose(y, at + 3, m, rng);
        // 2. The pen state.
        int pen = choose(y, at, 3, rng);
        // 3. The offset from component j.
        double muX = y[at + 3 + m + j];
        double muY = y[at + 3 + 2 * m + j];
        if (greedy) {
            out[outAt] = (float) muX;
            out[outAt + 1] = (float) muY;
            return pen;
        }
        double sx = StrictMath.exp(y[at + 3 + 3 * m + j]) * sigmaFactor;
        double sy = StrictMath.exp(y[at + 3 + 4 * m + j]) * sigmaFactor;
        double rho = StrictMath.tanh(y[at + 3 + 5 * m + j]);
        double e1 = StrictRandom.gaussian(rng);
        double e2 = StrictRandom.gaussian(rng);
        out[outAt] = (float) (muX + sx * e1);
        out[outAt + 1] = (float) (muY + sy * (rho * e1 + Math.sqrt(Math.max(0, 1 - rho * rho)) * e2));
        return pen;
    }

    /** An index drawn from {@code softmax(logits / τ)} over {@code n} logits at {@code from}; the argmax when greedy. */
    private int choose(float[] logits, int from, int n, RandomGenerator rng) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (logits[from + k] > logits[from + best]) {
                best = k;
            }
        }
        if (greedy) {
            return best;
        }
        double max = logits[from + best];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            weights[k] = StrictMath.exp((logits[from + k] - max) / tau); // (0, 1], the largest is 1: no overflow
            sum += weights[k];
        }
        double u = rng.nextDouble() * sum;
        for (int k = 0; k < n; k++) {
            u -= weights[k];
            if (u < 0) {
                return k;
            }
        }
        for (int k = n - 1; k > 0; k--) { // rounding left u just above zero: the last possible index
            if (weights[k] > 0) {
                return k;
            }
        }
        return 0;
    }
}
