package sketchrnn.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Sketch;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;

/** Sampling new sketches: seeds, greedy decoding, temperature, units, length limits, batching. */
class SamplerTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(CellKind.class)
    void theSameSeedDrawsTheSameSketchesAndAnotherSeedOthers(CellKind cell) {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(true, cell), 5, 12)) {
            SamplerModels.neverEnd(m); // every sketch has 20 points: duplicates would be a real flaw
            SamplingOptions o = SamplingOptions.defaults().withTemperature(0.8).withSeed(42);
            List<Sketch> first = m.sample(6, o);
            assertThat(m.sample(6, o)).isEqualTo(first);
            assertThat(m.sample(6, o.withSeed(43))).isNotEqualTo(first);
            assertThat(first).as("different sketches within a call").doesNotHaveDuplicates();
        }
    }

    @Test
    void aSketchDependsOnItsSeedAndIndexNotOnTheOthersInTheCall() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(false, CellKind.LSTM), 2, 5)) {
            SamplingOptions o = SamplingOptions.defaults().withSeed(9).withTemperature(1.0);
            List<Sketch> three = m.sample(3, o);
            List<Sketch> eight = m.sample(8, o);
            for (int k = 0; k < 3; k++) {
                assertClose(eight.get(k), three.get(k));
            }
        }
    }

    @Test
    void greedyDecodingIsDeterministicWhateverTheSeedAndTemperature() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(true, CellKind.LSTM), 3, 8)) {
            List<float[]> zs = List.of(new float[] {0.5f, -1, 0.25f, 2}, new float[] {-1, 0, 1, 0.5f});
            SamplingOptions greedy = SamplingOptions.defaults().withGreedy(true);
            List<Sketch> a = m.decode(zs, greedy.withSeed(1).withTemperature(0.1));
            List<Sketch> b = m.decode(zs, greedy.withSeed(2).withTemperature(1.9));
            assertThat(b).isEqualTo(a);
            assertThat(m.decode(zs, greedy.withGreedy(false).withSeed(1))).isNotEqualTo(a);
        }
    }

    @Test
    void greedyPointsAreTheMeanOfTheMostLikelyComponent() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(false, CellKind.LSTM), 4, 1)) {
            SamplingOptions greedy = SamplingOptions.defaults().withGreedy(true);
            List<float[]> ys = new ArrayList<>();
            List<float[]> drawn = Decoding.decode(m.network(), null, 1, greedy, 0,
                    (row, point, y, at) -> ys.add(java.util.Arrays.copyOfRange(y, at, at + 3 + 6 * 3)));
            float[] y = ys.get(0);
            int pi = argmax(y, 3, 3);
            int pen = argmax(y, 0, 3);
            if (pen == 2) {
                assertThat(drawn.get(0)).isEmpty();
            } else {
                assertThat(drawn.get(0)[0]).isEqualTo(y[3 + 3 + pi]);
                assertThat(drawn.get(0)[1]).isEqualTo(y[3 + 6 + pi]);
                assertThat(drawn.get(0)[2]).isEqualTo(pen == 1 ? 1f : 0f);
            }
        }
    }

    @Test
    void batchedAndOneAtATimeSeeTheSameDistributionsAndDrawTheSameSketches() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(true, CellKind.LAYER_NORM), 6, 3)) {
            SamplingOptions o = SamplingOptions.defaults().withSeed(17).withTemperature(0.7);
            List<float[]> zs = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                zs.add(new float[] {k * 0.3f, -k * 0.2f, 1 - k * 0.4f, 0.1f * k * k});
            }
            Map<String, float[]> batched = new HashMap<>();
            List<float[]> together = Decoding.decode(m.network(), zs, 5, o, 0, record(batched, 0));
            Map<String, float[]> single = new HashMap<>();
            List<float[]> alone = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                alone.addAll(Decoding.decode(m.network(), zs.subList(k, k + 1), 1, o, k, record(single, k)));
            }
            assertThat(single.keySet()).isEqualTo(batched.keySet());
            assertThat(batched.size()).isGreaterThan(5);
            for (String key : batched.keySet()) {
                float[] b = batched.get(key);
                float[] s = single.get(key);
                for (int i = 0; i < b.length; i++) {
                    assertThat(b[i]).as(key + " value " + i).isCloseTo(s[i], within(1e-5f));
                }
            }
            for (int k = 0; k < 5; k++) {
                assertThat(together.get(k)).hasSameSizeAs(alone.get(k));
                for (int i = 0; i < together.get(k).length; i++) {
                    assertThat(together.get(k)[i]).isCloseTo(alone.get(k)[i], within(1e-4f));
                }
            }
        }
    }

    @Test
    void temperatureOutsideZeroToTwoIsRefused() {
        SamplingOptions o = SamplingOptions.defaults();
        for (double t : new double[] {0, -0.5, 2.01, 10, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> o.withTemperature(t)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("is outside (0, 2]");
        }
        assertThat(o.withTemperature(2).temperature()).isEqualTo(2);
        assertThat(o.withTemperature(1e-3).temperature()).isEqualTo(1e-3);
    }

    @Test
    void defaultsAreDocumentedOnesWithAFreshSeed() {
        SamplingOptions o = SamplingOptions.defaults();
        assertThat(o.temperature()).isEqualTo(0.5);
        assertThat(o.greedy()).isFalse();
        assertThat(o.sigmaScaling()).isEqualTo(SigmaScaling.PAPER);
        assertThat(o.maxLength()).isZero();
        long seeds = java.util.stream.IntStream.range(0, 20).mapToLong(i -> SamplingOptions.defaults().seed()).distinct().count();
        assertThat(seeds).as("fresh seeds").isGreaterThan(15);
    }

    @Test
    void sketchesStopAtTheMaximumLength() {
        HParams hp = SamplerModels.tiny(false, CellKind.LSTM).withMaxSeqLen(30);
        try (SketchModel m = SamplerModels.inMemory(hp, 1, 4)) {
            SamplerModels.neverEnd(m);
            SamplingOptions o = SamplingOptions.defaults().withSeed(1);
            assertThat(m.sample(3, o)).allSatisfy(s -> assertThat(s.size()).isEqualTo(30));
            assertThat(m.sample(3, o.withMaxLength(7))).allSatisfy(s -> assertThat(s.size()).isEqualTo(7));
        }
    }

    @Test
    void outputsAreInTheDataUnitsOfTheScaleFactor() {
        HParams hp = SamplerModels.tiny(false, CellKind.LSTM);
        SamplingOptions o = SamplingOptions.defaults().withSeed(3);
        try (SketchModel one = SamplerModels.inMemory(hp, 8, 1); SketchModel ten = SamplerModels.inMemory(hp, 8, 10)) {
            List<Sketch> a = one.sample(4, o);
            List<Sketch> b = ten.sample(4, o);
            assertThat(b).isEqualTo(a.stream().map(s -> s.scaled(10, 10)).toList());
        }
    }

    @Test
    void sigmaScalingsAgreeAtTemperatureOneAndDifferBelow() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(false, CellKind.LSTM), 11, 1)) {
            SamplingOptions paper = SamplingOptions.defaults().withSeed(5).withTemperature(1.0);
            SamplingOptions reference = paper.withSigmaScaling(SigmaScaling.REFERENCE);
            assertThat(m.sample(4, reference)).isEqualTo(m.sample(4, paper));
            assertThat(m.sample(4, reference.withTemperature(0.3))).isNotEqualTo(m.sample(4, paper.withTemperature(0.3)));
            assertThat(SigmaScaling.PAPER.factor(0.25)).isEqualTo(0.5);
            assertThat(SigmaScaling.REFERENCE.factor(0.25)).isEqualTo(0.25);
        }
    }

    @Test
    void sampleOfAConditionalModelDecodesItsOwnLatentDraws() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(true, CellKind.LSTM), 12, 2)) {
            SamplingOptions o = SamplingOptions.defaults().withSeed(8);
            List<float[]> zs = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                var rng = RandomStreams.forLatent(8, k);
                zs.add(new float[] {(float) rng.nextGaussian(), (float) rng.nextGaussian(), (float) rng.nextGaussian(),
                    (float) rng.nextGaussian()});
            }
            assertThat(m.sample(3, o)).isEqualTo(m.decode(zs, o));
        }
    }

    @Test
    void countsOutsideTheRangeAreRefused() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(false, CellKind.LSTM), 1, 1)) {
            assertThatThrownBy(() -> m.sample(0, SamplingOptions.defaults())).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("must be in 1..");
        }
    }

    private static BatchSampler.StepObserver record(Map<String, float[]> into, int offset) {
        return (row, point, y, at) -> into.put((row + offset) + "/" + point, java.util.Arrays.copyOfRange(y, at, at + 21));
    }

    private static int argmax(float[] v, int from, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (v[from + k] > v[from + best]) {
                best = k;
            }
        }
        return best;
    }

    private static void assertClose(Sketch a, Sketch b) {
        assertThat(a.size()).isEqualTo(b.size());
        float[] x = a.toFlat();
        float[] y = b.toFlat();
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isCloseTo(y[i], within(1e-4f));
        }
    }
}
