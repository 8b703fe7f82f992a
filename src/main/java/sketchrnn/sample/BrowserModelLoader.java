package sketchrnn.sample;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.interop.BrowserModel;
import sketchrnn.interop.BrowserModelFile;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;

/**
 * Loads Google's published browser models ({@code .gen.json} / {@code .vae.json}, docs/model.md §12) as a
 * {@link SketchModel}: a plain-LSTM {@link SketchRnn} with the file's sizes, its arrays copied into the parameters of the
 * same names (names and shapes checked), the file's scale factor and name. VAE files older than version 6 read
 * tanh(z) in the initial-state layer ({@link SketchRnn#create(sketchrnn.model.HParams, long, DataType, boolean)}).
 */
public final class BrowserModelLoader {
    private BrowserModelLoader() {
    }

    /**
     * Reads and loads a browser model file.
     *
     * @throws sketchrnn.data.BadInputException naming the file when it is not a valid browser model
     */
    public static SketchModel load(Path path) {
        return load(path, DataType.FLOAT32);
    }

    /**
     * Reads and loads a browser model file in a given precision: FLOAT64 reproduces the browser runtime's
     * float32 results more closely than FLOAT32 (whose summation order differs from the runtime's).
     */
    public static SketchModel load(Path path, DataType dtype) {
        return load(BrowserModelFile.read(path), path.toString(), dtype);
    }

    /** Loads a browser model already read ({@code source} names it in messages), in FLOAT32 or FLOAT64. */
    public static SketchModel load(BrowserModel file, String source, DataType dtype) {
        // a browser file holds a model only: its training settings are the reference defaults
        SketchRnn network = SketchRnn.create(HParams.defaults().withModel(file.config()), 0, dtype, file.tanhZ());
        try {
            ModelState.loadInto(network, file.shapes(), file.weights(), source);
            return new SketchModel(network, file.scaleFactor(), file.info().name(), source, null);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }
}
