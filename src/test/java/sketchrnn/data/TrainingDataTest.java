package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingDataTest {
    private static Sketch sketch(float[]... rows) {
        return Sketch.of(rows);
    }

    private static Sketch ofLength(int n, float d) {
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[] {d, -d, i == n - 1 ? 1 : 0};
        }
        return Sketch.of(rows);
    }

    @Test
    void mergesTheSplitsOfTwoFilesAndRemembersEachSketchsClass() {
        SketchSplits cat = SyntheticSketches.splits("cat", 1, 30, 5, 4);
        SketchSplits pig = SyntheticSketches.splits("pig", 2, 20, 3, 6);

        TrainingData data = TrainingData.of(List.of(cat, pig), 300);

        assertThat(data.names()).containsExactly("cat", "pig");
        assertThat(data.train()).hasSize(50);
        assertThat(data.valid()).hasSize(8);
        assertThat(data.test()).hasSize(10);
        assertThat(data.split("validation")).isSameAs(data.valid());
        assertThat(data.classOf("train", 0)).isZero();
        assertThat(data.classOf("train", 29)).isZero();
        assertThat(data.classOf("train", 30)).isEqualTo(1);
        assertThat(data.classOf("test", 3)).isZero();
        assertThat(data.classOf("test", 4)).isEqualTo(1);
        // file order is kept: the first pig training sketch is the 31st, scaled
        Sketch pig0 = pig.train().get(0);
        Sketch merged = data.train().get(30);
        assertThat(merged.size()).isEqualTo(pig0.size());
        assertThat((double) merged.dx(0)).isCloseTo(pig0.dx(0) / data.scaleFactor(), within(1e-5));
    }

    @Test
    void dropsSketchesLongerThanMaxSeqLenAndEmptyOnesAndCountsThem() {
        SketchSplits file = new SketchSplits("f",
                List.of(ofLength(10, 1), ofLength(11, 2), ofLength(12, 3), ofLength(10, 4)),
                List.of(ofLength(12, 1), Sketch.ofFlat(new float[0])),
                List.of(ofLength(9, 1), ofLength(10, 2)));

        TrainingData data = TrainingData.of(List.of(file), 10);

        assertThat(data.train()).extracting(Sketch::size).containsExactly(10, 10);
        assertThat(data.valid()).isEmpty();
        assertThat(data.test()).extracting(Sketch::size).containsExactly(9, 10);
        assertThat(data.droppedTooLong("train")).isEqualTo(2);
        assertThat(data.droppedTooLong("valid")).isEqualTo(1);
        assertThat(data.droppedEmpty("valid")).isEqualTo(1);
        assertThat(data.droppedTooLong()).isEqualTo(3);
        assertThat(data.longestLength()).isEqualTo(10);
        // the second kept training sketch is the fourth given one (offset 4), class 0
        assertThat(data.train().get(1).dx(0) * data.scaleFactor()).isCloseTo(4, within(1e-4));
    }

    @Test
    void scaleFactorIsThePopulationStdOfPooledTrainingOffsets() {
        // training values 1, 2, 3, 4, 5, 6: mean 3.5, sum of squared deviations 17.5, np.std = sqrt(17.5 / 6)
        Sketch a = sketch(new float[] {1, 2, 0}, new float[] {3, 4, 1});
        Sketch b = sketch(new float[] {5, 6, 1});
        // neither a too-long training sketch nor other splits take part
        Sketch tooLong = ofLength(4, 900);
        SketchSplits file = new SketchSplits("f", List.of(a, tooLong, b), List.of(ofLength(2, 50)),
                List.of(ofLength(3, -70)));

        TrainingData data = TrainingData.of(List.of(file), 3);

        assertThat(data.scaleFactor()).isCloseTo(Math.sqrt(17.5 / 6), within(1e-12)); // 1.7078251276599330
        assertThat(data.train().get(0).dx(1)).isCloseTo((float) (3 / Math.sqrt(17.5 / 6)), within(1e-6f));
    }

    @Test
    void offsetsAreClampedToPlusMinus1000BeforeTheScaleFactor() {
        // raw values 3000 and -3000: clamped to 1000 and -1000, so np.std = 1000 (not 3000)
        Sketch wild = sketch(new float[] {3000, -3000, 1});
        SketchSplits file = new SketchSplits("f", List.of(wild), List.of(sketch(new float[] {-2500, 400, 1})),
                List.of());

        TrainingData data = TrainingData.of(List.of(file), 250);

        assertThat(data.scaleFactor()).isCloseTo(1000, within(1e-9));
        assertThat(data.train().get(0)).isEqualTo(sketch(new float[] {1, -1, 1}));
        assertThat(data.valid().get(0)).isEqualTo(sketch(new float[] {-1, 0.4f, 1}));
        assertThat(data.clampedValues("train")).isEqualTo(2);
        assertThat(data.clampedValues("valid")).isEqualTo(1);
    }

    @Test
    void everySplitIsDividedByTheTrainingScaleFactorAndPenValuesAreKept() {
        SketchSplits file = SyntheticSketches.splits("f", 5, 200, 40, 40);

        TrainingData data = TrainingData.of(List.of(file), 300);

        double scale = TrainingData.normalizingScaleFactor(file.train());
        assertThat(data.scaleFactor()).isCloseTo(scale, within(1e-12));
        // after normalisation the training offsets have unit standard deviation
        assertThat(TrainingData.normalizingScaleFactor(data.train())).isCloseTo(1.0, within(1e-5));
        for (String split : TrainingData.SPLITS) {
            for (int k = 0; k < file.split(split).size(); k++) {
                Sketch raw = file.split(split).get(k);
                Sketch norm = data.split(split).get(k);
                for (int i = 0; i < raw.size(); i++) {
                    assertThat((double) norm.dx(i)).isCloseTo(raw.dx(i) / scale, within(1e-5));
                    assertThat((double) norm.dy(i)).isCloseTo(raw.dy(i) / scale, within(1e-5));
                    assertThat(norm.pen(i)).isEqualTo(raw.pen(i));
                }
            }
        }
    }

    @Test
    void aStoredScaleFactorIsUsedAsIs() {
        SketchSplits file = new SketchSplits("f", List.of(sketch(new float[] {10, -6, 1})),
                List.of(sketch(new float[] {4, 8, 1})), List.of());

        TrainingData data = TrainingData.of(List.of(file), 250, 2.0);

        assertThat(data.scaleFactor()).isEqualTo(2.0);
        assertThat(data.train().get(0)).isEqualTo(sketch(new float[] {5, -3, 1}));
        assertThat(data.valid().get(0)).isEqualTo(sketch(new float[] {2, 4, 1}));
        assertThatThrownBy(() -> TrainingData.of(List.of(file), 250, 0)).isInstanceOf(BadInputException.class);
    }

    @Test
    void longestLengthIsTheLongestKeptSketchOfAllSplits() {
        SketchSplits file = new SketchSplits("f", List.of(ofLength(20, 1)), List.of(ofLength(30, 1)),
                List.of(ofLength(45, 1), ofLength(60, 1)));

        assertThat(TrainingData.of(List.of(file), 50).longestLength()).isEqualTo(45);
        assertThat(TrainingData.of(List.of(file), 250).longestLength()).isEqualTo(60);
    }

    @Test
    void refusesDataWithoutTrainingSketchesOrWithoutSpread() {
        SketchSplits noTrain = new SketchSplits("empty", Collections.nCopies(3, ofLength(300, 1)), List.of(), List.of());
        assertThatThrownBy(() -> TrainingData.of(List.of(noTrain), 250))
                .isInstanceOf(BadInputException.class).hasMessageContaining("empty");

        SketchSplits flat = new SketchSplits("flat", List.of(sketch(new float[] {2, 2, 1})), List.of(), List.of());
        assertThatThrownBy(() -> TrainingData.of(List.of(flat), 250)).isInstanceOf(BadInputException.class);
    }
}
