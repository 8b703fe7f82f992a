package sketchrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sketchrnn.data.Batch;
import sketchrnn.data.Batcher;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;

/**
 * The DJL path clears libtorch's gradient buffers after copying them out, NaN and infinities included: a
 * buffer that kept a NaN would poison every later step's gradient (they accumulate into the same buffer).
 */
class DjlBackendTest {

    @Test
    void nanGradientsAreClearedAndDoNotReachTheNextStep() {
        HParams hp = HParams.tiny().withCells(CellKind.LSTM, CellKind.LSTM).withMaxSeqLen(60);
        Batch batch = Batcher.evalBatches(EngineTrainingTest.walks(new Random(3), 4), 4, 60).get(0);
        try (DjlBackend backend = new DjlBackend(SketchRnn.create(hp, 5))) {
            Map<String, float[]> good = backend.weights();
            Map<String, float[]> poisoned = backend.weights();
            poisoned.get("output/b")[0] = Float.NaN;
            backend.loadWeights(poisoned);
            assertThat(backend.lossAndGradient(batch, 0.5, 1).objective()).isNaN();
            try (NDManager scope = NDManager.newBaseManager()) {
                for (Map.Entry<String, NDArray> e : backend.model().parameters().entrySet()) {
                    NDArray g = e.getValue().getGradient();
                    g.attach(scope);
                    assertThat(g.toFloatArray()).as("libtorch's gradient buffer of %s", e.getKey()).containsOnly(0f);
                }
            }
            backend.loadWeights(good);
            double cost = backend.lossAndGradient(batch, 0.5, 1).objective();
            assertThat(cost).isFinite();
            try (DjlBackend fresh = new DjlBackend(SketchRnn.create(hp, 5))) {
                assertThat(fresh.lossAndGradient(batch, 0.5, 1).objective()).isEqualTo(cost);
            }
        }
    }
}
