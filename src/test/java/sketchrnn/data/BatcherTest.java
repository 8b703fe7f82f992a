package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sketchrnn.model.HParams;

class BatcherTest {
    private static final TrainingData DATA = TrainingData.of(
            List.of(SyntheticSketches.splits("a", 21, 1550, 130, 120), SyntheticSketches.splits("b", 22, 1450, 120, 130)),
            300);
    private static final Augmentation AUG = new Augmentation(0.15, 0.10);

    private static Batcher reference(long seed) {
        return new Batcher(DATA.train(), 100, DATA.longestLength(), AUG, false, seed);
    }

    private static Batcher grouped(long seed) {
        return new Batcher(DATA.train(), 100, DATA.longestLength(), AUG, true, seed);
    }

    private static void assertSameBatch(Batch a, Batch b) {
        assertThat(a.lengths()).isEqualTo(b.lengths());
        assertThat(a.maxLen()).isEqualTo(b.maxLen());
        assertThat(Arrays.equals(a.strokes(), b.strokes())).as("same stroke-5 values").isTrue();
    }

    @Test
    void theBatchOfAStepDependsOnlyOnSeedAndStepSoAResumedRunSeesTheSameBatches() {
        for (boolean group : new boolean[] {false, true}) {
            Batcher uninterrupted = new Batcher(DATA.train(), 100, DATA.longestLength(), AUG, group, 7);
            List<Batch> seen = new ArrayList<>();
            for (long step = 0; step < 70; step++) {
                seen.add(uninterrupted.trainBatch(step));
            }
            // a run resumed at step 55 (a fresh batcher), and a random access in any order
            Batcher resumed = new Batcher(DATA.train(), 100, DATA.longestLength(), AUG, group, 7);
            for (long step = 55; step < 70; step++) {
                assertSameBatch(resumed.trainBatch(step), seen.get((int) step));
            }
            assertSameBatch(resumed.trainBatch(3), seen.get(3));
            assertSameBatch(resumed.trainBatch(31), seen.get(31));
        }
    }

    @Test
    void differentStepsAndDifferentSeedsGiveDifferentBatches() {
        for (boolean group : new boolean[] {false, true}) {
            Batcher one = new Batcher(DATA.train(), 100, DATA.longestLength(), AUG, group, 7);
            Batcher other = new Batcher(DATA.train(), 100, DATA.longestLength(), AUG, group, 8);
            assertThat(one.indicesOf(0)).isNotEqualTo(one.indicesOf(1));
            assertThat(one.indicesOf(0)).isNotEqualTo(other.indicesOf(0));
            assertThat(one.trainBatch(5).strokes()).isNotEqualTo(one.trainBatch(6).strokes());
        }
        // the same sketches at another step are augmented differently
        Batcher g = grouped(7);
        long nextEpochSameBucket = -1;
        int[] first = g.indicesOf(0);
        for (long s = g.batchesPerEpoch(); s < 2L * g.batchesPerEpoch(); s++) {
            if (Arrays.equals(first, g.indicesOf(s))) {
                nextEpochSameBucket = s;
            }
        }
        if (nextEpochSameBucket >= 0) {
            assertThat(g.trainBatch(0).strokes()).isNotEqualTo(g.trainBatch(nextEpochSameBucket).strokes());
        }
    }

    @Test
    void referenceBatchesHoldBatchSizeDistinctSketchesPaddedToNMax() {
        Batcher b = new Batcher(DATA.train(), 100, DATA.longestLength(), Augmentation.NONE, false, 3);
        Set<Integer> everSeen = new HashSet<>();
        for (long step = 0; step < 200; step++) {
            int[] idx = b.indicesOf(step);
            Batch batch = b.trainBatch(step);
            assertThat(idx).hasSize(100).doesNotHaveDuplicates();
            assertThat(batch.size()).isEqualTo(100);
            assertThat(batch.maxLen()).isEqualTo(DATA.longestLength());
            for (int k = 0; k < idx.length; k++) {
                assertThat(Stroke5.sketchOf(batch, k)).isEqualTo(DATA.train().get(idx[k]));
                everSeen.add(idx[k]);
            }
        }
        // uniform draws: 200 batches of 100 out of 3000 reach nearly every sketch
        assertThat(everSeen.size()).isGreaterThan(2950);
        assertThat(b.batchesPerEpoch()).isEqualTo(30);
    }

