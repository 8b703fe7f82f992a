package sketchrnn.engine;

import sketchrnn.kernels.Gemm;

/**
 * The mixture density head and the reconstruction loss (docs/model.md, paper Eq. 6-9; Graves 2013 Eq.
 * 24-25), forward and backward in one pass per row. For each decoder output {@code h}:
 * <pre>
 *   y = h·W_y + b_y = [pen logits (3) | π logits | μ_x | μ_y | log σ_x | log σ_y | ρ̂]   (3 + 6M)
 *   N_j = exp(-Z_j / 2(1-ρ_j²)) / (2π σ_x σ_y sqrt(1-ρ_j²)),  Z_j = n_x² + n_y² - 2ρ_j n_x n_y,  n = (d - μ)/σ
 *   L_s = -log(Σ_j π_j N_j + 1e-6) ⊙ (1 - p3),   L_p = -Σ_k p_k log softmax(pen)_k  (⊙ (1 - p3) in evaluation)
 * </pre>
 * Both sums are divided by {@code B · max(T, N_max)}. The gradient with respect to y, written where y was:
 * with {@code γ_j = π_j N_j / (Σπ N + 1e-6)} and {@code q = 1 - ρ²},
 * <pre>
 *   dL_s/dπ̂_k = π_k (Σπ N)/(Σπ N + 1e-6) - γ_k
 *   dL_s/dμ_x = -γ (n_x - ρ n_y)/(q σ_x)          dL_s/dlog σ_x = -γ ((n_x² - ρ n_x n_y)/q - 1)
 *   dL_s/dρ̂   = -γ (n_x n_y - ρ Z/q + ρ)          dL_p/dpen_k = softmax_k - p_k
 * </pre>
 * The per-row arithmetic is in double; the products are float GEMMs.
 */
final class MixtureDensityLoss {
    static final double EPSILON = 1e-6;

    final int units;      // H
    final int mixtures;   // M
    final int outputs;    // 3 + 6M
    private final int wy;
    private final int by;

    MixtureDensityLoss(FlatParameters p, int units, int mixtures) {
        this.units = units;
        this.mixtures = mixtures;
        this.outputs = 3 + 6 * mixtures;
        wy = p.offset("output/w");
        by = p.offset("output/b");
    }

    /** Per shard: y (and then dL/dy) of every step, dL/dh of every step. */
    final class Trace {
        final float[] y;      // (T·rows, 3+6M)
        final float[] dh;     // (T·rows, H)

        Trace(int rows, int maxSteps) {
            y = new float[rows * maxSteps * outputs];
            dh = new float[rows * maxSteps * units];
        }

        long bytes() {
            return 4L * (y.length + dh.length);
        }
    }

    Trace newTrace(int rows, int maxSteps) {
        return new Trace(rows, maxSteps);
    }

    /** Sums of the two loss terms over rows (not yet divided). */
    record Sums(double offset, double pen) {
    }

