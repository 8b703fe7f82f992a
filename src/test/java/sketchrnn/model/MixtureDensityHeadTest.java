package sketchrnn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The output layout {@code [pen (3) | pi | mu_x | mu_y | log sigma_x | log sigma_y | rho]} and temperature. */
class MixtureDensityHeadTest {

    @Test
    void splitsTheOutputAndAppliesTheTemperature() {
        int m = 2;
        float[] y = {0.3f, -1.0f, 2.0f, /* pi */ 0.5f, -0.5f, /* mu_x */ 1.5f, -2.5f, /* mu_y */ 0.25f, 3.0f,
            /* log sigma_x */ -1.0f, 0.5f, /* log sigma_y */ 0.0f, -0.25f, /* rho */ 0.4f, -2.0f};
        MixtureDensityHead head = new MixtureDensityHead(4, m);
        assertThat(head.outputSize()).isEqualTo(y.length);
        try (NDManager scope = NDManager.newBaseManager()) {
            double tau = 0.5;
            MixtureDensityHead.Mixture mix = head.mixture(scope.create(y, new Shape(1, y.length)), tau);
            assertThat(mix.pen().toFloatArray()).containsExactly(softmax(tau, 0.3, -1.0, 2.0), offset(1e-6f));
            assertThat(mix.pi().toFloatArray()).containsExactly(softmax(tau, 0.5, -0.5), offset(1e-6f));
            assertThat(mix.muX().toFloatArray()).containsExactly(1.5f, -2.5f);
            assertThat(mix.muY().toFloatArray()).containsExactly(0.25f, 3.0f);
            float r = (float) Math.sqrt(tau); // the paper scales the variance by tau
            assertThat(mix.sigmaX().toFloatArray()).containsExactly(new float[] {(float) Math.exp(-1.0) * r, (float) Math.exp(0.5) * r}, offset(1e-6f));
            assertThat(mix.sigmaY().toFloatArray()).containsExactly(new float[] {r, (float) Math.exp(-0.25) * r}, offset(1e-6f));
            assertThat(mix.rho().toFloatArray()).containsExactly(new float[] {(float) Math.tanh(0.4), (float) Math.tanh(-2.0)}, offset(1e-6f));
            // the reference TF sampler's convention: sigma scaled by tau itself
            MixtureDensityHead.Mixture tf = head.mixture(scope.create(y, new Shape(1, y.length)), tau, tau);
            assertThat(tf.sigmaY().toFloatArray()[0]).isCloseTo(0.5f, offset(1e-6f));
        }
    }

    private static float[] softmax(double tau, double... logits) {
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l / tau);
        }
        float[] out = new float[logits.length];
        for (int k = 0; k < logits.length; k++) {
            out[k] = (float) (Math.exp(logits[k] / tau) / sum);
        }
        return out;
    }
}
