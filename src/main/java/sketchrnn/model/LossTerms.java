package sketchrnn.model;

import ai.djl.ndarray.NDArray;

/**
 * The loss of one batch (docs/model.md §8, paper Eq. 9-12).
 *
 * @param cost   scalar {@code L_R + klWeight * max(L_KL, kl_tolerance)} (just {@code L_R} for unconditional
 *               models), part of the autograd graph: call backward on it
 * @param recon  {@code L_R = offset + pen}
 * @param offset {@code L_s}: the offset negative log-likelihood, masked to real points, averaged over B·T
 * @param pen    {@code L_p}: the pen cross-entropy averaged over B·T (masked like L_s in evaluation only)
 * @param kl     {@code L_KL}, not floored; 0 for unconditional models
 */
public record LossTerms(NDArray cost, float recon, float offset, float pen, float kl) {
    /** The values as the metrics every trainer, log and file reads ({@link LossMetrics}). */
    public Metrics metrics() {
        return LossMetrics.of(Ops.scalar(cost), recon, offset, pen, kl);
    }
}
