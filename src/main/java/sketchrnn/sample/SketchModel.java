package sketchrnn.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import sketchrnn.data.BadInputException;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;
import sketchrnn.train.Checkpoint;
import sketchrnn.train.ModelState;
import sketchrnn.train.TrainingRun;

/**
 * A trained sketch-rnn model ready to draw: the network, the scale factor that converts model units to
 * the data's units, and where it came from. Loads a project checkpoint or run folder (and, through the
 * interop package, Google's published browser models).
 */
public final class SketchModel implements AutoCloseable {
    private final SketchRnn network;
    private final double scaleFactor;
    private final String name;
    private final String source;
    private final Checkpoint checkpoint;

    public SketchModel(SketchRnn network, double scaleFactor, String name, String source, Checkpoint checkpoint) {
        if (!(scaleFactor > 0) || Double.isInfinite(scaleFactor)) {
            throw new BadInputException(source + ": scale factor " + scaleFactor + " is not a positive number");
        }
        this.network = network;
        this.scaleFactor = scaleFactor;
        this.name = name;
        this.source = source;
        this.checkpoint = checkpoint;
    }

    /**
     * Loads a model: a run folder (its {@code best.ckpt}, else {@code last.ckpt}), a {@code .ckpt}
     * checkpoint, or a published browser model ({@code .gen.json} / {@code .vae.json}).
     */
    public static SketchModel load(Path path) {
        String file = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (file.endsWith(".json")) {
            if (!Files.exists(path)) {
                throw new BadInputException(path + ": no such model file");
            }
            return BrowserModelLoader.load(path);
        }
        Path ckpt = TrainingRun.checkpointOf(path);
        Checkpoint c = Checkpoint.read(ckpt);
        return fromCheckpoint(c, ckpt.toString());
    }

    /** A model from a checkpoint already read. */
    public static SketchModel fromCheckpoint(Checkpoint c, String source) {
        SketchRnn net = ModelState.restore(c);
        List<String> data = TrainingRun.shortNamesOf(c.data());
        return new SketchModel(net, c.scaleFactor(), data.isEmpty() ? "model" : String.join("+", data), source, c);
    }

    /** The network (parameters and the step-by-step decoder). */
    public SketchRnn network() {
        return network;
    }

    public HParams hparams() {
        return network.hparams();
    }

    /** Model units to data units: sampled offsets are multiplied by it, inputs divided. */
    public double scaleFactor() {
        return scaleFactor;
    }

    /** A short name: the data set(s) it was trained on, or the browser model's name. */
    public String name() {
        return name;
    }

    /** Where the model was loaded from. */
    public String source() {
        return source;
    }

    /** True for a full VAE (encoder and decoder); false for a decoder-only model. */
    public boolean conditional() {
        return network.hparams().conditional();
    }

    /** The checkpoint the model came from, or null for other sources. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public void close() {
        network.close();
    }
}
