package sketchrnn.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One entry point for every sketch file a user brings, chosen by extension: sketch-rnn {@code .npz},
 * Quick, Draw! {@code .ndjson} and {@code .bin}, plain JSON stroke-3 ({@code .json}) and SVG.
 */
public final class SketchFiles {
    private SketchFiles() {
    }

    /** The kinds of data files, by extension. */
    public enum Kind {
        NPZ, NDJSON, BIN, JSON, SVG
    }

    /** The kind of a data file by its extension, or null when the extension is not a data file's. */
    public static Kind kind(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "npz" -> Kind.NPZ;
            case "ndjson" -> Kind.NDJSON;
            case "bin" -> Kind.BIN;
            case "json" -> Kind.JSON;
            case "svg", "svgz" -> Kind.SVG;
            default -> null;
        };
    }

    /**
     * The sketches of a file in stroke-3, in the file's units.
     *
     * @param file  a {@code .npz}, {@code .ndjson}, {@code .bin}, {@code .json} or {@code .svg} file
     * @param split for {@code .npz}: {@code train}, {@code valid} or {@code test} (null: all three, in
     *              that order); ignored for other files
     * @return for ndjson and bin, every drawing as it is stored (raw drawings are not simplified, see
     *         {@link QuickDrawDrawing#toSimplifiedSketch()}); for JSON, the sketches as they are
     */
    public static List<Sketch> load(Path file, String split) {
        Kind kind = kind(file);
        if (kind == null) {
            throw new BadInputException(file + ": unknown kind of file; expected .npz, .ndjson, .bin, .json or .svg");
        }
        switch (kind) {
            case NPZ -> {
                SketchSplits splits = NpzSketchReader.read(file);
                if (split != null) {
                    return splits.split(split);
                }
                List<Sketch> all = new ArrayList<>(splits.train());
                all.addAll(splits.valid());
                all.addAll(splits.test());
                return all;
            }
            case NDJSON -> {
                List<Sketch> out = new ArrayList<>();
                new QuickDrawNdjsonReader(false).read(file, d -> out.add(d.toSketch()));
                return out;
            }
            case BIN -> {
                List<Sketch> out = new ArrayList<>();
                QuickDrawBinReader.read(file, d -> out.add(d.toSketch()));
                return out;
            }
            case JSON -> {
                return JsonSketchFile.read(file);
            }
            case SVG -> {
                return List.of(SvgSketchReader.read(file));
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** The three splits of a sketch-rnn {@code .npz}. */
    public static SketchSplits loadSplits(Path file) {
        if (kind(file) != Kind.NPZ) {
            throw new BadInputException(file + ": only sketch-rnn .npz files have train/valid/test splits");
        }
        return NpzSketchReader.read(file);
    }
}
