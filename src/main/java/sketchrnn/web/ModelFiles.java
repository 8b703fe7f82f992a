package sketchrnn.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import sketchrnn.checkpoint.RunFolder;
import sketchrnn.data.BadInputException;
import sketchrnn.sample.PackagedModels;

/**
 * Which model files a {@code --models} argument names: a model file ({@code .ckpt}, {@code .gen.json},
 * {@code .vae.json}), a training run folder (with {@code best.ckpt} or {@code last.ckpt}), or a folder
 * holding such files and run folders (one level deep, sorted by name), or {@code default}, the embedded
 * model. Each gets an id: its file name ({@code sheep.gen.json}), the run folder's name, or
 * {@code runfolder/best.ckpt} for a run's own checkpoint, so that two files of one class stay apart.
 */
public final class ModelFiles {
    private static final List<String> EXTENSIONS = List.of(".gen.json", ".vae.json", ".ckpt");

    /** A model to load and the id it is served under (ids are made unique by {@link StudioModels}). */
    public record Entry(String id, Path path) {
    }

    private ModelFiles() {
    }

    /** The models the arguments name, in order. */
    public static List<Entry> expand(List<Path> args) {
        List<Entry> out = new ArrayList<>();
        for (Path p : args) {
            if (PackagedModels.isDefaultName(p)) {
                out.add(new Entry(PackagedModels.NAME, p));
            } else if (Files.isDirectory(p)) {
                if (isRunFolder(p)) {
                    out.add(new Entry(idOf(p), p));
                    continue;
                }
                List<Entry> found = scan(p);
                if (found.isEmpty()) {
                    throw new BadInputException(p + ": no models in this folder (.ckpt, .gen.json, .vae.json or"
                            + " training run folders)");
                }
                out.addAll(found);
            } else if (!Files.exists(p)) {
                throw new BadInputException(p + ": no such model file or folder");
            } else if (isModelFile(p)) {
                out.add(new Entry(idOf(p), p));
            } else {
                throw new BadInputException(p + ": not a model file (expected .ckpt, .gen.json, .vae.json or a"
                        + " folder of them)");
            }
        }
        return out;
    }

    private static List<Entry> scan(Path dir) {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>();
        for (Path c : children) {
            if (Files.isDirectory(c) ? isRunFolder(c) : isModelFile(c)) {
                out.add(new Entry(idOf(c), c));
            }
        }
        return out;
    }

    static boolean isRunFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(RunFolder.BEST)) || Files.isRegularFile(dir.resolve(RunFolder.LAST));
    }

    static boolean isModelFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /**
     * The file name ({@code sheep.gen.json}) or a folder's name; a run's own {@code best.ckpt} / {@code last.ckpt}
     * is named with its folder ({@code sheep/best.ckpt}); characters outside {@code [A-Za-z0-9._-]} become '-'.
     */
    public static String idOf(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        String n = abs.getFileName() == null ? "model" : clean(abs.getFileName().toString());
        if ((n.equals(RunFolder.BEST) || n.equals(RunFolder.LAST)) && abs.getParent() != null
                && abs.getParent().getFileName() != null) {
            n = clean(abs.getParent().getFileName().toString()) + "/" + n;
        }
        return n.isEmpty() ? "model" : n;
    }

    private static String clean(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
