package sketchrnn.cli;

import picocli.CommandLine.Option;
import sketchrnn.data.Sketch;

/** The "one input sketch" options: {@code --input FILE [--split S] [--index I]}. */
final class InputSketchOptions {
    @Option(names = "--input", required = true, paramLabel = "SKETCH",
            description = "The sketch: a .json or .svg file, or a data file (.npz, .ndjson, .bin) with --index;"
                    + " FILE#I also picks sketch I.")
    String input;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "For .npz: train, valid or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--index", paramLabel = "I", description = "Which sketch of the file (default: 0).")
    Integer index;

    /** Reads the sketch. */
    Sketch read() {
        return SketchArgument.read(input, split, index, "--input");
    }

    /** The file name and index, for captions. */
    String label() {
        return SketchArgument.label(input, index);
    }
}
