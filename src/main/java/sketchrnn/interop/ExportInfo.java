package sketchrnn.interop;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What an exported browser model says about itself besides its weights: its name, how to scale it, and
 * optionally the losses and training-set size it reached (the runtimes only log these).
 *
 * @param name         the model's name, e.g. {@code "bird"}
 * @param scaleFactor  the data's scale factor (docs/model.md §3): model units to data units
 * @param maxSeqLen    the longest sketch of the training data (the runtimes' sampling cap)
 * @param rLoss        reconstruction loss on the evaluation set
 * @param klLoss       KL loss on the evaluation set
 * @param trainingSize number of training sketches
 */
public record ExportInfo(String name, double scaleFactor, int maxSeqLen, OptionalDouble rLoss, OptionalDouble klLoss,
                         OptionalLong trainingSize) {

    public ExportInfo {
        Objects.requireNonNull(name, "name");
        if (!(scaleFactor > 0) || !Double.isFinite(scaleFactor)) {
            throw new IllegalArgumentException("scale factor must be a positive number, got " + scaleFactor);
        }
        if (maxSeqLen <= 0) {
            throw new IllegalArgumentException("max_seq_len must be positive, got " + maxSeqLen);
        }
        rLoss.ifPresent(v -> finite("r_loss", v));
        klLoss.ifPresent(v -> finite("kl_loss", v));
        trainingSize.ifPresent(v -> {
            if (v < 0) {
                throw new IllegalArgumentException("training_size must be >= 0, got " + v);
            }
        });
    }

    /** Name, scale factor and max_seq_len, no losses. */
    public static ExportInfo of(String name, double scaleFactor, int maxSeqLen) {
        return new ExportInfo(name, scaleFactor, maxSeqLen, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalLong.empty());
    }

    /** The same, with the evaluation losses. */
    public ExportInfo withLosses(double reconstruction, double kl) {
        return new ExportInfo(name, scaleFactor, maxSeqLen, OptionalDouble.of(reconstruction), OptionalDouble.of(kl),
                trainingSize);
    }

    /** The same, with the training-set size. */
    public ExportInfo withTrainingSize(long sketches) {
        return new ExportInfo(name, scaleFactor, maxSeqLen, rLoss, klLoss, OptionalLong.of(sketches));
    }

    /** What a read model says about itself, to export it again. */
    public static ExportInfo of(BrowserInfo info) {
        return new ExportInfo(info.name(), info.scaleFactor(), info.maxSeqLen(), info.rLoss(), info.klLoss(),
                info.trainingSize());
    }

    private static void finite(String key, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(key + " must be a finite number, got " + v);
        }
    }
}
