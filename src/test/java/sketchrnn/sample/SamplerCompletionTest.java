package sketchrnn.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import sketchrnn.data.Batch;
import sketchrnn.data.Sketch;
import sketchrnn.data.Stroke5;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.render.Panel;

/** Completion: the prefix is read with teacher forcing and kept; endings are drawn from where it ends. */
class SamplerCompletionTest {

    /** The first ending point is drawn from the distribution the teacher-forced decoder gives after the prefix. */
    @ParameterizedTest(name = "conditional {0}")
    @ValueSource(booleans = {true, false})
    void endingsStartFromTheTeacherForcedStateAfterThePrefix(boolean conditional) {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(conditional, CellKind.LAYER_NORM), 31, 4)) {
            Sketch prefix = SamplerModels.house();
            List<float[]> firstY = new ArrayList<>();
            Sketch units = prefix.scaled(0.25f, 0.25f);
            float[] z = conditional ? m.encode(prefix) : null;
            Decoding.complete(m.network(), units, z, 3, SamplingOptions.defaults().withSeed(1),
                    (row, point, y, at) -> {
                        if (point == 0) {
                            firstY.add(Arrays.copyOfRange(y, at, at + 21));
                        }
                    });
            assertThat(firstY).hasSize(3);
            // The whole prefix decoded at once with teacher forcing: the output after S0, P1..Pn.
            int n = prefix.size();
            Batch batch = Stroke5.batch(List.of(units), n + 1);
            try (NDManager scope = NDManager.newBaseManager()) {
                NDArray zz = z == null ? null : scope.create(z, new Shape(1, 4));
                float[] y = m.network().decode(batch, zz, scope).toFloatArray(); // (1, n+1, 21)
                for (float[] f : firstY) {
                    for (int i = 0; i < 21; i++) {
                        assertThat(f[i]).as("value " + i).isCloseTo(y[n * 21 + i], within(1e-5f));
                    }
                }
            }
        }
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
