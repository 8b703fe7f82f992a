package sketchrnn.sample;

import java.util.SplittableRandom;

/**
 * The random stream of each sketch of a call: sketch {@code k} of a call seeded with {@code s} draws from a
 * generator seeded by a hash of {@code (s, k)}, so its points depend on the seed and its own index only,
 * never on how many sketches share the batch or in which order they finish.
 */
final class RandomStreams {
    private RandomStreams() {
    }

    /** The generator of sketch {@code index} of a call seeded with {@code seed}. */
    static SplittableRandom forSketch(long seed, long index) {
        return new SplittableRandom(mix(seed ^ mix(index + 0x632BE59BD9B4E019L)));
    }

    /**
     * The generator of the latent vector {@code z ~ N(0, I)} of sketch {@code index} of an unconditioned
     * sample: a stream apart from the sketch's points, so that sampling equals decoding the same draws. Ending
     * {@code index} of a completion draws the noise {@code eps} of its posterior code {@code mu + sigma * eps}
     * from it too.
     */
    static SplittableRandom forLatent(long seed, long index) {
        return forSketch(~seed, index);
    }

    /** A well-mixed 64-bit hash (the MurmurHash3 finaliser): nearby inputs give unrelated outputs. */
    static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }
}
