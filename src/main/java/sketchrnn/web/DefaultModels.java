package sketchrnn.web;

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
import sketchrnn.data.BadInputException;
import sketchrnn.sample.SketchModel;

/**
 * The models the studio serves when no {@code --models} are given: packaged resources named, one per line,
 * in {@value #INDEX} (blank lines and {@code #} comments ignored), each a model file under
 * {@value #FOLDER} ({@code .ckpt}, {@code .gen.json} or {@code .vae.json}). No index on the class path
 * means no default models; shipping one is a matter of adding the files and the index.
 */
public final class DefaultModels {
    static final String FOLDER = "models/default/";
    static final String INDEX = FOLDER + "index.txt";

    private DefaultModels() {
    }

    /** The packaged default models' resource names (empty when none are packaged). */
    public static List<String> names() {
        return names(DefaultModels.class.getClassLoader());
    }

    /** Loads the packaged default models into a new registry (empty when none are packaged). */
    public static StudioModels load() {
        return load(DefaultModels.class.getClassLoader());
    }

    static List<String> names(ClassLoader loader) {
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

    static StudioModels load(ClassLoader loader) {
        StudioModels models = new StudioModels();
        try {
            for (String name : names(loader)) {
                Path dir = Files.createTempDirectory("sketchrnn-default-model");
                Path file = dir.resolve(name);
                try (InputStream in = loader.getResourceAsStream(FOLDER + name)) {
                    if (in == null) {
                        throw new BadInputException(INDEX + " names " + name + ", which is not packaged");
                    }
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    models.add(ModelFiles.idOf(file), SketchModel.load(file));
                } finally {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(dir);
                }
            }
        } catch (IOException e) {
            models.close();
            throw new UncheckedIOException("cannot unpack a default model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
        return models;
    }
}
