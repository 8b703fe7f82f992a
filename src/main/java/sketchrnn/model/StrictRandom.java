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

    /**
     * An inverted dropout mask into {@code out[off..off+n)}: each entry {@code 1/keep} with probability
     * {@code keep} (to 1/65536), else 0; four entries from each 64-bit draw.
     */
    public static void dropoutMask(RandomGenerator rng, float[] out, int off, int n, double keep) {
        int threshold = (int) Math.round(keep * 65536.0);
        float scale = 1f / (float) keep;
        long bits = 0;
        int left = 0;
        for (int i = 0; i < n; i++) {
            if (left == 0) {
                bits = rng.nextLong();
                left = 4;
            }
            out[off + i] = (int) (bits & 0xFFFF) < threshold ? scale : 0f;
            bits >>>= 16;
            left--;
        }
    }
}
