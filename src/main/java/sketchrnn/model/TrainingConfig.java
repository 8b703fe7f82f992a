package sketchrnn.model;

import static sketchrnn.model.HParamChecks.below1;
import static sketchrnn.model.HParamChecks.keep;
import static sketchrnn.model.HParamChecks.nonNegative;
import static sketchrnn.model.HParamChecks.positive;
import static sketchrnn.model.HParamChecks.rate;
import static sketchrnn.model.HParamChecks.size;

/**
 * The hyperparameters that drive training (docs/model.md §10): batches, the optimizer's schedules, the KL
 * term, dropout and augmentation. They change how a model is trained, never its parameters' shapes
 * ({@link ModelConfig}). Here rather than in {@code sketchrnn.train} because the model's loss and dropout, the
 * fused engine and checkpoints read them too. The reference code's defaults; immutable and validated on
 * construction, a refused value named by its reference name ({@code kl_weight}).
 *
 * @param batchSize            sketches per training batch (100).
 * @param learningRate         initial Adam learning rate (0.001).
 * @param decayRate            learning-rate decay per step (0.9999).
 * @param minLearningRate      learning-rate floor (0.00001).
 * @param klWeight             final weight of the KL term, w_KL (0.5; 1.0 gives better codes, worse reconstructions).
 * @param klWeightStart        KL weight at step 0 (0.01).
 * @param klDecayRate          annealing rate of the KL weight per step (0.99995).
 * @param klTolerance          floor of the KL loss, below which it no longer pushes (0.2).
 * @param gradClip             gradients are clipped element-wise to [-gradClip, gradClip] (1.0).
 * @param useRecurrentDropout  recurrent dropout on the cell candidate (Semeniuta et al. 2016) (true).
 * @param recurrentDropoutProb keep probability of recurrent dropout (0.90).
 * @param useInputDropout      dropout on the decoder's inputs (false).
 * @param inputDropoutProb     keep probability of input dropout (0.90).
 * @param useOutputDropout     dropout on the decoder's outputs before the mixture head (false).
 * @param outputDropoutProb    keep probability of output dropout (0.90).
 * @param randomScaleFactor    augmentation: dx and dy scaled by independent U[1-s, 1+s] (0.15).
 * @param augmentStrokeProb    augmentation: probability of dropping an interior stroke point (0.10).
 * @param groupByLength        training batches of sketches of similar length, each padded only to its own
 *                             longest sketch, the loss still divided by N_max (false: the reference pads every
 *                             batch to N_max; true is much faster, same loss scale).
 */
public record TrainingConfig(
        int batchSize,
        double learningRate,
        double decayRate,
        double minLearningRate,
        double klWeight,
        double klWeightStart,
        double klDecayRate,
        double klTolerance,
        double gradClip,
        boolean useRecurrentDropout,
        double recurrentDropoutProb,
        boolean useInputDropout,
        double inputDropoutProb,
        boolean useOutputDropout,
        double outputDropoutProb,
        double randomScaleFactor,
        double augmentStrokeProb,
        boolean groupByLength) {

    public TrainingConfig {
        size("batch_size", batchSize, 65536);
        positive("learning_rate", learningRate);
        rate("decay_rate", decayRate);
        nonNegative("min_learning_rate", minLearningRate);
        nonNegative("kl_weight", klWeight);
        nonNegative("kl_weight_start", klWeightStart);
        rate("kl_decay_rate", klDecayRate);
        nonNegative("kl_tolerance", klTolerance);
        positive("grad_clip", gradClip);
        keep("recurrent_dropout_prob", recurrentDropoutProb);
        keep("input_dropout_prob", inputDropoutProb);
        keep("output_dropout_prob", outputDropoutProb);
        below1("random_scale_factor", randomScaleFactor, "a number");
        below1("augment_stroke_prob", augmentStrokeProb, "a probability");
    }

    /** The reference TensorFlow code's defaults (docs/model.md §10). */
    public static TrainingConfig defaults() {
        return new TrainingConfig(100, 0.001, 0.9999, 0.00001, 0.5, 0.01, 0.99995, 0.2, 1.0,
                true, 0.90, false, 0.90, false, 0.90, 0.15, 0.10, false);
    }

    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(value, learningRate, decayRate, minLearningRate, klWeight, klWeightStart,
                klDecayRate, klTolerance, gradClip, useRecurrentDropout, recurrentDropoutProb, useInputDropout,
                inputDropoutProb, useOutputDropout, outputDropoutProb, randomScaleFactor, augmentStrokeProb, groupByLength);
    }

    public TrainingConfig withRecurrentDropout(boolean value) {
        return new TrainingConfig(batchSize, learningRate, decayRate, minLearningRate, klWeight, klWeightStart,
                klDecayRate, klTolerance, gradClip, value, recurrentDropoutProb, useInputDropout,
                inputDropoutProb, useOutputDropout, outputDropoutProb, randomScaleFactor, augmentStrokeProb, groupByLength);
    }

    public TrainingConfig withGroupByLength(boolean value) {
        return new TrainingConfig(batchSize, learningRate, decayRate, minLearningRate, klWeight, klWeightStart,
                klDecayRate, klTolerance, gradClip, useRecurrentDropout, recurrentDropoutProb, useInputDropout,
                inputDropoutProb, useOutputDropout, outputDropoutProb, randomScaleFactor, augmentStrokeProb, value);
    }

    /** The keep probability of recurrent dropout in training: {@code recurrent_dropout_prob} when used, else 1. */
    public double recurrentKeep() {
        return useRecurrentDropout ? recurrentDropoutProb : 1;
    }

    /** The keep probability of input dropout in training: {@code input_dropout_prob} when used, else 1. */
    public double inputKeep() {
        return useInputDropout ? inputDropoutProb : 1;
    }

    /** The keep probability of output dropout in training: {@code output_dropout_prob} when used, else 1. */
    public double outputKeep() {
        return useOutputDropout ? outputDropoutProb : 1;
    }
}
