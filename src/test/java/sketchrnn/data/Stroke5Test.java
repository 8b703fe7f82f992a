package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Stroke5Test {
    private static final Sketch THREE = Sketch.of(new float[][] {{1, 2, 0}, {3, -4, 1}, {-5, 6, 1}});

    @Test
    void encodesStartTokenPointsAndPaddingExactly() {
        float[] rows = Stroke5.encode(THREE, 5);

        assertThat(rows).containsExactly(
                0, 0, 1, 0, 0, // S0
                1, 2, 1, 0, 0, // pen stays down
                3, -4, 0, 1, 0, // pen lifts
                -5, 6, 0, 1, 0, // pen lifts (last point)
                0, 0, 0, 0, 1, // end padding
                0, 0, 0, 0, 1);
    }

    @Test
    void encodingASketchOfExactlyMaxLenHasNoPadding() {
        float[] rows = Stroke5.encode(THREE, 3);

        assertThat(rows).hasSize(4 * 5);
        assertThat(Arrays.copyOfRange(rows, 15, 20)).containsExactly(-5, 6, 0, 1, 0);
    }

    @Test
    void refusesASketchLongerThanMaxLen() {
        assertThatThrownBy(() -> Stroke5.encode(THREE, 2))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("3 points").hasMessageContaining("max_seq_len");
    }

    @Test
    void encodeThenDecodeGivesTheSketchBack() {
        Random rng = new Random(11);
        for (int k = 0; k < 200; k++) {
            Sketch s = SyntheticSketches.sketch(rng, SyntheticSketches.length(rng));
            float[] rows = Stroke5.encode(s, 300);
            float[] withoutStart = Arrays.copyOfRange(rows, 5, rows.length);

            assertThat(Stroke5.decode(withoutStart, 300)).isEqualTo(s);
        }
    }

    @Test
    void decodeCutsAtTheFirstEndRowAndReadsModelPenValuesByArgmax() {
        float[] rows = {
            1, 1, 0.6f, 0.3f, 0.1f, // p1 largest: pen down
            2, 2, 0.2f, 0.7f, 0.1f, // p2 largest: pen lifts
            3, 3, -1f, 2f, 0.5f, // logits: p2 largest
            4, 4, 0.1f, 0.2f, 0.7f, // p3 largest: the sketch ends here
            5, 5, 1, 0, 0, // ignored
        };

        Sketch s = Stroke5.decode(rows, 5);

        assertThat(s).isEqualTo(Sketch.of(new float[][] {{1, 1, 0}, {2, 2, 1}, {3, 3, 1}}));
    }

    @Test
    void decodeWithoutEndRowKeepsAllRowsAndStartingWithEndGivesAnEmptySketch() {
        float[] noEnd = {1, 2, 1, 0, 0, 3, 4, 0, 1, 0};
        assertThat(Stroke5.decode(noEnd, 2).size()).isEqualTo(2);
        assertThat(Stroke5.decode(new float[] {0, 0, 0, 0, 1}, 1).size()).isZero();
    }

    @Test
    void batchStacksEncodedSketchesAndKeepsTheirTrueLengths() {
        Sketch two = Sketch.of(new float[][] {{7, 8, 0}, {9, 10, 1}});
        Batch b = Stroke5.batch(List.of(THREE, two), 4);

        assertThat(b.size()).isEqualTo(2);
        assertThat(b.maxLen()).isEqualTo(4);
        assertThat(b.lengths()).containsExactly(3, 2);
        assertThat(Arrays.copyOfRange(b.strokes(), 0, 25)).containsExactly(Stroke5.encode(THREE, 4));
        assertThat(Arrays.copyOfRange(b.strokes(), 25, 50)).containsExactly(Stroke5.encode(two, 4));
        assertThat(Stroke5.sketchOf(b, 0)).isEqualTo(THREE);
        assertThat(Stroke5.sketchOf(b, 1)).isEqualTo(two);
    }

    @Test
    void batchRefusesASketchLongerThanThePaddedLength() {
        assertThatThrownBy(() -> Stroke5.batch(List.of(THREE), 2)).isInstanceOf(BadInputException.class);
    }
}
