package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import sketchrnn.Shared;
import sketchrnn.model.HParams;

/** The training data pipeline on the real sheep data set (aaron_sheep.npz, shared material). */
class SheepTrainingDataTest {
    @Test
    void sheepPrepareAsTheReferencePreparesThem() {
        SketchSplits sheep = NpzSketchReader.read(Shared.path("data/aaron_sheep.npz"));

        TrainingData data = TrainingData.of(List.of(sheep), 250);

        // 7400 / 300 / 300 sketches, none over 250 points, the longest exactly 250
        assertThat(data.train()).hasSize(7400);
        assertThat(data.valid()).hasSize(300);
        assertThat(data.test()).hasSize(300);
        assertThat(data.droppedTooLong()).isZero();
        assertThat(data.longestLength()).isEqualTo(250);
        // numpy: np.std of the pooled float32 train dx, dy = 18.519826889 (float64: 18.5198268739)
        assertThat(data.scaleFactor()).isCloseTo(18.5198268739, within(1e-6));
        // a shorter max_seq_len drops the long tail (numpy counts 739 training sketches over 200 points)
        TrainingData short200 = TrainingData.of(List.of(sheep), 200);
        assertThat(short200.train().size() + short200.droppedTooLong("train")).isEqualTo(7400);
        assertThat(short200.droppedTooLong("train")).isEqualTo(739);
        assertThat(short200.longestLength()).isEqualTo(200);
    }

    @Test
    void sheepBatchesAndWhatLengthGroupingSaves() {
        TrainingData data = TrainingData.of(List.of(NpzSketchReader.read(Shared.path("data/aaron_sheep.npz"))), 250);
        HParams hp = HParams.defaults();
        Batcher reference = sketchrnn.train.TrainingRun.batcher(data, hp.training(), 42);
        Batcher grouped = sketchrnn.train.TrainingRun.batcher(data, hp.with("group_by_length", "true").training(), 42);

        Batch b = reference.trainBatch(0);
        assertThat(b.size()).isEqualTo(100);
        assertThat(b.maxLen()).isEqualTo(250);
        // normalised and augmented offsets: unit scale, no wild values
        float maxAbs = 0;
        for (int i = 0; i < b.size(); i++) {
            Sketch s = Stroke5.sketchOf(b, i);
            for (int k = 0; k < s.size(); k++) {
                maxAbs = Math.max(maxAbs, Math.max(Math.abs(s.dx(k)), Math.abs(s.dy(k))));
            }
        }
        assertThat(maxAbs).isBetween(2f, 40f);
        assertThat(reference.batchesPerEpoch()).isEqualTo(74);
        assertThat(grouped.batchesPerEpoch()).isEqualTo(74);

        Batcher.EpochCost ref = reference.epochCost(0);
        Batcher.EpochCost grp = grouped.epochCost(0);
        System.out.printf("aaron_sheep: reference %d cells/epoch (%.1f%% padding), grouped %d (%.1f%% padding): "
                        + "%.2fx fewer%n", ref.cells(), 100.0 * ref.paddingCells() / ref.cells(), grp.cells(),
                100.0 * grp.paddingCells() / grp.cells(), (double) ref.cells() / grp.cells());
        assertThat(ref.cells()).isEqualTo(7400L * 250);
        assertThat((double) grp.paddingCells() / grp.cells()).isLessThan(0.03);
        assertThat((double) ref.cells() / grp.cells()).isGreaterThan(2.0);
    }
}
