package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.Shared;
import sketchrnn.SyntheticQuickDraw;

class QuickDrawBinReaderTest {
    @TempDir
    Path tmp;

    /** Google's binary file of one bed equals our simplification of the same bed's raw drawing. */
    @Test
    void bedBinaryEqualsOurSimplificationOfTheRawBed() {
        List<QuickDrawDrawing> bin = QuickDrawBinReader.readAll(Shared.path("data/quickdraw/bed-one.simplified.bin"));
        List<QuickDrawDrawing> raw = new QuickDrawNdjsonReader(false)
                .readAll(Shared.path("data/quickdraw/raw/bed-one.ndjson")).drawings();
        assertThat(bin).hasSize(1);
        assertThat(raw).hasSize(1);
        QuickDrawDrawing b = bin.get(0);
        QuickDrawDrawing r = raw.get(0);
        assertThat(b.keyId()).isEqualTo(r.keyId());
        assertThat(b.countryCode()).isEqualTo(r.countryCode());
        assertThat(b.recognized()).isEqualTo(r.recognized());
        // the raw timestamp has fractions of a second; the binary one whole seconds
        assertThat(r.timestamp()).startsWith(b.timestamp().replace(" UTC", ""));
        assertThat(b.isRaw()).isFalse();
        assertThat(b.strokes()).isEqualTo(QuickDrawSimplifier.simplify(r.strokes()));
        assertThat(b.toSketch()).isEqualTo(r.toSimplifiedSketch());
    }

    @Test
    void truncatedRecordNamesTheRecordAndTheOffset() throws IOException {
        byte[] one = SyntheticQuickDraw.bedRecord();
        byte[] twoCut = Arrays.copyOf(one, 2 * one.length - 5);
        System.arraycopy(one, 0, twoCut, one.length, one.length - 5);
        Path file = tmp.resolve("beds.bin");
        Files.write(file, twoCut);
        assertThatThrownBy(() -> QuickDrawBinReader.readAll(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("beds.bin: truncated record 1 (starts at byte offset " + one.length
                        + "): the file ends at byte offset " + (2 * one.length - 5) + ", in y of stroke ");
    }

    @Test
    void twoRecordsReadBack() throws IOException {
        byte[] one = SyntheticQuickDraw.bedRecord();
        byte[] two = Arrays.copyOf(one, 2 * one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        Path file = tmp.resolve("beds.bin");
        Files.write(file, two);
        List<QuickDrawDrawing> beds = QuickDrawBinReader.readAll(file);
        assertThat(beds).hasSize(2);
        assertThat(beds.get(1)).usingRecursiveComparison().isEqualTo(beds.get(0));
    }
}
