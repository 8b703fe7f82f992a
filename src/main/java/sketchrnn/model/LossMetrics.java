package sketchrnn.model;

import java.util.List;

/**
 * The metrics of sketch-rnn training, defined once (docs/model.md §8): both losses (the DJL model's and the
 * fused engine's) report them, and the training log, {@code metrics.csv}, the checkpoints' {@code valid_*}
 * and {@code test_*} entries and {@code eval}'s JSON are derived from this list. Adding a term: define it
 * here, add it to {@link #ALL}, and compute it in both losses ({@link #of}).
 */
public final class LossMetrics {
    /** {@code w_KL}, the KL weight of the step (the annealing schedule's value; validation: the final weight). */
    public static final Metric KLW = new Metric("klw", "kl_weight", "%.4f", Metric.Kind.SETTING);
    /** {@code L_R + w_KL max(L_KL, kl_tolerance)}: what training minimises and validation selects by. */
    public static final Metric COST = new Metric("cost", "cost", "%8.4f", Metric.Kind.OBJECTIVE);
    /** {@code L_R = L_s + L_p}. */
    public static final Metric RECON = new Metric("recon", "recon_loss", "%8.4f", Metric.Kind.TERM);
    /** {@code L_s}: the offsets' negative log-likelihood. */
    public static final Metric OFFSET = new Metric("offset", "offset_loss", null, Metric.Kind.TERM);
    /** {@code L_p}: the pen states' cross-entropy. */
    public static final Metric PEN = new Metric("pen", "pen_loss", null, Metric.Kind.TERM);
    /** {@code L_KL}, not floored. */
    public static final Metric KL = new Metric("kl", "kl_loss", "%7.4f", Metric.Kind.TERM);

    /** Every metric, in the order of the CSV columns and the log line. */
    public static final List<Metric> ALL = List.of(KLW, COST, RECON, OFFSET, PEN, KL);

    private LossMetrics() {
    }

    /** The metrics of one loss evaluation. */
    public static Metrics of(double cost, double recon, double offset, double pen, double kl) {
        return Metrics.empty().with(COST, cost).with(RECON, recon).with(OFFSET, offset).with(PEN, pen).with(KL, kl);
    }

    /** The metric of that short name, or null. */
    public static Metric named(String name) {
        for (Metric m : ALL) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
