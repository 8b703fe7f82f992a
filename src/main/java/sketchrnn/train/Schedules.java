package sketchrnn.train;

import sketchrnn.model.TrainingConfig;

/**
 * The two schedules of sketch-rnn training (docs/model.md §9.1-9.2), as functions of the global step.
 *
 * <p>KL annealing: we use the reference code's form {@code w_KL - (w_KL - w_start) * r^step}, which
 * starts at exactly {@code kl_weight_start} and rises to {@code kl_weight}. (The paper writes
 * {@code w_KL * (1 - (1 - eta_min) * r^step)}, which starts at {@code w_KL * eta_min}; both approach
 * {@code w_KL} at the same rate.)
 */
public final class Schedules {
    private Schedules() {
    }

    /** Learning rate at a step: {@code (lr - lr_min) * decay^step + lr_min}. */
    public static double learningRate(TrainingConfig t, long step) {
        return (t.learningRate() - t.minLearningRate()) * StrictMath.pow(t.decayRate(), step) + t.minLearningRate();
    }

    /** KL weight at a step: {@code w_KL - (w_KL - w_start) * kl_decay^step} (reference code's form). */
    public static double klWeight(TrainingConfig t, long step) {
        return t.klWeight() - (t.klWeight() - t.klWeightStart()) * StrictMath.pow(t.klDecayRate(), step);
    }
}
