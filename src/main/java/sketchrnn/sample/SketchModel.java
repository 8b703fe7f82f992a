package sketchrnn.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.checkpoint.RunFolder;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Sketch;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;
import sketchrnn.model.StrictRandom;

/**
 * A trained sketch-rnn model ready to draw: the network, the scale factor that converts model units to
 * the data's units, and where it came from. Loads a project checkpoint or run folder (and, through the
 * interop package, Google's published browser models).
 *
 * <p>Drawing (docs/model.md §11): {@link #sample}, {@link #encode}, {@link #decode}, {@link #reconstruct},
 * {@link #interpolate}, {@link #analogy} and {@link #complete}. Sketches in and out are stroke-3 in the
 * data's units (pixels for Quick, Draw!): inputs are divided by {@link #scaleFactor()}, outputs multiplied.
 * Given sketches need 2 to {@code max_seq_len} points. Latent operations need a full VAE; a decoder-only
 * model refuses them with a {@link BadInputException}. Many sketches are drawn in one batch (one decoder
 * step per time step for all of them). Calls may run concurrently from several threads.
 *
 * <pre>{@code
 * try (SketchModel m = SketchModel.load(Path.of("runs/sheep"))) {
 *     SamplingOptions o = SamplingOptions.defaults().withTemperature(0.3).withSeed(42);
 *     List<Sketch> sheep = m.sample(16, o);
 *     List<Sketch> morph = m.decode(SketchModel.interpolate(m.encode(a), m.encode(b), 8, true), o);
 * }
 * }</pre>
 */
public final class SketchModel implements AutoCloseable {
    private final SketchRnn network;
    private final double scaleFactor;
    private final String name;
    private final String source;
    private final Checkpoint checkpoint;

    public SketchModel(SketchRnn network, double scaleFactor, String name, String source, Checkpoint checkpoint) {
        if (!(scaleFactor > 0) || Double.isInfinite(scaleFactor)) {
            throw new BadInputException(source + ": scale factor " + scaleFactor + " is not a positive number");
        }
        this.network = network;
        this.scaleFactor = scaleFactor;
        this.name = name;
        this.source = source;
        this.checkpoint = checkpoint;
    }

    /**
     * Loads a model: a run folder (its {@code best.ckpt}, else {@code last.ckpt}), a {@code .ckpt}
     * checkpoint, a published browser model ({@code .gen.json} / {@code .vae.json}), or
     * {@value PackagedModels#NAME}, the embedded default model.
     */
    public static SketchModel load(Path path) {
        if (PackagedModels.isDefaultName(path)) {
            return PackagedModels.loadDefault();
        }
        String file = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (file.endsWith(".json")) {
            if (!Files.exists(path)) {
                throw new BadInputException(path + ": no such model file");
            }
            return BrowserModelLoader.load(path);
        }
        Path ckpt = RunFolder.checkpointOf(path);
        Checkpoint c = Checkpoint.read(ckpt);
        return fromCheckpoint(c, ckpt.toString());
    }

    /** A model from a checkpoint already read. */
    public static SketchModel fromCheckpoint(Checkpoint c, String source) {
        SketchRnn net = ModelState.restore(c);
        List<String> data = RunFolder.shortNames(c.data());
        return new SketchModel(net, c.scaleFactor(), data.isEmpty() ? "model" : String.join("+", data), source, c);
    }

    /** The network (parameters and the step-by-step decoder). */
    public SketchRnn network() {
        return network;
    }

    public HParams hparams() {
        return network.hparams();
    }

    /** Model units to data units: sampled offsets are multiplied by it, inputs divided. */
    public double scaleFactor() {
        return scaleFactor;
    }

    /** A short name: the data set(s) it was trained on, or the browser model's name. */
    public String name() {
        return name;
    }

    /** Where the model was loaded from. */
    public String source() {
        return source;
    }

    /** True for a full VAE (encoder and decoder); false for a decoder-only model. */
    public boolean conditional() {
        return network.hparams().model().conditional();
    }

    /** The checkpoint the model came from, or null for other sources. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    // ---- drawing (docs/model.md §11) ----

    /**
     * {@code count} new sketches: for a conditional model each from its own {@code z ~ N(0, I)} (drawn from
     * the seed, on a stream apart from the points, so this equals {@link #decode} of the same draws).
     *
     * @throws BadInputException when {@code count < 1}
     */
    public List<Sketch> sample(int count, SamplingOptions o) {
        checkCount(count, "sketches");
        SamplingOptions opts = options(o);
        return toSketches(Decoding.decode(network, latentDraws(opts, count), count, opts, 0, null));
    }

