package sketchrnn.sample;

/**
 * How the temperature τ scales the spread of the offset distributions (docs/model.md §11.2). The paper and the
 * reference code disagree; both are offered. (Pen and mixture logits are divided by τ in both.)
 */
public enum SigmaScaling {
    /** {@code sigma * sqrt(τ)}: the variance scaled by τ, as the paper writes and {@code @magenta/sketch} does. The default. */
    PAPER,
    /** {@code sigma * τ}: what the reference TensorFlow sampler actually computes. */
    REFERENCE;

    /** The factor applied to both standard deviations at temperature {@code tau}. */
    public double factor(double tau) {
        return this == PAPER ? Math.sqrt(tau) : tau;
    }
}
