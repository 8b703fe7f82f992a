package sketchrnn.sample;

import java.nio.file.Path;
import sketchrnn.data.BadInputException;

/** Loads Google's published browser models ({@code .gen.json} / {@code .vae.json}) as a {@link SketchModel}. */
final class BrowserModelLoader {
    private BrowserModelLoader() {
    }

    static SketchModel load(Path path) {
        // Filled in by the interop work: BrowserModelFile.read, map the arrays onto SketchRnn's parameters.
        throw new BadInputException(path + ": browser models are not supported yet");
    }
}
