package sketchrnn.cli;

import java.util.Locale;
import picocli.CommandLine.Option;
import sketchrnn.data.BadInputException;
import sketchrnn.train.TrainingPath;

/** {@code --engine}: which implementation computes training and evaluation passes (a picocli mixin). */
final class EngineOption {
    @Option(names = "--engine", paramLabel = "fused|djl", defaultValue = "auto",
            description = "fused: the fused CPU engine (lstm and layer_norm cells); djl: the DJL autograd path "
                    + "(any cell; the reference). Default: fused where it runs the model, else djl.")
    String engine;

    TrainingPath path() {
        return switch (engine.toLowerCase(Locale.ROOT)) {
            case "auto" -> TrainingPath.AUTO;
            case "fused" -> TrainingPath.FUSED;
            case "djl" -> TrainingPath.DJL;
            default -> throw new BadInputException("--engine: expected fused or djl, got '" + engine + "'");
        };
    }
}
