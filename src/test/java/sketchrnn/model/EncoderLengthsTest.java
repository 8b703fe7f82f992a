package sketchrnn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sketchrnn.data.Batch;

/** The encoder honours each sketch's true length: nothing past it reaches mu or sigma_hat. */
class EncoderLengthsTest {

    private static SketchRnn model(CellKind cell) {
        SketchRnn model = SketchRnn.create(LossByHandTest.tiny(cell, CellKind.LSTM, true), 3);
        Fixtures.perturb(model, new Random(8), 0.5); // visible sensitivity of mu to its input
        return model;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CellKind.class)
    void garbageBeyondTheLengthDoesNotChangeTheCode(CellKind cell) {
        try (SketchRnn model = model(cell); NDManager scope = NDManager.newBaseManager()) {
            Batch batch = Fixtures.batch(new Random(1), 4, 4, 2, 3);
            Batch padded = Fixtures.repad(batch, 9, new Random(2)); // rows past the end are random numbers
            Encoded a = model.encode(batch, scope);
            Encoded b = model.encode(padded, scope);
            assertThat(b.mu().toFloatArray()).containsExactly(a.mu().toFloatArray(), offset(1e-6f));
            assertThat(b.sigmaHat().toFloatArray())
                    .containsExactly(a.sigmaHat().toFloatArray(), offset(1e-6f));
            // and every sketch encodes in a batch as it does alone, padded only to its own length
            float[] mu = a.mu().toFloatArray();
            int z = model.hparams().model().zSize();
            for (int s = 0; s < batch.size(); s++) {
                float[] alone = model.encode(Fixtures.single(batch, s), scope).mu().toFloatArray();
                for (int k = 0; k < z; k++) {
                    assertThat(alone[k]).as("sketch %d, z dim %d", s, k)
                            .isCloseTo(mu[s * z + k], offset(1e-6f));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CellKind.class)
    void theFirstAndTheLastRealPointsDoReachTheCode(CellKind cell) {
        try (SketchRnn model = model(cell); NDManager scope = NDManager.newBaseManager()) {
            Batch batch = Fixtures.batch(new Random(1), 6, 6, 3);
            float[] base = model.encode(batch, scope).mu().toFloatArray();
            int z = model.hparams().model().zSize();
            for (int row : new int[] {1, 3}) { // sketch 1 has 3 points: S_1 (read last backwards) and S_3 (last forwards)
                float[] s = batch.strokes().clone();
                s[((batch.maxLen() + 1) + row) * 5] += 1.5f; // dx of that point of sketch 1
                Batch moved1 = new Batch(s, batch.lengths(), batch.size(), batch.maxLen());
                float[] changed = model.encode(moved1, scope).mu().toFloatArray();
                double moved = 0;
                for (int k = 0; k < z; k++) {
                    moved = Math.max(moved, Math.abs(changed[z + k] - base[z + k]));
                    assertThat(changed[k]).as("sketch 0 is independent of sketch 1").isEqualTo(base[k]);
                }
                assertThat(moved).as("change of mu when S_%d moves", row).isGreaterThan(1e-3);
            }
        }
    }
}
