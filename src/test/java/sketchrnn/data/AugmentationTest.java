package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    private final List<Sketch> sketches = SyntheticSketches.sketches(new Random(3), 300);

    /** The indices of the points that start a stroke and that end one. */
    private static List<Integer> strokeEnds(Sketch s) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if (s.penLifted(i)) {
                ends.add(i);
            }
        }
        return ends;
    }

    @Test
    void droppingKeepsStrokeStartsAndEndsAndThePositionsOfKeptPoints() {
        SplittableRandom rng = new SplittableRandom(1);
        for (Sketch s : sketches) {
            Sketch out = Augmentation.dropPoints(s, 0.5, rng);
            double[] before = SyntheticSketches.positions(s);
            double[] after = SyntheticSketches.positions(out);
            // 1. Walk both: every kept point is an original point, at the same absolute position.
            int j = 0;
            List<Integer> keptOriginal = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                while (Math.abs(before[2 * j] - after[2 * i]) > 1e-3 || Math.abs(before[2 * j + 1] - after[2 * i + 1]) > 1e-3
                        || s.penLifted(j) != out.penLifted(i)) {
                    j++;
                    assertThat(j).as("kept point %d is at an original position", i).isLessThan(s.size());
                }
                keptOriginal.add(j);
                j++;
            }
            // 2. Every stroke's first and last point are among them, so the strokes are all still there.
            for (int i = 0; i < s.size(); i++) {
                if (i == 0 || s.penLifted(i - 1) || s.penLifted(i)) {
                    assertThat(keptOriginal).as("stroke start/end %d", i).contains(i);
                }
            }
            assertThat(strokeEnds(out)).hasSameSizeAs(strokeEnds(s));
        }
    }

    @Test
    void dropsAboutTheRequestedShareOfInteriorPoints() {
        SplittableRandom rng = new SplittableRandom(2);
        long interior = 0;
        long dropped = 0;
        for (Sketch s : sketches) {
            int strokes = strokeEnds(s).size();
            interior += s.size() - 2L * strokes; // synthetic strokes have at least 5 points
            dropped += s.size() - Augmentation.dropPoints(s, 0.10, rng).size();
        }
        assertThat(interior).isGreaterThan(10_000);
        assertThat((double) dropped / interior).isCloseTo(0.10, within(0.01));
    }

    @Test
    void neverDropsTheLastPointEvenWithoutAPenLift() {
        Sketch open = Sketch.of(new float[][] {{1, 1, 0}, {2, 2, 0}, {3, 3, 0}});
        SplittableRandom rng = new SplittableRandom(4);
        for (int k = 0; k < 100; k++) {
            Sketch out = Augmentation.dropPoints(open, 0.9, rng);
            double[] xy = SyntheticSketches.positions(out);
            assertThat(xy[xy.length - 2]).isEqualTo(6);
            assertThat(out.dx(0)).isEqualTo(1);
        }
    }

    @Test
    void stretchesXAndYByIndependentFactorsWithinTheRange() {
        Augmentation stretch = new Augmentation(0.15, 0);
        SplittableRandom rng = new SplittableRandom(5);
        double minX = 2;
        double maxX = 0;
        int xDiffersFromY = 0;
        for (Sketch s : sketches) {
            Sketch out = stretch.apply(s, rng);
            assertThat(out.size()).isEqualTo(s.size());
            double fx = Double.NaN;
            double fy = Double.NaN;
            for (int i = 0; i < s.size(); i++) {
                if (s.dx(i) != 0) {
                    double r = out.dx(i) / s.dx(i);
                    fx = Double.isNaN(fx) ? r : fx;
                    assertThat(r).isCloseTo(fx, within(1e-5)); // one factor for the whole sketch
                }
                if (s.dy(i) != 0) {
                    double r = out.dy(i) / s.dy(i);
                    fy = Double.isNaN(fy) ? r : fy;
                    assertThat(r).isCloseTo(fy, within(1e-5));
                }
                assertThat(out.pen(i)).isEqualTo(s.pen(i));
            }
            assertThat(fx).isBetween(0.85, 1.15);
            assertThat(fy).isBetween(0.85, 1.15);
            minX = Math.min(minX, fx);
            maxX = Math.max(maxX, fx);
            if (Math.abs(fx - fy) > 1e-3) {
                xDiffersFromY++;
            }
        }
        assertThat(minX).isLessThan(0.87);
        assertThat(maxX).isGreaterThan(1.13);
        assertThat(xDiffersFromY).isGreaterThan(sketches.size() * 9 / 10);
    }

    @Test
    void isDeterministicForAGeneratorStateAndVariesWithIt() {
        Augmentation aug = new Augmentation(0.15, 0.10);
        Sketch s = sketches.get(0);

        assertThat(aug.apply(s, new SplittableRandom(9))).isEqualTo(aug.apply(s, new SplittableRandom(9)));
        assertThat(aug.apply(s, new SplittableRandom(9))).isNotEqualTo(aug.apply(s, new SplittableRandom(10)));
        assertThat(Augmentation.NONE.apply(s, new SplittableRandom(9))).isSameAs(s);
    }
}
