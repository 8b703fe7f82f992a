package sketchrnn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sketchrnn.data.SketchSimplifier;
import sketchrnn.data.TrainingSetPreparer;

/**
 * {@code sketchrnn prepare}: Quick, Draw! files to a sketch-rnn {@code .npz} training set, through
 * {@link TrainingSetPreparer}.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turn Quick, Draw! drawings into a sketch-rnn .npz training set: raw drawings are simplified "
                + "like Google's simplified data (top-left, larger side 255, 1-pixel resampling, RDP epsilon 2), "
                + "every drawing becomes stroke-3, SVG and JSON drawings longer than --max-points are simplified the "
                + "same way (RDP with tolerance 2/255 of their size; see --simplify), drawings still too long are "
                + "dropped, the rest is shuffled with --seed and split into train / valid / test."},
        footer = {"", "Examples:",
            "  sketchrnn prepare --input cat.ndjson --out cat.npz",
            "  sketchrnn prepare --input cat.ndjson pig.ndjson --out catpig.npz --seed 7",
            "  sketchrnn prepare --input quickdraw/ --out mix.npz --max-points 200",
            "  sketchrnn prepare --input bed.bin --out bed.npz --split 0.8,0.1,0.1",
            "  sketchrnn prepare --input full_raw_monkey.ndjson --out monkey.npz --skip-bad",
            "  sketchrnn prepare --input my-svg-drawings/ --out mine.npz --simplify always"})
public class PrepareVerb implements Callable<Integer> {
    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE|DIR",
            description = "Quick, Draw! .ndjson (raw or simplified) or .bin files, .svg or .json sketch files, or "
                    + "directories (their *.ndjson, *.bin and *.svg files). Repeatable.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "OUT.npz", description = "The .npz to write.")
    Path out;

    @Option(names = "--max-points", defaultValue = "250", paramLabel = "N",
            description = "Drop drawings with more points than this (default: ${DEFAULT-VALUE}).")
    int maxPoints;

    @Option(names = "--simplify", defaultValue = "auto", paramLabel = "auto|always|never",
            description = "Simplify SVG and JSON drawings (RDP, tolerance 2/255 of the drawing's size): auto those"
                    + " longer than --max-points, always every one, or never (default: ${DEFAULT-VALUE}).")
    String simplify;

    @Option(names = "--split", defaultValue = "0.9,0.05,0.05", paramLabel = "TRAIN,VALID,TEST",
            description = "Fractions of the three splits, summing to 1 (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Shuffling seed; the same seed and inputs give the same file (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skip-bad", description = "Skip and count lines that are not JSON drawings (and unreadable "
            + "SVG files) instead of stopping at the first.")
    boolean skipBad;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npz")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out must name a .npz file, got " + out);
        }
        TrainingSetPreparer.Options options = new TrainingSetPreparer.Options(maxPoints, fractions(), seed, skipBad,
                SketchSimplifier.Mode.parse(simplify, "--simplify"));
        TrainingSetPreparer.Report report = TrainingSetPreparer.prepare(inputs, out, options);
        spec.commandLine().getOut().println(report.summary(out, maxPoints));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private double[] fractions() {
        String[] parts = split.split(",");
        double[] f = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                f[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--split expects three numbers like 0.9,0.05,0.05, got '" + split + "'");
            }
        }
        return f;
    }
}