    @Test
    void groupedModeVisitsEverySketchOncePerEpochAndReshufflesBetweenEpochs() {
        List<Sketch> odd = DATA.train().subList(0, 2987); // not a multiple of the batch size
        Batcher b = new Batcher(odd, 100, DATA.longestLength(), AUG, true, 5);
        assertThat(b.batchesPerEpoch()).isEqualTo(30);
        List<Set<Set<Integer>>> epochs = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] visits = new int[odd.size()];
            Set<Set<Integer>> buckets = new HashSet<>();
            for (int j = 0; j < 30; j++) {
                int[] idx = b.indicesOf(epoch * 30L + j);
                assertThat(idx.length).isBetween(99, 100);
                Set<Integer> bucket = new HashSet<>();
                for (int i : idx) {
                    visits[i]++;
                    bucket.add(i);
                }
                buckets.add(bucket);
            }
            assertThat(visits).containsOnly(1);
            epochs.add(buckets);
        }
        // epochs differ in which sketches share a batch, and in the order of lengths they visit
        assertThat(epochs.get(1)).isNotEqualTo(epochs.get(0));
        assertThat(epochs.get(2)).isNotEqualTo(epochs.get(1));
        assertThat(b.indicesOf(0)).isNotEqualTo(b.indicesOf(30));
    }

    @Test
    void groupedBatchesHoldSimilarLengthsPaddedToTheirOwnLongest() {
        Batcher b = grouped(5);
        List<int[]> ranges = new ArrayList<>();
        for (long step = 0; step < b.batchesPerEpoch(); step++) {
            Batch batch = b.trainBatch(step);
            int max = Arrays.stream(batch.lengths()).max().orElseThrow();
            int min = Arrays.stream(batch.lengths()).min().orElseThrow();
            assertThat(batch.maxLen()).isEqualTo(max);
            ranges.add(new int[] {min, max});
        }
        // buckets are consecutive runs of the (augmented) lengths: two batches' length ranges overlap by
        // less than the jitter, however the lengths are distributed
        for (int[] x : ranges) {
            for (int[] y : ranges) {
                if (x != y) {
                    int overlap = Math.min(x[1] - y[0], y[1] - x[0]);
                    assertThat(overlap).as("ranges %s and %s", Arrays.toString(x), Arrays.toString(y))
                            .isLessThan((int) Math.ceil(Batcher.LENGTH_JITTER));
                }
            }
        }
    }

    @Test
    void groupedModePadsFarLessThanTheReference() {
        Batcher.EpochCost ref = reference(1).epochCost(0);
        Batcher.EpochCost grp = grouped(1).epochCost(0);
        System.out.printf("synthetic %d sketches, N_max %d: reference %d cells/epoch (%d padding, %.1f%%), "
                        + "grouped %d cells/epoch (%d padding, %.1f%%): %.2fx fewer cells%n",
                DATA.train().size(), DATA.longestLength(), ref.cells(), ref.paddingCells(),
                100.0 * ref.paddingCells() / ref.cells(), grp.cells(), grp.paddingCells(),
                100.0 * grp.paddingCells() / grp.cells(), (double) ref.cells() / grp.cells());

        assertThat(grp.sketches()).isEqualTo(DATA.train().size());
        // the reference pads every one of its sketches to N_max
        assertThat(ref.cells()).isEqualTo(ref.sketches() * DATA.longestLength());
        // real points are about the same (augmentation drops ~10% of interior points in both)
        assertThat((double) grp.points() / grp.sketches()).isCloseTo((double) ref.points() / ref.sketches(),
                org.assertj.core.api.Assertions.withinPercentage(5));
        // grouped batches are nearly all real points; the reference's mostly padding
        assertThat((double) grp.paddingCells() / grp.cells()).isLessThan(0.10);
        assertThat((double) ref.paddingCells() / ref.cells()).isGreaterThan(0.60);
    }

    @Test
    void batcherOfUsesTheHyperparametersAndTheDataSetsNMax() {
        HParams hp = HParams.defaults().withBatchSize(50);
        Batcher b = sketchrnn.train.TrainingRun.batcher(DATA, hp.training(), 1);

        assertThat(b.trainBatch(0).size()).isEqualTo(50);
        assertThat(b.trainBatch(0).maxLen()).isEqualTo(DATA.longestLength());
        assertThat(b.groupByLength()).isFalse();
        assertThat(b.batchesPerEpoch()).isEqualTo(60);
    }

    @Test
    void evalBatchesCoverTheSplitExactlyOnceInOrderWithoutAugmentation() {
        List<Sketch> valid = DATA.valid(); // 250 sketches
        List<Batch> padded = Batcher.evalBatches(valid, 100, DATA.longestLength());
        List<Batch> tight = Batcher.evalBatches(valid, 100, Batcher.PAD_TO_OWN_LONGEST);

        assertThat(padded).extracting(Batch::size).containsExactly(100, 100, 50);
        assertThat(padded).extracting(Batch::maxLen).containsOnly(DATA.longestLength());
        assertThat(tight).extracting(Batch::size).containsExactly(100, 100, 50);
        List<Sketch> back = new ArrayList<>();
        for (int k = 0; k < tight.size(); k++) {
            Batch t = tight.get(k);
            assertThat(t.maxLen()).isEqualTo(Arrays.stream(t.lengths()).max().orElseThrow());
            for (int i = 0; i < t.size(); i++) {
                back.add(Stroke5.sketchOf(t, i));
                assertThat(Stroke5.sketchOf(padded.get(k), i)).isEqualTo(Stroke5.sketchOf(t, i));
            }
        }
        assertThat(back).isEqualTo(valid);
        assertThat(Batcher.evalBatches(List.of(), 100, 250)).isEmpty();
        assertThatThrownBy(() -> Batcher.evalBatches(valid, 100, 5)).isInstanceOf(BadInputException.class);
    }

    @Test
    void refusesTooFewSketchesForAReferenceBatch() {
        List<Sketch> few = DATA.train().subList(0, 30);
        assertThatThrownBy(() -> new Batcher(few, 100, 250, AUG, false, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("batch_size");
        // grouped mode makes one smaller batch of them
        Batcher g = new Batcher(few, 100, 250, AUG, true, 1);
        assertThat(g.batchesPerEpoch()).isEqualTo(1);
        assertThat(g.trainBatch(4).size()).isEqualTo(30);
    }
}
