package sketchrnn.cli;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.checkpoint.RunFolder;
import sketchrnn.data.BadInputException;
import sketchrnn.model.SketchRnn;
import sketchrnn.sample.BrowserModelLoader;
import sketchrnn.sample.PackagedModels;
import sketchrnn.sample.SketchModel;

/** Loading the model a verb's {@code --model} names, in a chosen precision. */
final class ModelFiles {
    private ModelFiles() {
    }

    /** True when a path names a browser model file ({@code .gen.json}, {@code .vae.json}, any {@code .json}). */
    static boolean isBrowserModel(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /**
     * Loads a run folder, a checkpoint or a browser model as {@link SketchModel#load} does, in FLOAT32 or
     * FLOAT64 (the weights are the same float32 values; FLOAT64 only computes with them more exactly).
     */
    static SketchModel load(Path path, DataType dtype) {
        if (dtype == DataType.FLOAT32) {
            return SketchModel.load(path);
        }
        if (PackagedModels.isDefaultName(path)) {
            return PackagedModels.withDefaultFile(f -> load(f, dtype));
        }
        if (isBrowserModel(path)) {
            if (!Files.exists(path)) {
                throw new BadInputException(path + ": no such model file");
            }
            return BrowserModelLoader.load(path, dtype);
        }
        Path ckpt = RunFolder.checkpointOf(path);
        Checkpoint c = Checkpoint.read(ckpt);
        SketchRnn network = SketchRnn.create(c.hparams(), c.seed(), dtype);
        try {
            ModelState.loadInto(network, c.shapes(), c.weights(), ckpt.toString());
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        List<String> data = RunFolder.shortNames(c.data());
        return new SketchModel(network, c.scaleFactor(), data.isEmpty() ? "model" : String.join("+", data),
                ckpt.toString(), c);
    }
}
