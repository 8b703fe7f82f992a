package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.SyntheticDrawings;

class NpzSketchWriterTest {
    @TempDir
    Path tmp;

    @Test
    void sheepSurvivesAWriteReadRoundTrip() throws Exception {
        SketchSplits sheep = NpzSketchReader.read(SyntheticDrawings.sheepSized());
        Path out = tmp.resolve("copy.npz");
        NpzSketchWriter.write(out, sheep);
        SketchSplits back = NpzSketchReader.read(out);
        assertThat(back.name()).isEqualTo("copy");
        assertThat(back.train()).isEqualTo(sheep.train());
        assertThat(back.valid()).isEqualTo(sheep.valid());
        assertThat(back.test()).isEqualTo(sheep.test());
        try (ZipFile zip = new ZipFile(out.toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).toList()).containsExactly("train.npy", "valid.npy", "test.npy");
            byte[] head = zip.getInputStream(zip.getEntry("train.npy")).readNBytes(128);
            String header = new String(head, 0, 128, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(header).startsWith("\u0093NUMPY").contains("'descr': '|O'").contains("'shape': (7400,)");
            // header length (incl. magic) is a multiple of 64, as numpy writes it
            int headerLength = 10 + ((head[8] & 0xff) | (head[9] & 0xff) << 8);
            assertThat(headerLength % 64).isZero();
        }
        assertThat(tmp.toFile().list()).containsExactly("copy.npz"); // no temporary file left behind
    }

    @Test
    void fractionalValuesAreWrittenAsFloat64() {
        Sketch fine = Sketch.of(new float[][] {{0.25f, -1.5f, 0}, {100000f, 3, 1}});
        Sketch whole = Sketch.of(new float[][] {{1, 2, 1}});
        SketchSplits splits = new SketchSplits("fine", List.of(fine, whole), List.of(whole), List.of());
        assertThat(NpzSketchWriter.fitsInt16(splits.train())).isFalse();
        Path out = tmp.resolve("fine.npz");
        NpzSketchWriter.write(out, splits);
        SketchSplits back = NpzSketchReader.read(out);
        assertThat(back.train()).containsExactly(fine, whole);
        assertThat(back.valid()).containsExactly(whole);
        assertThat(back.test()).isEmpty();
    }

    @Test
    void aFailedWriteLeavesTheOldFile() throws Exception {
        Path out = tmp.resolve("keep.npz");
        Files.writeString(out, "old");
        Sketch fine = Sketch.of(new float[][] {{1, 2, 1}});
        Sketch nan = Sketch.of(new float[][] {{3, 4, 0}, {Float.NaN, 0, 1}});
        SketchSplits splits = new SketchSplits("keep", List.of(fine), List.of(fine, nan), List.of());
        assertThatThrownBy(() -> NpzSketchWriter.write(out, splits))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("valid sketch 1, point 1: NaN");
        assertThat(Files.readString(out)).isEqualTo("old");
        assertThat(tmp.toFile().list()).containsExactly("keep.npz");
    }
}