    /** The codes {@code z ~ N(0, I)} that {@link #sample} draws for a conditional model; null for a decoder-only one. */
    List<float[]> latentDraws(SamplingOptions o, int count) {
        if (!conditional()) {
            return null;
        }
        List<float[]> zs = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            zs.add(standardNormal(RandomStreams.forLatent(o.seed(), k), hparams().model().zSize()));
        }
        return zs;
    }

    /**
     * The code of a sketch: the mean {@code mu} of the encoder's distribution (deterministic).
     *
     * @throws BadInputException for a decoder-only model, or a sketch with fewer than 2 or more than
     *                           {@code max_seq_len} points
     */
    public float[] encode(Sketch s) {
        return encodeAll(List.of(s)).get(0);
    }

    /** A draw {@code mu + sigma * eps} from the encoder's distribution of the sketch, {@code eps} from the seed. */
    public float[] encode(Sketch s, long seed) {
        requireEncoder("encode sketches");
        Sketch in = SketchInputs.toModelUnits(s, this, "the sketch");
        float[][] musig = Encoding.meanAndSigma(network, List.of(in)).get(0);
        SplittableRandom rng = RandomStreams.forSketch(seed, 0);
        float[] z = new float[musig[0].length];
        for (int k = 0; k < z.length; k++) {
            z[k] = (float) (musig[0][k] + musig[1][k] * StrictRandom.gaussian(rng));
        }
        return z;
    }

    /** The codes (mu) of many sketches, in batches. */
    public List<float[]> encodeAll(List<Sketch> sketches) {
        requireEncoder("encode sketches");
        List<Sketch> in = SketchInputs.toModelUnits(sketches, this);
        List<float[]> out = new ArrayList<>(in.size());
        for (float[][] ms : Encoding.meanAndSigma(network, in)) {
            out.add(ms[0]);
        }
        return out;
    }

    /** One sketch per latent vector, all in one batch (sketch k from stream k of the seed). */
    public List<Sketch> decode(List<float[]> zs, SamplingOptions o) {
        requireEncoder("decode latent vectors");
        if (zs == null || zs.isEmpty()) {
            throw new BadInputException("no latent vectors were given");
        }
        for (int i = 0; i < zs.size(); i++) {
            checkCode(zs.get(i), "latent vector " + i);
        }
        return toSketches(Decoding.decode(network, zs, zs.size(), options(o), 0, null));
    }

    /** Encodes the sketch (mu) and decodes that code {@code count} times, each from its own stream. */
    public List<Sketch> reconstruct(Sketch s, int count, SamplingOptions o) {
        checkCount(count, "reconstructions");
        float[] z = encode(s);
        return decode(Collections.nCopies(count, z), o);
    }

    /**
     * {@code steps} codes from {@code a} to {@code b}, both ends included as exact copies; spherical (slerp,
     * the paper's choice) or linear. See {@link Latents#interpolate}.
     */
    public static List<float[]> interpolate(float[] a, float[] b, int steps, boolean spherical) {
        return Latents.interpolate(a, b, steps, spherical);
    }

    /** {@code z(c) + z(b) - z(a)}: the code that is to c what b is to a (the paper's cat head + pig - pig head). */
    public float[] analogy(Sketch a, Sketch b, Sketch c) {
        requireEncoder("do latent arithmetic");
        List<float[]> z = encodeAll(List.of(a, b, c));
        return Latents.analogy(z.get(0), z.get(1), z.get(2));
    }

    /**
     * The code {@code z} each ending of a completion is conditioned on, for a conditional model (a decoder-only
     * model has none and ignores this). Whatever the code, every ending has at least one point: its first point
     * is drawn with the end of the sketch ruled out (docs/model.md §11.3).
     */
    public enum EndingCode {
        /**
         * Each ending its own draw {@code z = mu + sigma * eps}, {@code eps ~ N(0, I)}, from the encoder's
         * posterior of the unfinished sketch: z as the decoder saw it in training (docs/model.md §4, SPEC §3).
         * Ending k's {@code eps} comes from the seed, on a stream apart from its points. More varied endings;
         * on the default sheep model they add legs less often than {@link #MEAN} (BENCHMARKS.md).
         */
        SAMPLE,
        /**
         * Every ending the mean code {@code mu} of the unfinished sketch: the endings differ only by their points'
         * draws. The default: on the default sheep model its endings add legs most often (BENCHMARKS.md).
         */
        MEAN,
        /**
         * Each ending its own draw {@code z ~ N(0, I)} from the prior, as an unconditional sample has: the prefix
         * steers the ending only through the decoder's state after reading it. Ending k's draw comes from the
         * seed, on a stream apart from its points.
         */
        PRIOR
    }

    /**
     * {@code count} different endings of an unfinished sketch, the endings only (the first offset of each is
     * from the prefix's last point: append it to the prefix to get the whole drawing). A conditional model
     * conditions every ending on the mean code of the encoder's posterior of the prefix
     * ({@link EndingCode#MEAN}); a decoder-only model on nothing but the prefix. Every ending has at least one
     * point. The whole drawing has at most the options' maximum length.
     */
    public List<Sketch> complete(Sketch prefix, int count, SamplingOptions o) {
        return complete(prefix, count, o, EndingCode.MEAN);
    }

    /** As {@link #complete(Sketch, int, SamplingOptions)}, with the given choice of each ending's code. */
    public List<Sketch> complete(Sketch prefix, int count, SamplingOptions o, EndingCode code) {
        return completeAll(List.of(new Completion(prefix, count, options(o).seed())), o, code).get(0);
    }

    /**
     * An unfinished sketch and how many endings it wants; ending k draws its points from stream k of
     * {@code seed} (and its code, for {@link EndingCode#SAMPLE} and {@link EndingCode#PRIOR}, from a stream of its
     * own).
     */
    public record Completion(Sketch prefix, int count, long seed) {
    }

    /** {@link #completeAll(List, SamplingOptions, EndingCode)} with {@link EndingCode#MEAN}. */
    public List<List<Sketch>> completeAll(List<Completion> requests, SamplingOptions o) {
        return completeAll(requests, o, EndingCode.MEAN);
    }

    /**
     * The endings of several unfinished sketches, computed together (one batch: much cheaper than one call
     * each), as {@link #complete(Sketch, int, SamplingOptions, EndingCode)} computes them one at a time; each
     * request brings its own seed, the other options are shared ({@code o}'s seed is not used).
     *
     * <p>For a conditional model each prefix is encoded once; with {@link EndingCode#SAMPLE} or
     * {@link EndingCode#PRIOR} the decoder then reads the prefix once per ending (its state after the prefix
     * depends on z), all rows together.
     *
     * @return for each request, its endings
     */
    public List<List<Sketch>> completeAll(List<Completion> requests, SamplingOptions o, EndingCode code) {
        options(o);
        java.util.Objects.requireNonNull(code, "ending code (EndingCode.SAMPLE, MEAN or PRIOR)");
        if (requests == null || requests.isEmpty()) {
            throw new BadInputException("no unfinished sketches were given");
        }
        List<Sketch> in = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            checkCount(requests.get(i).count(), "endings");
            in.add(SketchInputs.toModelUnits(requests.get(i).prefix(), this,
                    requests.size() == 1 ? "the unfinished sketch" : "unfinished sketch " + i));
        }
        List<float[][]> posteriors = conditional() ? Encoding.meanAndSigma(network, in) : null;
        List<Decoding.Prefix> prefixes = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Completion c = requests.get(i);
            float[][] zs = posteriors == null ? null
                    : code == EndingCode.MEAN ? new float[][] {posteriors.get(i)[0]}
                    : code == EndingCode.PRIOR ? endingCodes(new float[posteriors.get(i)[0].length],
                            ones(posteriors.get(i)[0].length), c.count(), c.seed())
                    : endingCodes(posteriors.get(i)[0], posteriors.get(i)[1], c.count(), c.seed());
            prefixes.add(new Decoding.Prefix(in.get(i), zs, c.count(), c.seed()));
        }
        List<List<Sketch>> out = new ArrayList<>(requests.size());
        for (List<float[]> endings : Decoding.completeAll(network, prefixes, o, null)) {
            out.add(toSketches(endings));
        }
        return out;
    }

    /**
     * The codes of a completion's endings ({@link EndingCode#SAMPLE}): ending k's {@code z = mu + sigma * eps_k},
     * {@code eps_k ~ N(0, I)} from {@link RandomStreams#forLatent} of the seed and k (apart from its points).
     */
    static float[][] endingCodes(float[] mu, float[] sigma, int count, long seed) {
        float[][] zs = new float[count][];
        for (int k = 0; k < count; k++) {
            SplittableRandom eps = RandomStreams.forLatent(seed, k);
            float[] z = new float[mu.length];
            for (int j = 0; j < z.length; j++) {
                z[j] = (float) (mu[j] + sigma[j] * StrictRandom.gaussian(eps));
            }
            zs[k] = z;
        }
        return zs;
    }

    private static float[] ones(int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, 1f);
        return x;
    }

    /** Refuses a latent operation on a decoder-only model. */
    public void requireEncoder(String what) {
        if (!conditional()) {
            throw new BadInputException(name + " (" + source + ") is a decoder-only model: it has no encoder, so it"
                    + " cannot " + what + "; use a full VAE model (a .vae.json or a conditional checkpoint)");
        }
    }

    private void checkCode(float[] z, String what) {
        if (z == null || z.length != hparams().model().zSize()) {
            throw new BadInputException(what + " has " + (z == null ? 0 : z.length) + " values; model " + name
                    + " uses " + hparams().model().zSize());
        }
        for (float v : z) {
            if (!Float.isFinite(v)) {
                throw new BadInputException(what + " has a non-finite value");
            }
        }
    }

    private static SamplingOptions options(SamplingOptions o) {
        return java.util.Objects.requireNonNull(o, "sampling options (use SamplingOptions.defaults())");
    }

    private static void checkCount(int count, String what) {
        if (count < 1 || count > 100_000) {
            throw new BadInputException("the number of " + what + " must be in 1..100000, got " + count);
        }
    }

    private List<Sketch> toSketches(List<float[]> flats) {
        List<Sketch> out = new ArrayList<>(flats.size());
        for (float[] f : flats) {
            out.add(SketchInputs.toDataUnits(f, scaleFactor));
        }
        return out;
    }

    private static float[] standardNormal(SplittableRandom rng, int n) {
        float[] z = new float[n];
        for (int k = 0; k < n; k++) {
            z[k] = (float) StrictRandom.gaussian(rng);
        }
        return z;
    }

    @Override
    public void close() {
        network.close();
    }
}
