package sketchrnn.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import sketchrnn.data.BadInputException;

/**
 * Models shipped inside the application: resources named, one per line, in {@value #INDEX} (blank
 * lines and {@code #} comments ignored), each a model file under {@value #FOLDER}. The first one is
 * the default model of every verb whose {@code --model} is optional, and of the studio. It is named
 * {@value #NAME} wherever a model is named ({@code --model default}, {@code info default}, {@code serve
 * --models default}); a file or folder of that name in the working directory wins over it.
 */
public final class PackagedModels {
    public static final String FOLDER = "models/default/";
    public static final String INDEX = FOLDER + "index.txt";
    /** The name of the embedded default model on the command line. */
    public static final String NAME = "default";

    private PackagedModels() {
    }

    /** The packaged models' file names, in index order (empty when none are packaged). */
    public static List<String> names() {
        return names(PackagedModels.class.getClassLoader());
    }

    /** The packaged models' file names known to a class loader. */
    public static List<String> names(ClassLoader loader) {
        List<String> out = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(INDEX)) {
            if (in == null) {
                return out;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                    throw new IllegalStateException(INDEX + ": '" + name + "' must be a plain file name");
                }
                out.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
        return out;
    }

    /** True when a model argument names the embedded default model: {@value #NAME}, and no such file exists. */
    public static boolean isDefaultName(Path path) {
        return path != null && path.toString().equals(NAME) && !Files.exists(path);
    }

    /** The default model's resource file name (e.g. {@code sheep.ckpt}); a user error when none is packaged. */
    public static String defaultFile() {
        List<String> names = names();
        if (names.isEmpty()) {
            throw new BadInputException("no embedded default model is packaged in this build: give --model "
                    + "(a training run folder, a .ckpt checkpoint, or a .gen.json / .vae.json file)");
        }
        return names.get(0);
    }

    /** The default model: the first packaged one. */
    public static SketchModel loadDefault() {
        return load(PackagedModels.class.getClassLoader(), defaultFile());
    }

    /** Applies {@code use} to the default model unpacked to a temporary file (removed afterwards). */
    public static <T> T withDefaultFile(Function<Path, T> use) {
        return withFile(PackagedModels.class.getClassLoader(), defaultFile(), use);
    }

    /** Applies {@code use} to one packaged model unpacked to a temporary file of the same name (removed afterwards). */
    public static <T> T withFile(ClassLoader loader, String name, Function<Path, T> use) {
        try {
            Path dir = Files.createTempDirectory("sketchrnn-model");
            Path file = dir.resolve(name);
            try (InputStream in = loader.getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new BadInputException(INDEX + " names " + name + ", which is not packaged");
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return use.apply(file);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the packaged model " + name + ": " + e.getMessage(), e);
        }
    }

    /** Loads one packaged model by file name (unpacked to a temporary file, then removed). */
    public static SketchModel load(ClassLoader loader, String name) {
        return withFile(loader, name, file -> {
            SketchModel m = SketchModel.load(file);
            return new SketchModel(m.network(), m.scaleFactor(), m.name(), "embedded default model " + name,
                    m.checkpoint());
        });
    }
}
