package sketchrnn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.data.BadInputException;

/** What {@code --models} names, the ids models get, and the pluggable default models. */
class StudioModelFilesTest {
    @TempDir
    Path dir;

    @Test
    void filesRunFoldersAndFoldersOfThemGetIdsFromTheirNames() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.writeString(models.resolve("sheep.gen.json"), "[]");
        Files.writeString(models.resolve("cat.vae.json"), "[]");
        Files.writeString(models.resolve("pig.ckpt"), "x");
        Files.writeString(models.resolve("notes.txt"), "not a model");
        Path run = Files.createDirectories(models.resolve("run 7"));
        Files.writeString(run.resolve("last.ckpt"), "x");
        Files.createDirectories(models.resolve("empty-folder"));
        Path solo = Files.createDirectories(dir.resolve("owl-run"));
        Files.writeString(solo.resolve("best.ckpt"), "x");

        List<ModelFiles.Entry> found = ModelFiles.expand(List.of(models, solo, models.resolve("pig.ckpt")));
        assertThat(found).extracting(ModelFiles.Entry::id)
                .containsExactly("cat.vae.json", "pig.ckpt", "run-7", "sheep.gen.json", "owl-run", "pig.ckpt");
        assertThat(found.get(2).path()).isEqualTo(run);
    }

    @Test
    void aRunsOwnCheckpointIsNamedWithItsFolderAndDefaultNamesTheEmbeddedModel() throws Exception {
        Path run = Files.createDirectories(dir.resolve("sheep"));
        Files.writeString(run.resolve("best.ckpt"), "x");
        assertThat(ModelFiles.idOf(run.resolve("best.ckpt"))).isEqualTo("sheep/best.ckpt");
        assertThat(ModelFiles.expand(List.of(Path.of("default")))).extracting(ModelFiles.Entry::id).containsExactly("default");
    }

    @Test
    void somethingThatIsNoModelIsAClearError() throws Exception {
        Path txt = Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> ModelFiles.expand(List.of(txt))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a model file");
        assertThatThrownBy(() -> ModelFiles.expand(List.of(dir.resolve("missing.ckpt"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no such model file or folder");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ModelFiles.expand(List.of(empty))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no models in this folder");
    }

    @Test
    void aTakenIdGetsANumber() throws Exception {
        try (StudioModels m = StudioModels.load(List.of(
                new ModelFiles.Entry("pig", StudioTestKit.checkpoint(dir, "a.ckpt", false, 20, 1)),
                new ModelFiles.Entry("pig", StudioTestKit.checkpoint(dir, "b.ckpt", false, 20, 2))))) {
            assertThat(m.ids()).containsExactly("pig", "pig-2");
        }
    }

    @Test
    void theStudioServesThePackagedModels() {
        assertThat(DefaultModels.names()).isEqualTo(sketchrnn.sample.PackagedModels.names());
        try (StudioModels m = DefaultModels.load()) {
            assertThat(m.ids()).hasSize(DefaultModels.names().size());
        }
    }

    @Test
    void aPackagedDefaultModelIsFoundThroughTheIndex() throws Exception {
        Path root = Files.createDirectories(dir.resolve("classes"));
        Path folder = Files.createDirectories(root.resolve(DefaultModels.FOLDER));
        StudioTestKit.checkpoint(folder, "doodle.ckpt", true, 20, 5);
        Files.writeString(root.resolve(DefaultModels.INDEX), "# the default model\n\ndoodle.ckpt\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
             StudioModels m = DefaultModels.load(loader)) {
            assertThat(m.ids()).containsExactly("default");
            assertThat(m.get("default").conditional()).isTrue();
        }
        Files.writeString(root.resolve(DefaultModels.INDEX), "missing.ckpt\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> DefaultModels.load(loader)).hasMessageContaining("missing.ckpt, which is not packaged");
        }
    }
}
