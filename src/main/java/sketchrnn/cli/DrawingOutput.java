package sketchrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import sketchrnn.data.BadInputException;
import sketchrnn.data.JsonSketchFile;
import sketchrnn.data.Sketch;
import sketchrnn.render.ImageFormat;
import sketchrnn.render.Panel;
import sketchrnn.render.RenderOptions;
import sketchrnn.render.Renderers;

/**
 * Where a drawing verb writes, by the extension of {@code --out}: a picture ({@code .svg}, {@code .png},
 * {@code .gif}: a grid of panels) or the sketches themselves as JSON stroke-3 ({@code .json}: one sketch,
 * or a list for several).
 */
final class DrawingOutput {
    /** An empty cell of a picture, to lay panels out (not counted as a sketch). */
    static final Panel BLANK = Panel.of(sketchrnn.data.Sketch.ofFlat(new float[0]));

    @Option(names = "--out", required = true, paramLabel = "OUT",
            description = "What to write: a picture (.svg, .png, .gif: an animation of the drawing) or the sketches"
                    + " as JSON stroke-3 (.json).")
    Path out;

    @Option(names = "--cell-size", defaultValue = "200", paramLabel = "PX",
            description = "Side of one picture cell in pixels (default: ${DEFAULT-VALUE}).")
    int cellSize;

    @Option(names = "--line-width", paramLabel = "W", description = "Line width in pixels (default: 2).")
    Double lineWidth;

    /** True when {@code --out} asks for JSON. */
    boolean json() {
        return out.getFileName() != null && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** Fails early (before any model work) when the extension is not one we write. */
    void check() {
        if (!json()) {
            try {
                ImageFormat.of(out);
            } catch (BadInputException e) {
                throw new BadInputException("cannot tell what to write to '" + out + "': the name must end with"
                        + " .svg, .png, .gif or .json");
            }
        }
    }

    /**
     * Writes the panels as a picture of {@code columns} columns, or {@code sketches} as JSON, then prints
     * {@code wrote OUT: FORMAT, N sketches (details)}.
     */
    void write(List<Panel> panels, int columns, List<Sketch> sketches, String details, PrintWriter stdout) {
        String format;
        int n;
        if (json()) {
            if (sketches.size() == 1) {
                JsonSketchFile.write(out, sketches.get(0));
            } else {
                JsonSketchFile.write(out, sketches);
            }
            format = "JSON";
            n = sketches.size();
        } else {
            RenderOptions o = RenderOptions.DEFAULTS.withCellSize(cellSize).withColumns(columns);
            if (lineWidth != null) {
                o = o.withLineWidth(lineWidth);
            }
            Renderers.write(out, panels, o);
            format = ImageFormat.of(out).toString();
            n = (int) panels.stream().filter(p -> p != BLANK).count(); // blank cells are no sketches
        }
        stdout.println("wrote " + out + ": " + format + ", " + n + (n == 1 ? " sketch" : " sketches")
                + (details == null || details.isEmpty() ? "" : " (" + details + ")"));
        stdout.flush();
    }
}
