package sketchrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The encoder's latent distribution for a batch (paper Eq. 2): {@code z ~ N(mu, diag(sigma²))} with
 * {@code sigma = exp(sigma_hat / 2)}.
 *
 * @param mu       (B, Nz)
 * @param sigmaHat (B, Nz) the log-variance
 */
public record Encoded(NDArray mu, NDArray sigmaHat) {

    /** (B, Nz) {@code exp(sigma_hat / 2)}. */
    public NDArray sigma() {
        return sigmaHat.mul(Ops.constant(sigmaHat.getManager(), 0.5, sigmaHat.getDataType())).exp();
    }

    /** {@code z = mu + sigma ⊙ eps} with {@code eps ~ N(0, I)} drawn from {@code noise}. */
    public NDArray sample(Noise noise, NDManager scope) {
        return withNoise(noise.gaussian(scope, mu.getShape(), mu.getDataType()));
    }

    /** {@code z = mu + sigma ⊙ eps} for a given {@code eps (B, Nz)}. */
    public NDArray withNoise(NDArray eps) {
        return mu.add(sigma().mul(eps));
    }
}
