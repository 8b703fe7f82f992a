package sketchrnn.model;

import java.util.random.RandomGenerator;

/**
 * Random draws whose values are the same on every JVM and machine, whether the code is interpreted or
 * compiled: standard normal values from uniform ones with {@link StrictMath} only (Marsaglia's polar
 * method), where {@code RandomGenerator.nextGaussian} may round its transcendental steps differently. The
 * model's initial weights, the latent codes and the sampled points are drawn with it, so that a seed gives
 * the same weights and the same sketches on every machine.
 */
public final class StrictRandom {
    private StrictRandom() {
    }

    /** One draw from N(0, 1). */
    public static double gaussian(RandomGenerator rng) {
        while (true) {
            double u = 2 * rng.nextDouble() - 1;
            double v = 2 * rng.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            }
        }
    }
}
