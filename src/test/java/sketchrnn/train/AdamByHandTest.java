package sketchrnn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import sketchrnn.engine.FlatParameters;

/**
 * Adam's first steps worked out by hand (docs/model.md §9.3): TensorFlow's form, with the bias correction folded into
 * the step size, {@code lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t)}, and the gradient clipped element-wise before
 * anything else.
 */
class AdamByHandTest {
    @Test
    void oneStepByHand() {
        {
            float[] p = {0.5f, -0.3f, 2.0f, 0.0f};
            Adam adam = new Adam(new FlatParameters(Map.of("p", new long[] {4})));
            // raw gradients; clipping to [-1, 1] makes them 0.2, -1, 1, -0.04
            float[] g = {0.2f, -3.0f, 5.0f, -0.04f};
            adam.step(p, g, 0.01, 1.0);

            // t = 1: m = 0.1 g, v = 0.001 g^2, lr_1 = 0.01 * sqrt(0.001) / 0.1 = 0.0031623,
            // step = lr_1 * 0.1 g / (sqrt(0.001) |g| + 1e-8) = 0.01 * sign(g) up to eps: the first step of Adam moves
            // every weight by the learning rate, whatever the gradient's size.
            assertThat(adam.iterations()).isEqualTo(1);
            float[] after = p;
            assertThat(g).as("the caller's gradient is left as it was").containsExactly(0.2f, -3.0f, 5.0f, -0.04f);
            assertThat(after[0]).isCloseTo(0.49f, within(1e-6f));
            assertThat(after[1]).isCloseTo(-0.29f, within(1e-6f));   // -3 clipped to -1: same move as any negative
            assertThat(after[2]).isCloseTo(1.99f, within(1e-6f));    // 5 clipped to 1
            assertThat(after[3]).isCloseTo(0.01f, within(1e-6f));
            // the moments hold the clipped gradient, not the raw one
            float[] m = adam.state().m().get("p");
            float[] v = adam.state().v().get("p");
            assertThat(m).containsExactly(new float[] {0.02f, -0.1f, 0.1f, -0.004f}, within(1e-7f));
            // (1 - b2 is 0.0009999871 in float arithmetic)
            assertThat(v).containsExactly(new float[] {0.00004f, 0.001f, 0.001f, 0.0000016f}, within(2e-8f));
        }
    }

    @Test
    void secondStepByHand() {
        {
            float[] p = {1.0f, 1.0f};
            Adam adam = new Adam(new FlatParameters(Map.of("p", new long[] {2})));
            adam.step(p, new float[] {0.5f, 0.5f}, 0.1, 1.0);
            adam.step(p, new float[] {-0.5f, 2.0f}, 0.1, 1.0);

            // weight 0: g1 = 0.5, g2 = -0.5; weight 1: g1 = 0.5, g2 = 2 clipped to 1
            // step 1 moves both by -0.1 (see above): 0.9, 0.9
            // step 2, weight 0: m = 0.9 * 0.05 + 0.1 * -0.5 = -0.005, v = 0.999 * 0.00025 + 0.001 * 0.25 = 0.00049975
            //   lr_2 = 0.1 * sqrt(1 - 0.998001) / (1 - 0.81) = 0.1 * 0.0447102 / 0.19 = 0.0235317
            //   p = 0.9 - 0.0235317 * -0.005 / (0.0223551 + 1e-8) = 0.9 + 0.0052632 = 0.9052632
            // step 2, weight 1: m = 0.045 + 0.1 = 0.145, v = 0.00024975 + 0.001 = 0.00124975
            //   p = 0.9 - 0.0235317 * 0.145 / 0.0353518 = 0.9 - 0.0965182 = 0.8034818
            double lr2 = 0.1 * Math.sqrt(1 - 0.999 * 0.999) / (1 - 0.9 * 0.9);
            assertThat(lr2).isCloseTo(0.0235317, within(1e-7));
            float[] after = p;
            assertThat(after[0]).isCloseTo(0.9052632f, within(2e-6f));
            assertThat(after[1]).isCloseTo(0.8034818f, within(2e-6f));
            assertThat(adam.iterations()).isEqualTo(2);
        }
    }
}
