package sketchrnn.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.SyntheticDrawings;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchFiles;
import sketchrnn.model.CellKind;
import sketchrnn.render.Panel;
import sketchrnn.render.RenderOptions;
import sketchrnn.render.Renderers;

/** The Java API example of docs/usage-drawing.md, run as written on a tiny model saved as a checkpoint. */
class SamplerApiExampleTest {

    @Test
    void theDocumentedExampleRuns(@TempDir Path dir) {
        SamplerModels.checkpoint(SamplerModels.tiny(true, CellKind.LSTM).withMaxSeqLen(250), 3, 18.5).write(dir.resolve("sheep.ckpt"));
        List<Sketch> sheep = SketchFiles.load(SyntheticDrawings.sheepSized(), "test");
        try (SketchModel model = SketchModel.load(dir.resolve("sheep.ckpt"))) {
            SamplingOptions o = SamplingOptions.defaults().withTemperature(0.3).withSeed(42);

            // 1. New sketches, in one batch.
            List<Sketch> fresh = model.sample(9, o);
            Renderers.write(dir.resolve("fresh.png"), fresh.stream().map(Panel::of).toList(), RenderOptions.DEFAULTS);

            // 2. A morph between two sketches (full VAE models only).
            float[] a = model.encode(sheep.get(1));
            float[] b = model.encode(sheep.get(7));
            List<Sketch> morph = model.decode(SketchModel.interpolate(a, b, 8, true), o);
            Renderers.write(dir.resolve("morph.svg"), morph.stream().map(Panel::of).toList(),
                    RenderOptions.DEFAULTS.withColumns(8));

            // 3. Four endings of the first 20 points of a sheep.
            Sketch start = sheep.get(5).prefix(20);
            List<Panel> endings = new ArrayList<>();
            for (Sketch ending : model.complete(start, 4, o)) {
                endings.add(Panel.completion(start, ending, null));
            }
            Renderers.write(dir.resolve("endings.gif"), endings, RenderOptions.DEFAULTS);

            assertThat(fresh).hasSize(9);
            assertThat(morph).hasSize(8);
            assertThat(endings).hasSize(4).allSatisfy(p -> assertThat(p.sketch().prefix(20)).isEqualTo(start));
            assertThat(List.of("fresh.png", "morph.svg", "endings.gif")).allSatisfy(f -> assertThat(dir.resolve(f)).isNotEmptyFile());
        }
        assertThat(Files.exists(dir.resolve("sheep.ckpt"))).isTrue();
    }
}
