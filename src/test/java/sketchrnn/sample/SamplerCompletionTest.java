package sketchrnn.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import sketchrnn.data.Batch;
import sketchrnn.data.Sketch;
import sketchrnn.data.Stroke5;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.StrictRandom;
import sketchrnn.render.Panel;

/** Completion: the prefix is read with teacher forcing and kept; endings are drawn from where it ends. */
class SamplerCompletionTest {

    /**
     * The first ending point is drawn from the distribution the teacher-forced decoder gives after the prefix,
     * with the ending's own code z (a conditional model) or none.
     */
    @ParameterizedTest(name = "conditional {0}")
    @ValueSource(booleans = {true, false})
    void endingsStartFromTheTeacherForcedStateAfterThePrefix(boolean conditional) {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(conditional, CellKind.LAYER_NORM), 31, 4)) {
            Sketch prefix = SamplerModels.house();
            Map<Integer, float[]> firstY = new TreeMap<>();
            Sketch units = prefix.scaled(0.25f, 0.25f);
            float[][] zs = null;
            if (conditional) {
                float[][] musig = Encoding.meanAndSigma(m.network(), List.of(units)).get(0);
                zs = SketchModel.endingCodes(musig[0], musig[1], 3, 1);
            }
            Decoding.complete(m.network(), units, zs, 3, SamplingOptions.defaults().withSeed(1),
                    (row, point, y, at) -> {
                        if (point == 0) {
                            firstY.put(row, Arrays.copyOfRange(y, at, at + 21));
                        }
                    });
            assertThat(firstY).hasSize(3);
            // The whole prefix decoded at once with teacher forcing (with ending k's z): the output after S0, P1..Pn.
            int n = prefix.size();
            Batch batch = Stroke5.batch(List.of(units), n + 1);
            for (int k = 0; k < 3; k++) {
                try (NDManager scope = NDManager.newBaseManager()) {
                    NDArray zz = zs == null ? null : scope.create(zs[k], new Shape(1, 4));
                    float[] y = m.network().decode(batch, zz, scope).toFloatArray(); // (1, n+1, 21)
                    float[] f = firstY.get(k);
                    for (int i = 0; i < 21; i++) {
                        if (i == PointSampler.END) { // an ending's first point never ends the sketch
                            assertThat(f[i]).as("ending %d end-of-sketch logit", k).isEqualTo(Float.NEGATIVE_INFINITY);
                        } else {
                            assertThat(f[i]).as("ending %d value %d", k, i).isCloseTo(y[n * 21 + i], within(1e-5f));
                        }
                    }
                }
            }
            if (conditional) {
                assertThat(firstY.get(0)).as("endings with different codes start differently")
                        .isNotEqualTo(firstY.get(1));
            } else {
                assertThat(firstY.get(0)).as("a decoder-only model reads the prefix once").isEqualTo(firstY.get(1));
            }
        }
    }

    /**
     * Each ending of a conditional model's completion has its own code, a draw mu + sigma * eps from the
     * encoder's posterior of the prefix (as the decoder saw z in training), eps from the seed; {@code MEAN} (the
     * default) gives them all mu; {@code PRIOR} gives each its own draw from N(0, I).
     */
    @Test
    void eachEndingHasItsOwnPosteriorDrawOfZ() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(true, CellKind.LSTM), 34, 4)) {
            Sketch units = SamplerModels.house().scaled(0.25f, 0.25f);
            float[][] musig = Encoding.meanAndSigma(m.network(), List.of(units)).get(0);
            float[] mu = musig[0];
            float[] sigma = musig[1];
            float[][] zs = SketchModel.endingCodes(mu, sigma, 4, 9);
            assertThat(zs).hasDimensions(4, 4);
            for (int k = 0; k < zs.length; k++) {
                assertThat(zs[k]).as("ending %d's z is not mu", k).isNotEqualTo(mu);
                for (int j = k + 1; j < zs.length; j++) {
                    assertThat(zs[k]).as("endings %d and %d", k, j).isNotEqualTo(zs[j]);
                }
                // eps_k = (z_k - mu) / sigma is ending k's standard normal draw from its own stream of the seed
                SplittableRandom stream = RandomStreams.forLatent(9, k);
                for (int j = 0; j < mu.length; j++) {
                    double eps = StrictRandom.gaussian(stream);
                    assertThat((double) zs[k][j]).isCloseTo(mu[j] + sigma[j] * eps, within(1e-6));
                }
            }
            assertThat(SketchModel.endingCodes(mu, sigma, 4, 9)).as("same seed, same codes").isEqualTo(zs);
            assertThat(SketchModel.endingCodes(mu, sigma, 2, 9)).as("ending k's code does not depend on the count")
                    .isEqualTo(Arrays.copyOf(zs, 2));
            assertThat(SketchModel.endingCodes(mu, sigma, 4, 10)[0]).as("another seed").isNotEqualTo(zs[0]);

            // Through the API: the endings are those of the per-ending codes, the same seed gives the same
            // endings; MEAN conditions every ending on mu, as before, and draws other endings.
            SamplerModels.neverEnd(m);
            SamplingOptions o = SamplingOptions.defaults().withSeed(9).withTemperature(0.5).withMaxLength(30);
            List<Sketch> endings = m.complete(SamplerModels.house(), 4, o, SketchModel.EndingCode.SAMPLE);
            assertThat(endings).hasSize(4).doesNotHaveDuplicates().allSatisfy(e -> assertThat(e.size()).isPositive());
            assertThat(m.complete(SamplerModels.house(), 4, o, SketchModel.EndingCode.SAMPLE)).as("same seed")
                    .isEqualTo(endings);
            assertThat(toSketches(m, Decoding.complete(m.network(), units, zs, 4, o, null))).isEqualTo(endings);
            List<Sketch> fromMean = m.complete(SamplerModels.house(), 4, o, SketchModel.EndingCode.MEAN);
            assertThat(m.complete(SamplerModels.house(), 4, o)).as("MEAN is the default").isEqualTo(fromMean);
            // PRIOR: ending k's code is its own standard normal draw, from the same stream as SAMPLE's eps
            float[] zeros = new float[mu.length], ones = new float[mu.length];
            Arrays.fill(ones, 1f);
            assertThat(m.complete(SamplerModels.house(), 4, o, SketchModel.EndingCode.PRIOR)).isEqualTo(
                    toSketches(m, Decoding.complete(m.network(), units, SketchModel.endingCodes(zeros, ones, 4, 9), 4, o, null)));
            assertThat(toSketches(m, Decoding.complete(m.network(), units, new float[][] {mu}, 4, o, null)))
                    .isEqualTo(fromMean);
            for (int k = 0; k < 4; k++) {
                assertThat(endings.get(k)).as("ending %d: its own z or mu", k).isNotEqualTo(fromMean.get(k));
            }
        }
    }

    /**
     * An ending is drawn given that the drawing goes on: even a model that ends every sketch at once gives
     * each ending one point (and then ends it), where without that rule every ending would be empty.
     */
    @ParameterizedTest(name = "conditional {0}")
    @ValueSource(booleans = {true, false})
    void everyEndingHasAtLeastOnePoint(boolean conditional) {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(conditional, CellKind.LSTM), 35, 4)) {
            SamplerModels.alwaysEnd(m);
            SamplingOptions o = SamplingOptions.defaults().withSeed(3).withTemperature(0.5);
            assertThat(m.sample(4, o)).as("unfinished sketches are not asked for: samples end at once")
                    .allSatisfy(s -> assertThat(s.size()).isZero());
            assertThat(m.complete(SamplerModels.house(), 4, o)).hasSize(4)
                    .allSatisfy(e -> assertThat(e.size()).isEqualTo(1));
        }
    }

    private static List<Sketch> toSketches(SketchModel m, List<float[]> flats) {
        List<Sketch> out = new ArrayList<>();
        for (float[] f : flats) {
            out.add(SketchInputs.toDataUnits(f, m.scaleFactor()));
        }
        return out;
    }

    /**
     * Several unfinished sketches of different lengths completed together give what each gives alone (same
     * seeds): rows whose prefix is shorter keep their state while the longer ones are still being read.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(CellKind.class)
    void completingSeveralTogetherEqualsCompletingEachAlone(CellKind cell) {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(true, cell), 33, 4)) {
            Sketch house = SamplerModels.house();
            Sketch shorter = house.prefix(3);
            List<SketchModel.Completion> requests = List.of(new SketchModel.Completion(house, 3, 11),
                    new SketchModel.Completion(shorter, 2, 12), new SketchModel.Completion(house, 1, 13));
            SamplingOptions o = SamplingOptions.defaults().withTemperature(0.6).withMaxLength(40);
            List<List<Sketch>> together = m.completeAll(requests, o);
            assertThat(together).hasSize(3);
            for (int i = 0; i < requests.size(); i++) {
                SketchModel.Completion c = requests.get(i);
                List<Sketch> alone = m.complete(c.prefix(), c.count(), o.withSeed(c.seed()));
                assertThat(together.get(i)).as("request %d", i).hasSize(c.count());
                for (int k = 0; k < c.count(); k++) {
                    Sketch a = alone.get(k);
                    Sketch t = together.get(i).get(k);
                    assertThat(t.size()).as("request %d ending %d", i, k).isEqualTo(a.size());
                    for (int p = 0; p < a.size(); p++) {
                        assertThat(t.dx(p)).isCloseTo(a.dx(p), within(1e-3f));
                        assertThat(t.dy(p)).isCloseTo(a.dy(p), within(1e-3f));
                        assertThat(t.pen(p)).isEqualTo(a.pen(p));
                    }
                }
            }
        }
    }

    @Test
    void theWholeSketchStartsWithTheUnchangedPrefixAndEndingsDiffer() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(true, CellKind.LSTM), 32, 7.5)) {
            SamplerModels.neverEnd(m);
            Sketch prefix = SamplerModels.house();
            SamplingOptions o = SamplingOptions.defaults().withSeed(6).withTemperature(0.9);
            List<Sketch> endings = m.complete(prefix, 4, o);
            assertThat(endings).hasSize(4).doesNotHaveDuplicates();
            assertThat(m.complete(prefix, 4, o)).isEqualTo(endings);
            for (Sketch e : endings) {
                assertThat(e.size()).as("prefix + ending fill max_seq_len").isEqualTo(20 - prefix.size());
                Sketch whole = Panel.completion(prefix, e, null).sketch();
                assertThat(whole.prefix(prefix.size())).isEqualTo(prefix);
            }
        }
    }

    @Test
    void aPrefixAsLongAsTheLimitHasEmptyEndings() {
        HParams hp = SamplerModels.tiny(false, CellKind.LSTM);
        try (SketchModel m = SamplerModels.inMemory(hp, 33, 1)) {
            SamplerModels.neverEnd(m);
            List<Sketch> endings = m.complete(SamplerModels.zigzag(20), 2, SamplingOptions.defaults());
            assertThat(endings).allSatisfy(e -> assertThat(e.size()).isZero());
            assertThat(m.complete(SamplerModels.zigzag(5), 2, SamplingOptions.defaults().withMaxLength(8)))
                    .allSatisfy(e -> assertThat(e.size()).isEqualTo(3));
        }
    }
}
