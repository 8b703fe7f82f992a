package sketchrnn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchFiles;

/**
 * One sketch named on the command line: a file ({@code .json}, {@code .svg}, or any data file
 * {@link SketchFiles} reads), optionally with {@code #I} to pick sketch I of it ({@code sheep.npz#12}); for
 * an {@code .npz}, from the split given (default test).
 */
final class SketchArgument {
    private static final Pattern WITH_INDEX = Pattern.compile("(.+)#(\\d+)");

    private SketchArgument() {
    }

    /**
     * Reads the sketch.
     *
     * @param spec   {@code FILE} or {@code FILE#I}
     * @param index  the index when {@code spec} has none (null: 0)
     * @param option the option that named it, for errors ("--from")
     */
    static Sketch read(String spec, String split, Integer index, String option) {
        Matcher m = WITH_INDEX.matcher(spec);
        Path file;
        int i;
        if (m.matches() && !java.nio.file.Files.exists(Path.of(spec))) {
            file = Path.of(m.group(1));
            try {
                i = Integer.parseInt(m.group(2));
            } catch (NumberFormatException e) {
                throw new BadInputException(option + " " + spec + ": the index after # is too large");
            }
        } else {
            file = Path.of(spec);
            i = index == null ? 0 : index;
        }
        boolean npz = SketchFiles.kind(file) == SketchFiles.Kind.NPZ;
        List<Sketch> all = SketchFiles.load(file, npz ? split : null);
        String where = npz ? "the " + split + " split of " + file : file.toString();
        if (all.isEmpty()) {
            throw new BadInputException(option + ": " + where + " has no sketches");
        }
        if (i < 0 || i >= all.size()) {
            throw new BadInputException(option + ": index " + i + " is outside 0.." + (all.size() - 1) + ", " + where);
        }
        return all.get(i);
    }

    /** A short label of a sketch argument for captions: the file name (and #I). */
    static String label(String spec, Integer index) {
        String name = Path.of(spec).getFileName() == null ? spec : Path.of(spec).getFileName().toString();
        return index == null || WITH_INDEX.matcher(spec).matches() ? name : name + "#" + index;
    }
}
