package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.SyntheticDrawings;
import sketchrnn.SyntheticQuickDraw;

class SketchFilesTest {
    @TempDir
    Path tmp;

    @Test
    void npzSplitsAndAll() {
        Path sheep = SyntheticDrawings.sheepSized();
        assertThat(SketchFiles.load(sheep, "valid")).hasSize(300);
        assertThat(SketchFiles.load(sheep, null)).hasSize(8000);
        assertThat(SketchFiles.loadSplits(sheep).test()).hasSize(300);
        assertThatThrownBy(() -> SketchFiles.load(sheep, "training"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown split 'training'");
    }

    @Test
    void quickDrawFilesBecomeStrokeThreeAsStored() {
        Path catFile = SyntheticQuickDraw.writeSimplified(tmp.resolve("cat.ndjson"), 2, 20, "cat");
        List<Sketch> cats = SketchFiles.load(catFile, null);
        List<QuickDrawDrawing> drawings = new QuickDrawNdjsonReader(false).readAll(catFile).drawings();
        assertThat(cats).hasSize(drawings.size());
        assertThat(Polylines.fromSketch(cats.get(3))).isEqualTo(drawings.get(3).strokes());
        List<Sketch> bed = SketchFiles.load(SyntheticQuickDraw.writeBed(tmp.resolve("bed-one.simplified.bin")), "train");
        assertThat(bed).hasSize(1);
        assertThat(bed.get(0).penLifted(bed.get(0).size() - 1)).isTrue();
    }

    @Test
    void jsonAsItIs() throws IOException {
        Path f = tmp.resolve("two.json");
        Files.writeString(f, "[[[1, 2, 1]], [[3, 4, 0], [5, 6, 1]]]");
        assertThat(SketchFiles.load(f, null)).extracting(Sketch::size).containsExactly(1, 2);
    }

    @Test
    void svgAndUnknownKinds() throws IOException {
        Path svg = Files.writeString(tmp.resolve("a.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        assertThatThrownBy(() -> SketchFiles.load(svg, null)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> SketchFiles.load(tmp.resolve("notes.txt"), null))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("notes.txt: unknown kind of file; expected .npz, .ndjson, .bin, .json or .svg");
        Path cat = SyntheticQuickDraw.writeRaw(tmp.resolve("cat.ndjson"), 3, 5, "cat");
        assertThatThrownBy(() -> SketchFiles.loadSplits(cat))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("only sketch-rnn .npz files have train/valid/test splits");
    }
}
