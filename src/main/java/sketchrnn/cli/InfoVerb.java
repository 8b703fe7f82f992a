package sketchrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import sketchrnn.data.BadInputException;
import sketchrnn.data.QuickDrawBinReader;
import sketchrnn.data.QuickDrawDrawing;
import sketchrnn.data.QuickDrawNdjsonReader;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchFiles;
import sketchrnn.data.SketchSplits;
import sketchrnn.data.SketchStats;
import sketchrnn.sample.PackagedModels;

/**
 * {@code sketchrnn info FILE}: what a file holds. For a data file: the number of sketches, their
 * length (min, median, max points) and the normalising scale factor (docs/model.md §3, step 3), per split for a
 * sketch-rnn {@code .npz}, as one group for other files.
 */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Describe a data file or a model. A data file: sketches per split, points per sketch (min, median, max) and the "
                + "scale factor (np.std of all dx and dy, pooled: "
                + "over the train split for .npz, over all sketches otherwise).",
            "Files: sketch-rnn .npz, Quick, Draw! .ndjson (raw or simplified) and .bin, and JSON stroke-3 sketches (.json).",
            "A model: a browser model (.gen.json / .vae.json), a checkpoint (.ckpt), a run folder, or default "
                + "(the embedded model): kind, hyperparameters, parameters, size on disk, training step, scale factor, data sets, losses."},
        footer = {"", "Examples:",
            "  sketchrnn info aaron_sheep.npz",
            "  sketchrnn info quickdraw/raw/cat.ndjson",
            "  sketchrnn info quickdraw/bed-one.simplified.bin",
            "  sketchrnn info my-sketches.json",
            "  sketchrnn info ../shared/models/sheep.gen.json",
            "  sketchrnn info runs/sheep",
            "  sketchrnn info default"})
public class InfoVerb implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The file to describe (or default, the embedded model).")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        describe(file, out);
        out.flush();
        return 0;
    }

    /**
     * Describes any file this verb knows. Data files are handled by {@link #describeDataFile}; other
     * kinds (model files) are added here, before the data files (a model's {@code .json} is not a
     * sketch file).
     */
    protected void describe(Path path, PrintWriter out) {
        if (PackagedModels.isDefaultName(path)) {
            String file = PackagedModels.defaultFile();
            PackagedModels.withDefaultFile(f -> {
                ModelInfo.describeCheckpoint(f, PackagedModels.NAME + " (the embedded model, " + file + ")", out);
                return null;
            });
            return;
        }
        if (ModelInfo.isBrowserModel(path)) {
            ModelInfo.describeBrowserModel(path, out);
            return;
        }
        if (ModelInfo.isCheckpoint(path)) {
            ModelInfo.describeCheckpoint(path, out);
            return;
        }
        if (SketchFiles.kind(path) != null) {
            describeDataFile(path, out);
            return;
        }
        throw new BadInputException(path + ": not a file info knows; expected .npz, .ndjson, .bin or .json, a model "
                + "(.gen.json, .vae.json, .ckpt), a run folder, or default (the embedded model)");
    }

    /** Prints the description of a data file (any {@link SketchFiles.Kind}). */
    public static void describeDataFile(Path path, PrintWriter out) {
        SketchFiles.Kind kind = SketchFiles.kind(path);
        switch (kind) {
            case NPZ -> {
                SketchSplits splits = SketchFiles.loadSplits(path);
                out.println(path.getFileName() + ": sketch-rnn npz");
                header(out);
                for (String split : List.of("train", "valid", "test")) {
                    row(out, split, SketchStats.of(splits.split(split)));
                }
                out.printf(Locale.ROOT, "scale factor (train): %.4f%n", SketchStats.of(splits.train()).scaleFactor());
            }
            case NDJSON -> {
                int[] raw = new int[2];
                SketchStats.Accumulator stats = new SketchStats.Accumulator(); // streamed: the drawings are not kept
                new QuickDrawNdjsonReader(false).read(path, d -> count(d, raw, stats));
                out.println(path.getFileName() + ": Quick, Draw! ndjson, " + format(raw));
                all(out, stats.result());
            }
            case BIN -> {
                int[] raw = new int[2];
                SketchStats.Accumulator stats = new SketchStats.Accumulator();
                QuickDrawBinReader.read(path, d -> count(d, raw, stats));
                out.println(path.getFileName() + ": Quick, Draw! binary, " + format(raw));
                all(out, stats.result());
            }
            default -> {
                List<Sketch> sketches = SketchFiles.load(path, null);
                out.println(path.getFileName() + ": " + kind.toString().toLowerCase(Locale.ROOT) + " sketches (stroke-3)");
                all(out, sketches);
            }
        }
    }

    private static void count(QuickDrawDrawing d, int[] raw, SketchStats.Accumulator stats) {
        raw[d.isRaw() ? 0 : 1]++;
        stats.add(d.toSketch());
    }

    private static String format(int[] raw) {
        if (raw[0] == 0) {
            return "simplified";
        }
        return raw[1] == 0 ? "raw (prepare simplifies it)" : raw[0] + " raw and " + raw[1] + " simplified drawings";
    }

    private static void all(PrintWriter out, List<Sketch> sketches) {
        all(out, SketchStats.of(sketches));
    }

    private static void all(PrintWriter out, SketchStats stats) {
        header(out);
        row(out, "all", stats);
        out.printf(Locale.ROOT, "scale factor (all sketches): %.4f%n", stats.scaleFactor());
    }

    private static void header(PrintWriter out) {
        out.printf(Locale.ROOT, "%-6s %9s   %s%n", "split", "sketches", "points min / median / max");
    }

    private static void row(PrintWriter out, String name, SketchStats s) {
        String median = s.medianPoints() == Math.rint(s.medianPoints())
                ? String.valueOf((long) s.medianPoints()) : String.valueOf(s.medianPoints());
        out.printf(Locale.ROOT, "%-6s %9d   %d / %s / %d%n", name, s.count(), s.minPoints(), median, s.maxPoints());
    }
}