    /**
     * Projects {@code h (n, H)} (rows {@code hOff/H ..}), computes the loss of every row against the
     * targets and, when {@code scale > 0}, leaves {@code scale · dL/dy} in {@code s.y}.
     *
     * @param target (n, 5) stroke-5 targets S_{t+1}, row-aligned with h
     * @param maskPen true: the pen loss counts real points only (evaluation)
     */
    Sums forward(float[] theta, Trace s, float[] h, int hOff, int n, float[] target, boolean maskPen, double scale) {
        // y = h·W_y + b_y                                                               (n, 3+6M)
        Gemm.nn(n, outputs, units, h, hOff, units, theta, wy, outputs, s.y, 0, outputs, false);
        double offsetSum = 0;
        double penSum = 0;
        int mm = mixtures;
        double[] pi = new double[mm];
        double[] nd = new double[mm];
        double[] sxA = new double[mm];
        double[] syA = new double[mm];
        double[] rhoA = new double[mm];
        double[] nxA = new double[mm];
        double[] nyA = new double[mm];
        double[] zA = new double[mm];
        for (int i = 0; i < n; i++) {
            int o = i * outputs;
            for (int k = 0; k < outputs; k++) {
                s.y[o + k] += theta[by + k];
            }
            int tg = i * 5;
            double dx = target[tg];
            double dy = target[tg + 1];
            double real = 1 - target[tg + 4];
            // pen: log-softmax cross entropy
            double l0 = s.y[o];
            double l1 = s.y[o + 1];
            double l2 = s.y[o + 2];
            double lmax = Math.max(l0, Math.max(l1, l2));
            double e0 = Math.exp(l0 - lmax);
            double e1 = Math.exp(l1 - lmax);
            double e2 = Math.exp(l2 - lmax);
            double es = e0 + e1 + e2;
            double logZ = lmax + Math.log(es);
            double p0 = target[tg + 2];
            double p1 = target[tg + 3];
            double p2 = target[tg + 4];
            double penW = maskPen ? real : 1;
            penSum += -(p0 * (l0 - logZ) + p1 * (l1 - logZ) + p2 * (l2 - logZ)) * penW;
            // mixture weights
            int op = o + 3;
            double pmax = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < mm; j++) {
                pmax = Math.max(pmax, s.y[op + j]);
            }
            double psum = 0;
            for (int j = 0; j < mm; j++) {
                pi[j] = Math.exp(s.y[op + j] - pmax);
                psum += pi[j];
            }
            double density = 0;
            for (int j = 0; j < mm; j++) {
                pi[j] /= psum;
                double sx = Math.exp(s.y[o + 3 + 3 * mm + j]);
                double sy = Math.exp(s.y[o + 3 + 4 * mm + j]);
                double rho = 1 - 2 / (Math.exp(2.0 * s.y[o + 3 + 5 * mm + j]) + 1); // tanh (Math.exp is intrinsic)
                double nx = (dx - s.y[o + 3 + mm + j]) / sx;
                double ny = (dy - s.y[o + 3 + 2 * mm + j]) / sy;
                double q = 1 - rho * rho;
                double z = nx * nx + ny * ny - 2 * rho * nx * ny;
                nd[j] = Math.exp(-z / (2 * q)) / (2 * Math.PI * sx * sy * Math.sqrt(q));
                density += pi[j] * nd[j];
                sxA[j] = sx;
                syA[j] = sy;
                rhoA[j] = rho;
                nxA[j] = nx;
                nyA[j] = ny;
                zA[j] = z;
            }
            offsetSum += -Math.log(density + EPSILON) * real;
            if (scale <= 0) {
                continue;
            }
            // dL/dy, scaled, written over y
            double gp = scale * penW;
            s.y[o] = (float) (gp * (e0 / es - p0));
            s.y[o + 1] = (float) (gp * (e1 / es - p1));
            s.y[o + 2] = (float) (gp * (e2 / es - p2));
            double go = scale * real;
            double denom = density + EPSILON;
            for (int j = 0; j < mm; j++) {
                double sx = sxA[j];
                double sy = syA[j];
                double rho = rhoA[j];
                double nx = nxA[j];
                double ny = nyA[j];
                double q = 1 - rho * rho;
                double z = zA[j];
                double gamma = pi[j] * nd[j] / denom;
                double g = -go * gamma;
                s.y[o + 3 + j] = (float) (go * (pi[j] * density / denom - gamma));
                s.y[o + 3 + mm + j] = (float) (g * (nx - rho * ny) / (q * sx));
                s.y[o + 3 + 2 * mm + j] = (float) (g * (ny - rho * nx) / (q * sy));
                s.y[o + 3 + 3 * mm + j] = (float) (g * ((nx * nx - rho * nx * ny) / q - 1));
                s.y[o + 3 + 4 * mm + j] = (float) (g * ((ny * ny - rho * nx * ny) / q - 1));
                s.y[o + 3 + 5 * mm + j] = (float) (g * (nx * ny - rho * z / q + rho));
            }
        }
        return new Sums(offsetSum, penSum);
    }

    /**
     * From {@code dL/dy} in {@code s.y}: adds dW_y, db_y to {@code grad} and writes dL/dh of every row to
     * {@code s.dh}.
     */
    void backward(float[] theta, float[] grad, Trace s, float[] h, int hOff, int n) {
        Gemm.nt(n, units, outputs, s.y, 0, outputs, theta, wy, outputs, s.dh, 0, units, false);   // dh = dy·W_yᵀ
        Gemm.tn(units, outputs, n, h, hOff, units, s.y, 0, outputs, grad, wy, outputs, true);      // dW_y += hᵀ·dy
        LstmLayer.columnSums(s.y, n, outputs, grad, by);                                          // db_y += Σ dy
    }
}
