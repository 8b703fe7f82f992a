package sketchrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import sketchrnn.data.Batch;

/**
 * The loss of docs/model.md §8, exactly as the reference code computes it (paper Eq. 9-12), in the model's precision.
 * <pre>
 *   L_s = -log( Σ_j pi_j N(dx, dy | mu_j, sigma_j, rho_j) + 1e-6 ) ⊙ (1 - p3)      (Eq. 9; N: Graves Eq. 24-25)
 *   L_p = -Σ_k p_k log q_k            (masked by 1 - p3 in evaluation only)       (Eq. 9)
 *   L_R = (sum over the batch and its T steps of (L_s + L_p)) / (B · N_max)
 *   L_KL = -0.5 mean(1 + sigma_hat - mu² - exp(sigma_hat))                         (Eq. 10)
 *   cost = L_R + w_KL · max(L_KL, kl_tolerance)                                   (Eq. 11-12)
 * </pre>
 * Constants are engine-owned arrays of the model's precision ({@link Ops#constant}).
 * T is the batch's own padded length ({@link Batch#maxLen()}): N_max ({@code max_seq_len}) when batches are
 * padded as the reference pads them, the longest sketch of the batch when the trainer groups sketches by
 * length. The divisor is always N_max (or T if longer), as docs/model.md §8.2 says: a batch of short sketches then
 * weighs what it weighs in the reference (the steps it does not pad to would add only L_p terms of
 * padding, near zero once learned), and its gradients are not inflated by N_max / T.
 */
final class SketchRnnLoss {
    private SketchRnnLoss() {
    }

    private static final float EPSILON = 1e-6f;

    /**
     * @param y       (T*B, 3+6M) raw head outputs, time-major
     * @param encoded mu and sigma_hat, null when unconditional
     */
    static LossTerms of(MixtureDensityHead head, NDArray y, Batch batch, Encoded encoded, boolean training,
            float klWeight, double klTolerance, int nMax) {
        NDManager scope = y.getManager();
        DataType dtype = y.getDataType();
        Targets target = Targets.of(batch, scope, dtype);
        MixtureDensityHead.Mixture m = head.mixture(y, 1, 1);

        NDArray density = bivariateNormal(target.dx, target.dy, m).mul(m.pi()).sum(new int[] {1}, true); // (N, 1)
        NDArray offsetLoss = density.add(EPSILON).log().neg().mul(target.real);                // (N, 1) L_s
        NDArray penLoss = m.penLogits().logSoftmax(1).mul(target.pen).sum(new int[] {1}, true).neg(); // (N, 1) L_p
        if (!training) {
            penLoss = penLoss.mul(target.real);
        }
        float share = (float) batch.maxLen() / Math.max(batch.maxLen(), nMax);                // T / N_max
        NDArray shareT = Ops.constant(scope, share, dtype);
        NDArray offset = offsetLoss.mean().mul(shareT);                                        // () sum / (B N_max)
        NDArray pen = penLoss.mean().mul(shareT);                                              // ()
        NDArray recon = offset.add(pen);                                                       // () L_R

        NDArray cost = recon;
        double kl = 0;
        if (encoded != null) {
            NDArray mu = encoded.mu();
            NDArray sigmaHat = encoded.sigmaHat();
            NDArray klLoss = sigmaHat.add(1).sub(mu.square()).sub(sigmaHat.exp()).mean()
                    .mul(Ops.constant(scope, -0.5, dtype));                                    // () L_KL
            cost = recon.add(klLoss.maximum(Ops.constant(scope, klTolerance, dtype))
                    .mul(Ops.constant(scope, klWeight, dtype)));
            kl = Ops.scalar(klLoss);
        }
        return new LossTerms(cost, (float) Ops.scalar(recon), (float) Ops.scalar(offset), (float) Ops.scalar(pen),
                (float) kl);
    }

    /**
     * Graves 2013 Eq. 24-25: the density of (dx, dy) under each bivariate normal component.
     * <pre>
     *   Z = ((dx-mu_x)/s_x)² + ((dy-mu_y)/s_y)² - 2 rho (dx-mu_x)(dy-mu_y) / (s_x s_y)
     *   N = exp(-Z / (2(1-rho²))) / (2π s_x s_y sqrt(1-rho²))
     * </pre>
     *
     * @return (N, M)
     */
    static NDArray bivariateNormal(NDArray dx, NDArray dy, MixtureDensityHead.Mixture m) {
        NDArray nx = dx.sub(m.muX()).div(m.sigmaX());                                  // (N, M)
        NDArray ny = dy.sub(m.muY()).div(m.sigmaY());                                  // (N, M)
        NDManager scope = dx.getManager();
        DataType dtype = dx.getDataType();
        NDArray two = Ops.constant(scope, 2, dtype);
        NDArray z = nx.square().add(ny.square()).sub(nx.mul(ny).mul(m.rho()).mul(two)); // (N, M)
        NDArray oneMinusRho2 = m.rho().square().neg().add(1);                          // (N, M)
        NDArray norm = m.sigmaX().mul(m.sigmaY()).mul(oneMinusRho2.sqrt()).mul(Ops.constant(scope, 2 * Math.PI, dtype));
        return z.div(oneMinusRho2.mul(Ops.constant(scope, -2, dtype))).exp().div(norm); // (N, M)
    }

    /** The targets S_1..S_T of a batch, time-major like y (row t*B + b is point t+1 of sketch b). */
    private record Targets(NDArray dx, NDArray dy, NDArray pen, NDArray real) {
        static Targets of(Batch batch, NDManager scope, DataType dtype) {
            int size = batch.size();
            int steps = batch.maxLen();
            int n = steps * size;
            float[] dx = new float[n];
            float[] dy = new float[n];
            float[] pen = new float[3 * n];
            float[] real = new float[n];
            float[] s = batch.strokes();
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < size; b++) {
                    int from = batch.row(b, t + 1);
                    int row = t * size + b;
                    dx[row] = s[from];
                    dy[row] = s[from + 1];
                    System.arraycopy(s, from + 2, pen, 3 * row, 3);
                    real[row] = 1 - s[from + 4];                                       // 1 - p3
                }
            }
            Shape column = new Shape(n, 1);
            return new Targets(Ops.tensor(scope, dx, column, dtype), Ops.tensor(scope, dy, column, dtype),
                    Ops.tensor(scope, pen, new Shape(n, 3), dtype), Ops.tensor(scope, real, column, dtype));
        }
    }
}
