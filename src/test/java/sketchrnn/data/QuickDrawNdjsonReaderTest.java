package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.Shared;

class QuickDrawNdjsonReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsRawDrawingsWithMetadataAndTimes() throws IOException {
        Path file = Shared.path("data/quickdraw/raw/apple.ndjson");
        List<QuickDrawDrawing> drawings = new QuickDrawNdjsonReader(false).readAll(file).drawings();
        assertThat(drawings).hasSize((int) Files.lines(file).filter(l -> !l.isBlank()).count());
        QuickDrawDrawing first = drawings.get(0);
        // {"word":"apple","countrycode":"US","timestamp":"2017-03-10 22:17:57.57466 UTC","recognized":false,
        //  "key_id":"6420579601088512","drawing":[[[675],[158],[0]],[[675,675],[158,158],[185,189]],...
        assertThat(first.keyId()).isEqualTo("6420579601088512");
        assertThat(first.word()).isEqualTo("apple");
        assertThat(first.countryCode()).isEqualTo("US");
        assertThat(first.recognized()).isFalse();
        assertThat(first.timestamp()).isEqualTo("2017-03-10 22:17:57.57466 UTC");
        assertThat(first.strokes().stroke(0)).isDeepEqualTo(new double[][] {{675, 158}});
        assertThat(first.strokes().stroke(1)).isDeepEqualTo(new double[][] {{675, 158}, {675, 158}});
        assertThat(first.times().get(1)).containsExactly(185, 189);
        assertThat(first.isRaw()).isTrue();
    }

    @Test
    void readsSimplifiedDrawingsAsIntegerPolylines() {
        Path file = Shared.path("data/quickdraw/simplified/monkey-1000.ndjson");
        List<QuickDrawDrawing> drawings = new QuickDrawNdjsonReader(false).readAll(file).drawings();
        assertThat(drawings).hasSize(1000);
        assertThat(drawings).allSatisfy(d -> {
            assertThat(d.isRaw()).isFalse();
            assertThat(d.word()).isEqualTo("monkey");
            Bounds b = d.strokes().bounds();
            assertThat(b.minX()).isGreaterThanOrEqualTo(0);
            assertThat(b.maxX()).isLessThanOrEqualTo(255);
            assertThat(b.maxY()).isLessThanOrEqualTo(255);
        });
        // stroke-3 round trip: offsets summed back give the same polylines
        for (QuickDrawDrawing d : drawings) {
            assertThat(Polylines.fromSketch(d.toSketch())).isEqualTo(d.strokes());
        }
    }

    @Test
    void badLineIsAnErrorNamingFileAndLine() throws IOException {
        Path file = badFile();
        assertThatThrownBy(() -> new QuickDrawNdjsonReader(false).readAll(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("mixed.ndjson:3: not valid JSON: ").hasMessageEndingWith("; expected one JSON object per line")
                .hasMessageNotContaining("Exception").hasMessageNotContaining("setStrictness");
    }

    @Test
    void skipBadSkipsAndCountsBadLines() throws IOException {
        QuickDrawNdjsonReader.Result r = new QuickDrawNdjsonReader(true).readAll(badFile());
        assertThat(r.drawings()).extracting(QuickDrawDrawing::keyId).containsExactly("1", "2");
        assertThat(r.skipped()).isEqualTo(4);
    }

    @Test
    void lineThatIsJsonButNotADrawing() {
        assertThatThrownBy(() -> QuickDrawNdjsonReader.parse("{\"word\":\"cat\"}", "cats.ndjson:7"))
                .hasMessage("cats.ndjson:7: expected a \"drawing\" array of strokes");
        assertThatThrownBy(() -> QuickDrawNdjsonReader.parse("{\"drawing\":[[[1,2],[3]]]}", "cats.ndjson:8"))
                .hasMessage("cats.ndjson:8: stroke 0: 2 x values but 1 y values; expected the same number");
        assertThatThrownBy(() -> QuickDrawNdjsonReader.parse("[1, 2]", "cats.ndjson:9"))
                .hasMessage("cats.ndjson:9: expected a JSON object (one Quick, Draw! drawing per line)");
    }

    /** Two good drawings among bad lines (and a blank line, which is neither). */
    private Path badFile() throws IOException {
        Path file = tmp.resolve("mixed.ndjson");
        Files.write(file, List.of(
                "{\"key_id\":\"1\",\"word\":\"line\",\"drawing\":[[[0,10],[0,0]]]}",
                "",
                "{\"key_id\":\"oops\",\"drawing\":[[[0,10],[0,0]]",
                "{\"key_id\":\"3\",\"word\":\"no drawing\"}",
                "{\"key_id\":\"2\",\"word\":\"dot\",\"drawing\":[[[5],[5]]]}",
                "not json at all",
                "{\"key_id\":\"4\",\"drawing\":[[[1,2],[\"a\",3]]]}"));
        return file;
    }
}
