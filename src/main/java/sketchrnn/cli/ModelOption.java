package sketchrnn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import sketchrnn.sample.PackagedModels;
import sketchrnn.sample.SketchModel;

/**
 * The {@code --model} option of every verb that draws with a model, in one place (so that it can get a
 * default, an embedded model, later): a run folder, a {@code .ckpt} checkpoint, or a published browser
 * model ({@code .gen.json} / {@code .vae.json}).
 */
public final class ModelOption {
    @Option(names = "--model", paramLabel = "MODEL",
            description = "The model: a training run folder, a .ckpt checkpoint, a browser model (.gen.json, "
                    + ".vae.json), or default, the embedded model (the default).")
    Path model;

    /** Loads the model (the embedded default without --model); a path that is not a model gives a one-line {@code BadInputException}. */
    public SketchModel load() {
        return model == null ? PackagedModels.loadDefault() : SketchModel.load(model);
    }
}
