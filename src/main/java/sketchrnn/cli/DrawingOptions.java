package sketchrnn.cli;

import java.util.Locale;
import picocli.CommandLine.Option;
import sketchrnn.data.BadInputException;
import sketchrnn.sample.SamplingOptions;
import sketchrnn.sample.SigmaScaling;

/**
 * The sampling options every drawing verb shares (the temperature is each verb's own, as reconstruct takes
 * several): {@code --greedy}, {@code --seed}, {@code --sigma-scaling}, {@code --max-length}.
 */
final class DrawingOptions {
    @Option(names = "--greedy", description = "Most likely choices (component, pen, mean offset) instead of random ones.")
    boolean greedy;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the random choices: the same seed draws the same sketches (default: a new one,"
                    + " printed).")
    Long seed;

    @Option(names = "--sigma-scaling", defaultValue = "paper", paramLabel = "paper|reference",
            description = "How the temperature scales the offset spread: paper (sigma*sqrt(T), as @magenta/sketch)"
                    + " or reference (sigma*T, the TensorFlow code) (default: ${DEFAULT-VALUE}).")
    String sigmaScaling;

    @Option(names = "--max-length", defaultValue = "0", paramLabel = "N",
            description = "Most points per sketch; 0: the model's max_seq_len (default: ${DEFAULT-VALUE}).")
    int maxLength;

    /** The options at a temperature; the seed is drawn once per run when none was given. */
    SamplingOptions at(double temperature) {
        if (seed == null) {
            seed = SamplingOptions.freshSeed();
        }
        SigmaScaling scaling = switch (sigmaScaling.toLowerCase(Locale.ROOT)) {
            case "paper" -> SigmaScaling.PAPER;
            case "reference" -> SigmaScaling.REFERENCE;
            default -> throw new BadInputException("--sigma-scaling must be paper or reference, got '" + sigmaScaling + "'");
        };
        return new SamplingOptions(temperature, greedy, seed, scaling, maxLength);
    }
}
