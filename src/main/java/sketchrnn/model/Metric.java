package sketchrnn.model;

/**
 * One named value a loss or a training step reports. Everything that shows or stores metrics derives from
 * these definitions (see {@link LossMetrics}): the training log line ({@link #logFormat}), the columns of
 * {@code metrics.csv} ({@link #name}), a checkpoint's {@code valid_*} and {@code test_*} entries and
 * {@code eval}'s JSON ({@link #savedName}).
 *
 * @param name      short name: the CSV column and the label of the log line ("recon")
 * @param savedName name in checkpoints and JSON, prefixed there by the split ("recon_loss": {@code valid_recon_loss})
 * @param logFormat format of the value in the log line ("%8.4f"), or null to keep it out of the line
 * @param kind      what the value is
 */
public record Metric(String name, String savedName, String logFormat, Kind kind) {

    /** What a metric is. */
    public enum Kind {
        /** The value minimised (the trainer's NaN guard and best-checkpoint selection read it); one per set. */
        OBJECTIVE,
        /** A term of the loss: measured on every split (evaluation JSON, {@code test_*} in packed models). */
        TERM,
        /** A setting of the step (a schedule's value), logged but not a measurement. */
        SETTING
    }

    public Metric {
        if (name.isEmpty() || name.contains(",") || name.equals("split") || name.equals("step") || name.equals("lr")
                || name.equals("ms_per_step")) {
            throw new IllegalArgumentException("bad metric name: " + name);
        }
    }

    /** The name a split's value has in a checkpoint: {@code savedAs("valid_")} is {@code valid_recon_loss}. */
    public String savedAs(String prefix) {
        return prefix + savedName;
    }

    /** Whether the value is measured on a split (saved with the split's prefix): not a setting. */
    public boolean measured() {
        return kind != Kind.SETTING;
    }
}
