package sketchrnn.web;

import java.nio.file.Path;
import java.util.List;
import sketchrnn.sample.PackagedModels;

/**
 * The models the studio serves when no {@code --models} are given: packaged resources named, one per line,
 * in {@value #INDEX} (blank lines and {@code #} comments ignored), each a model file under
 * {@value #FOLDER} ({@code .ckpt}, {@code .gen.json} or {@code .vae.json}). No index on the class path
 * means no default models; shipping one is a matter of adding the files and the index.
 */
public final class DefaultModels {
    static final String FOLDER = PackagedModels.FOLDER;
    static final String INDEX = PackagedModels.INDEX;

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
        return PackagedModels.names(loader);
    }

    static StudioModels load(ClassLoader loader) {
        StudioModels models = new StudioModels();
        try {
            List<String> names = names(loader);
            for (int i = 0; i < names.size(); i++) {
                // the first is the default model, named as on the command line; others by their file names
                String id = i == 0 ? PackagedModels.NAME : ModelFiles.idOf(Path.of(names.get(i)));
                models.add(id, PackagedModels.load(loader, names.get(i)));
            }
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
        return models;
    }
}
