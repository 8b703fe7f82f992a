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

class JsonSketchFileTest {
    @TempDir
    Path tmp;

    @Test
    void oneSketchAndListsRoundTrip() throws IOException {
        List<Sketch> sheep = NpzSketchReader.read(SyntheticDrawings.sheepSized()).valid();
        Path list = tmp.resolve("sheep.json");
        JsonSketchFile.write(list, sheep);
        assertThat(JsonSketchFile.read(list)).isEqualTo(sheep);

        Sketch fine = Sketch.of(new float[][] {{0.25f, -3, 0}, {12.5f, 1e-3f, 1}});
        Path one = tmp.resolve("one.json");
        JsonSketchFile.write(one, fine);
        assertThat(Files.readString(one)).isEqualTo("[[0.25,-3,0],[12.5,0.001,1]]\n");
        assertThat(JsonSketchFile.read(one)).containsExactly(fine);
    }

    @Test
    void readsBothForms() {
        assertThat(JsonSketchFile.parse("[[1, 2, 0], [3, 4, 1]]", "a")).hasSize(1);
        assertThat(JsonSketchFile.parse("[[[1, 2, 1]], [[3, 4, 0], [5, 6, 1]]]", "b"))
                .extracting(Sketch::size).containsExactly(1, 2);
        assertThat(JsonSketchFile.parse("[]", "c")).isEmpty();
    }

    @Test
    void wrongShapesNameTheirPlace() {
        assertThatThrownBy(() -> JsonSketchFile.parse("[[1, 2, 0], [3, 4]]", "s.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("s.json: point 1: expected [dx, dy, p], got [3,4]");
        assertThatThrownBy(() -> JsonSketchFile.parse("[[[1, 2, 0]], [[3, \"x\", 1]]]", "s.json"))
                .hasMessage("s.json: sketch 1, point 0: dy must be a number, got \"x\"");
        assertThatThrownBy(() -> JsonSketchFile.parse("[[1, 2, 0], [3, 4, 2]]", "s.json"))
                .hasMessage("s.json: point 1: p is 2; expected 0 or 1");
        assertThatThrownBy(() -> JsonSketchFile.parse("{\"sketch\": []}", "s.json"))
                .hasMessage("s.json: expected a JSON array: [[dx, dy, p], ...] or a list of those");
        assertThatThrownBy(() -> JsonSketchFile.parse("[[1, 2, 0]", "s.json"))
                .hasMessage("s.json: not valid JSON: line 1, column 11: the text ends too early (is the file cut short, or a"
                        + " bracket not closed?); expected [[dx, dy, p], ...] or a list of those");
    }

    @Test
    void nanAndInfiniteOffsetsAreRefused() {
        assertThatThrownBy(() -> JsonSketchFile.parse("[[1, 2, 0], [NaN, 4, 1]]", "n.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("n.json: point 1: dx is NaN; expected a finite number");
        assertThatThrownBy(() -> JsonSketchFile.parse("[[[1, 2, 0]], [[3, -Infinity, 1]]]", "n.json"))
                .hasMessage("n.json: sketch 1, point 0: dy is -Infinity; expected a finite number");
        assertThatThrownBy(() -> JsonSketchFile.parse("[[1e300, 2, 1]]", "n.json"))
                .hasMessage("n.json: point 0: dx is 1e300, too large; an offset must be within +-3.4e38");
    }
}
