package sketchrnn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sketchrnn.data.Batch;

/**
 * Step-by-step decoding (sampling, completion) computes exactly what the teacher-forced training pass
 * computes, for a whole batch and for each sketch alone.
 */
class DecodeStepTest {

    @ParameterizedTest(name = "{0}, conditional {1}")
    @CsvSource({"LSTM,true", "LAYER_NORM,true", "HYPER,true", "LSTM,false", "LAYER_NORM,false", "HYPER,false"})
    void stepByStepMatchesTeacherForcingAndBatchMatchesOneAtATime(CellKind cell, boolean conditional) {
        HParams hp = LossByHandTest.tiny(CellKind.LSTM, cell, conditional).withRecurrentDropout(true); // off when not training
        try (SketchRnn model = SketchRnn.create(hp, 5); NDManager scope = NDManager.newBaseManager()) {
            Fixtures.perturb(model, new Random(9), 0.4);
            Batch batch = Fixtures.batch(new Random(4), 5, 5, 2, 4);
            int size = batch.size();
            int steps = batch.maxLen();
            int k = model.mixtureDensityHead().outputSize();
            NDArray z = conditional ? scope.randomNormal(new Shape(size, hp.model().zSize())) : null;
            float[] teacher = model.decode(batch, z, scope).toFloatArray();   // (B, T, K)

            // (d) the whole batch, one step at a time
            float[][] batched = new float[steps][];
            DecoderState state = model.initialState(z, size, scope);
            for (int t = 0; t < steps; t++) {
                DecoderStep step = model.decodeStep(rows(scope, batch, t, 0, size), z, state, scope);
                batched[t] = step.y().toFloatArray();                                 // (B, K)
                state = step.state();
                for (int b = 0; b < size; b++) {
                    for (int j = 0; j < k; j++) {
                        assertThat(batched[t][b * k + j]).as("step %d sketch %d output %d", t, b, j)
                                .isCloseTo(teacher[(b * steps + t) * k + j], offset(1e-5f));
                    }
                }
            }
            assertThat(state.state().getShape()).isEqualTo(new Shape(size, model.stateSize()));

            // (d') the same with the prepared stepper (weights joined once), with and without the head
            SketchRnn.Stepper stepper = model.stepper(scope);
            DecoderState prepared = model.initialState(z, size, scope);
            for (int t = 0; t < steps; t++) {
                DecoderStep headless = stepper.step(rows(scope, batch, t, 0, size), z, prepared, scope, false);
                DecoderStep step = stepper.step(rows(scope, batch, t, 0, size), z, prepared, scope, true);
                assertThat(headless.y()).isNull();
                assertThat(headless.state().state().toFloatArray()).containsExactly(step.state().state().toFloatArray());
                float[] y = step.y().toFloatArray();
                for (int j = 0; j < y.length; j++) {
                    assertThat(y[j]).as("stepper, step %d value %d", t, j).isCloseTo(batched[t][j], offset(1e-5f));
                }
                prepared = step.state();
            }

            // (e) each sketch alone gives the same outputs as within the batch
            for (int b = 0; b < size; b++) {
                NDArray zb = conditional ? z.get("{}:{}", b, b + 1) : null;
                DecoderState one = model.initialState(zb, 1, scope);
                for (int t = 0; t < steps; t++) {
                    DecoderStep step = model.decodeStep(rows(scope, batch, t, b, 1), zb, one, scope);
                    float[] y = step.y().toFloatArray();
                    one = step.state();
                    for (int j = 0; j < k; j++) {
                        assertThat(y[j]).as("sketch %d alone, step %d output %d", b, t, j)
                                .isCloseTo(batched[t][b * k + j], offset(1e-5f));
                    }
                }
            }
        }
    }

    /** Row t of sketches from..from+count-1: (count, 5). */
    private static NDArray rows(NDManager scope, Batch batch, int t, int from, int count) {
        float[] x = new float[count * 5];
        for (int b = 0; b < count; b++) {
            System.arraycopy(batch.strokes(), ((from + b) * (batch.maxLen() + 1) + t) * 5, x, b * 5, 5);
        }
        return scope.create(x, new Shape(count, 5));
    }
}
