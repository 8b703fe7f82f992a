package sketchrnn.sample;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import sketchrnn.data.BadInputException;

/**
 * How a model draws (docs/model.md §11). Immutable and validated: start from {@link #defaults()} and change what you
 * need with the withers.
 *
 * @param temperature  τ in (0, 2]: pen and mixture logits are divided by τ before the softmax, and the
 *                     offset spread is scaled as {@code sigmaScaling} says. Low values give tidy, typical
 *                     drawings; 1 is the model's own distribution; above 1, scribbles. Ignored when greedy.
 * @param greedy       most likely choices instead of random ones: the argmax mixture component, the argmax
 *                     pen state and the component's mean offset. Deterministic whatever the seed.
 * @param seed         the seed of every random choice. Sketch {@code k} of a call draws from its own stream
 *                     derived from the seed and {@code k}, so the same seed gives the same sketches, and a
 *                     sketch does not depend on how many others are drawn with it.
 * @param sigmaScaling how τ scales the offset deviations ({@link SigmaScaling#PAPER} by default)
 * @param maxLength    at most this many points per sketch (a completion counts the given prefix too);
 *                     0 means the model's {@code max_seq_len}
 */
public record SamplingOptions(double temperature, boolean greedy, long seed, SigmaScaling sigmaScaling, int maxLength) {
    /** The default temperature: lively but recognisable drawings (the paper shows 0.1 to 1.0). */
    public static final double DEFAULT_TEMPERATURE = 0.5;
    /** The largest maximum length accepted. */
    public static final int MAX_LENGTH_LIMIT = 10_000;

    public SamplingOptions {
        if (!(temperature > 0 && temperature <= 2)) {
            throw new BadInputException("temperature " + format(temperature) + " is outside (0, 2]: use a value"
                    + " such as 0.1 (tidy), 0.5 (default) or 1.0 (the model's own distribution)");
        }
        if (sigmaScaling == null) {
            throw new BadInputException("sigma scaling must be paper or reference");
        }
        if (maxLength < 0 || maxLength > MAX_LENGTH_LIMIT) {
            throw new BadInputException("maximum length " + maxLength + " is outside 0.." + MAX_LENGTH_LIMIT
                    + " (0: the model's max_seq_len)");
        }
    }

    /**
     * Temperature {@value #DEFAULT_TEMPERATURE}, random (not greedy), a fresh random seed (read it back with
     * {@link #seed()} to repeat a result), {@link SigmaScaling#PAPER}, the model's {@code max_seq_len}.
     */
    public static SamplingOptions defaults() {
        return new SamplingOptions(DEFAULT_TEMPERATURE, false, freshSeed(), SigmaScaling.PAPER, 0);
    }

    /** A random seed in 0..2^31-1 (short enough to type back on a command line). */
    public static long freshSeed() {
        return ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
    }

    public SamplingOptions withTemperature(double v) {
        return new SamplingOptions(v, greedy, seed, sigmaScaling, maxLength);
    }

    public SamplingOptions withGreedy(boolean v) {
        return new SamplingOptions(temperature, v, seed, sigmaScaling, maxLength);
    }

    public SamplingOptions withSeed(long v) {
        return new SamplingOptions(temperature, greedy, v, sigmaScaling, maxLength);
    }

    public SamplingOptions withSigmaScaling(SigmaScaling v) {
        return new SamplingOptions(temperature, greedy, seed, v, maxLength);
    }

    public SamplingOptions withMaxLength(int v) {
        return new SamplingOptions(temperature, greedy, seed, sigmaScaling, v);
    }

    /** The point budget for a model whose {@code max_seq_len} is {@code modelMax}. */
    int maxLengthFor(int modelMax) {
        return maxLength == 0 ? modelMax : maxLength;
    }

    /** A short description for messages: "temperature 0.5, seed 42" or "greedy". */
    public String describe() {
        return greedy ? "greedy" : "temperature " + format(temperature) + ", seed " + seed
                + (sigmaScaling == SigmaScaling.PAPER ? "" : ", reference sigma scaling");
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%s", (float) v);
    }
}
