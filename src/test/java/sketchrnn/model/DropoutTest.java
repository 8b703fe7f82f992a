package sketchrnn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sketchrnn.data.Batch;

/**
 * Dropout and the run-time randomness: on in training only, drawn from the pass's own seed (so a seed
 * repeats a step, whatever else uses the engine's generator), and z sampled in evaluation too, as the reference does.
 */
class DropoutTest {

    private static float trainingLoss(SketchRnn model, Batch batch, boolean training, int seed) {
        try (NDManager scope = NDManager.newBaseManager()) {
            return model.loss(batch, training, 0.5f, scope, seed).recon();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"use_recurrent_dropout", "use_input_dropout", "use_output_dropout"})
    void eachDropoutActsInTrainingOnlyAndRepeatsForASeed(String which) {
        HParams hp = HParams.tiny().withConditional(false).withRecurrentDropout(false).with(which, "true");
        for (CellKind cell : CellKind.values()) {
            try (SketchRnn model = SketchRnn.create(hp.withCells(cell, cell), 1)) {
                Batch batch = Fixtures.batch(new Random(1), 6, 6, 4, 5);
                float a = trainingLoss(model, batch, true, 1);
                assertThat(trainingLoss(model, batch, true, 1)).as(cell + ": same seed, same step").isEqualTo(a);
                assertThat(trainingLoss(model, batch, true, 2)).as(cell + ": dropout masks differ").isNotEqualTo(a);
                float eval = trainingLoss(model, batch, false, 1);
                assertThat(trainingLoss(model, batch, false, 2)).as(cell + ": no dropout in evaluation").isEqualTo(eval);
            }
        }
    }

    @Test
    void aPassDependsOnItsSeedAloneNotOnTheEnginesGenerator() {
        HParams hp = HParams.tiny().with("use_input_dropout", "true").with("use_output_dropout", "true");
        Batch batch = Fixtures.batch(new Random(1), 6, 6, 4, 5);
        try (SketchRnn model = SketchRnn.create(hp, 1); SketchRnn other = SketchRnn.create(hp, 2)) {
            Fixtures.perturb(model, new Random(3), 0.5);
            float alone = trainingLoss(model, batch, true, 5);
            ai.djl.engine.Engine.getInstance().setRandomSeed(99);                // another run reseeds the engine...
            try (NDManager scope = NDManager.newBaseManager()) {
                scope.randomUniform(0f, 1f, new ai.djl.ndarray.types.Shape(1000)); // ...and draws from it
            }
            trainingLoss(other, batch, true, 5);                                // a pass of another model in between
            assertThat(trainingLoss(model, batch, true, 5)).isEqualTo(alone);
        }
    }

    @Test
    void withoutDropoutTrainingIsDeterministicButZIsStillSampled() {
        HParams hp = HParams.tiny().withRecurrentDropout(false);
        Batch batch = Fixtures.batch(new Random(1), 6, 6, 4, 5);
        try (SketchRnn unconditional = SketchRnn.create(hp.withConditional(false), 1);
                SketchRnn vae = SketchRnn.create(hp, 1)) {
            assertThat(trainingLoss(unconditional, batch, true, 2)).isEqualTo(trainingLoss(unconditional, batch, true, 1));
            Fixtures.perturb(vae, new Random(3), 0.5); // sigma large enough for eps to show
            assertThat(trainingLoss(vae, batch, false, 2)).isNotEqualTo(trainingLoss(vae, batch, false, 1));
        }
    }

    @Test
    void dropoutMasksKeepTheRightShareAndScaleUp() {
        try (NDManager scope = NDManager.newBaseManager()) {
            NDList masks = Ops.dropoutMasks(Noise.seeded(1), scope, 0.9, 3, 200, 100, DataType.FLOAT32);
            assertThat(masks).hasSize(3);
            for (NDArray m : masks) {
                float[] v = m.toFloatArray();
                assertThat(v).hasSize(200 * 100);
                long kept = 0;
                for (float x : v) {
                    assertThat(x).isIn(0f, 1f / 0.9f);
                    kept += x != 0 ? 1 : 0;
                }
                assertThat(kept / (double) v.length).isCloseTo(0.9, within(0.01)); // 6 sigma
            }
            assertThat(Ops.dropoutMasks(Noise.seeded(1), scope, 1.0, 3, 2, 2, DataType.FLOAT32)).isNull();
            assertThat(Ops.dropoutMasks(null, scope, 0.9, 3, 2, 2, DataType.FLOAT32)).isNull();
        }
    }
}
