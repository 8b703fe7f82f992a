package sketchrnn.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sketchrnn.Shared;
import sketchrnn.data.Bounds;
import sketchrnn.data.Polylines;
import sketchrnn.data.ScaleFactor;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchFiles;
import sketchrnn.render.Panel;

/**
 * Drawing with Google's published sheep model: sheep of the size and length of real ones, completions that keep
 * the given part. The model was trained on data of other units than aaron_sheep (its scale factor is 63.1, the
 * file's 18.5), so sizes are compared in each one's normalised units (offsets divided by the scale factor).
 */
class SamplerPublishedModelTest {
    static SketchModel sheep;
    static List<Sketch> data;

    @BeforeAll
    static void load() {
        sheep = SketchModel.load(Shared.path("models/sheep.gen.json"));
        data = SketchFiles.load(Shared.path("data/aaron_sheep.npz"), "test");
    }

    @AfterAll
    static void close() {
        if (sheep != null) {
            sheep.close();
        }
    }

    @Test
    void sampledSheepHaveTheSizeAndLengthOfRealOnes() {
        List<Sketch> drawn = sheep.sample(12, SamplingOptions.defaults().withTemperature(0.25).withSeed(1));
        double drawnSide = median(drawn.stream().mapToDouble(SamplerPublishedModelTest::side).toArray())
                / sheep.scaleFactor();
        double dataSide = median(data.stream().mapToDouble(SamplerPublishedModelTest::side).toArray())
                / ScaleFactor.of(data);
        assertThat(drawnSide / dataSide).as("drawn %s against %s (normalised units)", drawnSide, dataSide)
                .isBetween(0.6, 1.6);
        double drawnPoints = median(drawn.stream().mapToDouble(Sketch::size).toArray());
        double dataPoints = median(data.stream().mapToDouble(Sketch::size).toArray());
        assertThat(drawnPoints / dataPoints).as("points").isBetween(0.6, 1.6);
        long ended = drawn.stream().filter(s -> s.size() < sheep.hparams().model().maxSeqLen()).count();
        assertThat(ended).as("sketches that ended by themselves").isGreaterThanOrEqualTo(4);
        long strokes = drawn.stream().filter(s -> countLifts(s) >= 3).count();
        assertThat(strokes).as("sheep have a body, a head and legs: several strokes").isGreaterThanOrEqualTo(9);
    }

    @Test
    void completionsOfAHeadKeepItAndGoOnToDrawABody() {
        float units = (float) (sheep.scaleFactor() / ScaleFactor.of(data)); // the head in the model's units
        Sketch head = data.get(5).prefix(30).scaled(units, units);
        List<Sketch> endings = sheep.complete(head, 6, SamplingOptions.defaults().withTemperature(0.2).withSeed(2));
        assertThat(endings).hasSize(6).doesNotHaveDuplicates();
        for (Sketch e : endings) {
            Sketch whole = Panel.completion(head, e, null).sketch();
            assertThat(whole.prefix(30)).isEqualTo(head);
            assertThat(side(whole)).as("the ending adds to the drawing").isGreaterThan(side(head));
        }
    }

    private static double side(Sketch s) {
        return Bounds.of(Polylines.fromSketch(s)).largerSide();
    }

    private static int countLifts(Sketch s) {
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            n += s.penLifted(i) ? 1 : 0;
        }
        return n;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
