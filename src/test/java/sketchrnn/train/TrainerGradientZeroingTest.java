package sketchrnn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trainer clears the gradient buffers after every update, and clears them of NaN and infinities too: a buffer
 * that kept a NaN would poison every later step's gradient (they accumulate into the same buffer).
 */
class TrainerGradientZeroingTest {

    /** A task over two parameters whose cost is finite but whose gradients are not at the start. */
    private static final class NonFiniteGradientTask implements Trainer.Task {
        final NDArray a;
        final NDArray b;
        final Map<String, NDArray> params = new LinkedHashMap<>();

        NonFiniteGradientTask(NDManager manager) {
            a = manager.zeros(new Shape(3));
            b = manager.zeros(new Shape(2));
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            params.put("a", a);
            params.put("b", b);
        }

        @Override
        public Map<String, NDArray> parameters() {
            return params;
        }

        @Override
        public Trainer.StepOutput forward(long step, NDManager scope) {
            NDArray cost;
            if (step == 0) {
                // at 0: sqrt(a) has an infinite slope, 0 * sqrt(b) a NaN one (0 * inf); the cost itself is 0
                cost = a.sqrt().sum().add(b.sqrt().mul(0f).sum());
            } else {
                cost = a.square().sum(); // finite everywhere
            }
            cost.attach(scope);
            return new Trainer.StepOutput(cost, Map.of("cost", (double) cost.getFloat()));
        }

        @Override
        public Map<String, Double> validate(long step) {
            return Map.of("cost", 0.0);
        }

        @Override
        public double learningRate(long step) {
            return 0.001;
        }

        @Override
        public double gradClip() {
            return 1.0;
        }
    }

    @Test
    void nanAndInfiniteGradientsAreClearedAfterTheStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NonFiniteGradientTask task = new NonFiniteGradientTask(manager);
            Trainer.Outcome outcome = new Trainer(new Trainer.Config(1, null, 0, 3)).run(task, new Adam(task.params), 0);
            assertThat(outcome).isEqualTo(Trainer.Outcome.MAX_STEPS);
            assertThat(task.a.getGradient().toFloatArray()).as("gradient of a (was +inf)").containsOnly(0f);
            assertThat(task.b.getGradient().toFloatArray()).as("gradient of b (was NaN)").containsOnly(0f);
        }
    }

    @Test
    void anInfiniteGradientDoesNotLeakIntoTheNextStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NonFiniteGradientTask task = new NonFiniteGradientTask(manager);
            // step 0: a's gradient is +inf, clipped to 1 for the update (a = -0.001); step 1: the finite gradient 2a,
            // which a buffer left at inf - inf = NaN would have turned into NaN
            new Trainer(new Trainer.Config(2, null, 0, 3)).run(task, new Adam(task.params), 0);
            // step 1 by hand: m = 0.09 - 0.0002, v = 0.000999 + 4e-9, lr_2 = 0.001 * sqrt(1 - 0.999^2) / (1 - 0.9^2)
            // = 0.000235317, a = -0.001 - 0.000235317 * 0.0898 / 0.0316070 = -0.0016686
            for (float x : task.a.toFloatArray()) {
                assertThat(x).as("a after two steps").isCloseTo(-0.0016686f, within(1e-6f));
            }
        }
    }
}
