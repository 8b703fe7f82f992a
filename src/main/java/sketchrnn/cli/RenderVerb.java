package sketchrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchFiles;
import sketchrnn.render.ImageFormat;
import sketchrnn.render.Panel;
import sketchrnn.render.RenderOptions;
import sketchrnn.render.Renderers;

/**
 * {@code sketchrnn render}: draws sketches of a data file as an SVG, a PNG or an animated GIF, one
 * sketch or a grid of the first few.
 */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw sketches of a data file as a picture: SVG, PNG or an animated GIF that draws"
                + " them as a pen would, by the extension of --out. One sketch (--index) or a grid of the"
                + " first N (--count), each scaled to fit its cell.",
            "Files: sketch-rnn .npz (one split), Quick, Draw! .ndjson and .bin, JSON stroke-3 (.json), SVG."},
        footer = {"", "Examples:",
            "  sketchrnn render --input aaron_sheep.npz --index 3 --out sheep.svg",
            "  sketchrnn render --input aaron_sheep.npz --count 16 --captions \\",
            "      --out sheep-grid.png",
            "  sketchrnn render --input aaron_sheep.npz --split train --count 4 \\",
            "      --color-by-stroke --cell-size 300 --line-width 3 --out sheep.gif",
            "  sketchrnn render --input my-drawing.svg --out my-drawing.png"})
public final class RenderVerb implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "The sketches: .npz, .ndjson, .bin, .json or .svg.")
    Path input;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "For .npz: train, valid or test (default: ${DEFAULT-VALUE}).")
    String split;

    @ArgGroup(exclusive = true)
    Selection selection;

    /** Which sketches: one by index, or the first N. */
    static final class Selection {
        @Option(names = "--index", paramLabel = "I", description = "Draw sketch I of the split (default: 0).")
        Integer index;

        @Option(names = "--count", paramLabel = "N", description = "Draw the first N sketches of the split in a grid.")
        Integer count;
    }

    @Option(names = {"--cell-size", "--size"}, defaultValue = "200", paramLabel = "PX",
            description = "Side of one picture cell in pixels, as for the drawing verbs (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--line-width", defaultValue = "2", paramLabel = "W",
            description = "Line width in pixels (default: ${DEFAULT-VALUE}).")
    double lineWidth;

    @Option(names = "--columns", defaultValue = "0", paramLabel = "C",
            description = "Columns of the grid; 0 for as square as possible (default: ${DEFAULT-VALUE}).")
    int columns;

    @Option(names = "--color-by-stroke", description = "Give each stroke its own colour, in drawing order.")
    boolean colorByStroke;

    @Option(names = "--captions", description = "Write the index of each sketch (and its split) under it.")
    boolean captions;

    @Option(names = "--out", required = true, paramLabel = "OUT",
            description = "The picture to write: .svg, .png or .gif (an animation of the drawing).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ImageFormat format = ImageFormat.of(out); // fail before the data is read
        RenderOptions options = RenderOptions.DEFAULTS.withCellSize(size).withLineWidth(lineWidth)
                .withColumns(columns).withColorByStroke(colorByStroke);
        List<Sketch> sketches = SketchFiles.load(input, split);
        if (sketches.isEmpty()) {
            throw new BadInputException(input + ": the " + split + " split has no sketches");
        }
        int first = 0;
        int n = 1;
        if (selection != null && selection.count != null) {
            if (selection.count < 1) {
                throw new BadInputException("--count must be at least 1, got " + selection.count);
            }
            n = Math.min(selection.count, sketches.size());
        } else if (selection != null && selection.index != null) {
            first = selection.index;
            if (first < 0 || first >= sketches.size()) {
                throw new BadInputException("--index " + first + " is outside 0.." + (sketches.size() - 1)
                        + ", the " + split + " split of " + input);
            }
        }
        boolean npz = SketchFiles.kind(input) == SketchFiles.Kind.NPZ;
        List<Panel> panels = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            String caption = captions ? (npz ? split + " " : "") + "#" + i : null;
            panels.add(Panel.of(sketches.get(i), caption));
        }
        Renderers.write(out, panels, options);
        PrintWriter stdout = spec.commandLine().getOut();
        boolean fewer = selection != null && selection.count != null && selection.count > n;
        stdout.println("wrote " + out + ": " + format + ", " + n + (n == 1 ? " sketch" : " sketches")
                + (fewer ? " (all the file has)" : ""));
        stdout.flush();
        return 0;
    }
}
