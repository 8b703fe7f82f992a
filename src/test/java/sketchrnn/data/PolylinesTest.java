package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolylinesTest {
    @Test
    void strokeThreeOffsetsAndPenLifts() {
        Polylines p = Polylines.of(List.of(
                new double[][] {{10, 20}, {15, 20}, {15, 30}},
                new double[][] {{0, 0}}));
        Sketch s = p.toSketch();
        assertThat(s.toRows()).isDeepEqualTo(new float[][] {
            {10, 20, 0}, {5, 0, 0}, {0, 10, 1}, {-15, -30, 1}});
        assertThat(Polylines.fromSketch(s)).isEqualTo(p);
        Bounds b = p.bounds();
        assertThat(b).isEqualTo(new Bounds(0, 0, 15, 30));
        assertThat(b.width()).isEqualTo(15);
        assertThat(b.height()).isEqualTo(30);
        assertThat(Bounds.of(s)).isEqualTo(b);
    }

    @Test
    void lastStrokeEndsEvenWithoutPenLift() {
        Sketch s = Sketch.of(new float[][] {{1, 1, 0}, {1, 1, 0}});
        assertThat(Polylines.fromSketch(s).strokes()).hasSize(1);
        assertThat(Polylines.fromSketch(s).stroke(0)).isDeepEqualTo(new double[][] {{1, 1}, {2, 2}});
    }

    @Test
    void scaleFactorIsTheRootMeanSquareOfAllOffsets() {
        // offsets 3, 4, 0, 0 -> sqrt((9 + 16) / 4) = 2.5
        List<Sketch> sketches = List.of(Sketch.of(new float[][] {{3, 4, 0}, {0, 0, 1}}));
        assertThat(ScaleFactor.of(sketches)).isEqualTo(2.5);
        assertThat(ScaleFactor.normalize(sketches, 2.5).get(0).toRows())
                .isDeepEqualTo(new float[][] {{1.2f, 1.6f, 0}, {0, 0, 1}});
        SketchStats stats = SketchStats.of(List.of(sketches.get(0), sketches.get(0).prefix(1),
                Sketch.of(new float[][] {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {1, 0, 1}})));
        assertThat(stats.count()).isEqualTo(3);
        assertThat(stats.minPoints()).isEqualTo(1);
        assertThat(stats.medianPoints()).isEqualTo(2);
        assertThat(stats.maxPoints()).isEqualTo(4);
    }
}
