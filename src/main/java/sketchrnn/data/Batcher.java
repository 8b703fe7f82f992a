package sketchrnn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Training and evaluation batches (docs/model.md §3, step 4 and batches; magenta's {@code DataLoader.random_batch}).
 *
 * <p>A training batch is a pure function of {@code (seed, step)}: {@link #trainBatch(long)} keeps no
 * state between calls, so a run resumed at step {@code k} sees exactly the batches an uninterrupted
 * run sees from step {@code k} on, and any step can be recomputed. Two modes:
 *
 * <ul>
 *   <li><b>reference</b> ({@code group_by_length = false}): each step draws {@code batch_size} distinct
 *       training sketches uniformly at random, and every batch is padded to the same N_max, the data
 *       set's longest sketch ({@link TrainingData#longestLength()}), as the reference does. An epoch is
 *       {@code floor(n / batch_size)} steps, as the reference counts it.</li>
 *   <li><b>length-grouped</b> ({@code group_by_length = true}): at the start of every epoch the
 *       sketches are augmented for the epoch and sorted by their augmented length plus a random jitter
 *       of less than {@link #LENGTH_JITTER} points (so
 *       sketches of equal or nearly equal length change batch-mates from epoch to epoch), and cut into
 *       {@code ceil(n / batch_size)} buckets of consecutive sketches whose sizes differ by at most one
 *       (so at most {@code batch_size}; exactly {@code batch_size} when it divides {@code n}). The epoch
 *       visits every bucket once, in a random order, so every training sketch is seen exactly once per
 *       epoch. Each batch is padded only to its own longest (augmented) sketch.</li>
 * </ul>
 *
 * <p>Every sketch of every training batch is augmented ({@link Augmentation}): in reference mode with
 * a generator seeded from {@code (seed, step)}; in grouped mode, where a sketch appears in exactly one
 * step of each epoch, from {@code (seed, epoch, sketch)}, so that the epoch's buckets can be cut by the
 * augmented lengths (only the lengths are kept; a batch re-augments its sketches identically).
 * Augmentation only shortens sketches, so N_max still bounds every batch. Thread-safe.
 */
public final class Batcher {
    /** {@code padTo} value of {@link #evalBatches} that pads each batch only to its own longest sketch. */
    public static final int PAD_TO_OWN_LONGEST = 0;
    /** Length-grouped mode: the sort key of a sketch is its length plus {@code U[0, LENGTH_JITTER)}. */
    public static final double LENGTH_JITTER = 2.0;

    private static final long SALT_PICK = 1;
    private static final long SALT_AUGMENT = 2;
    private static final long SALT_EPOCH = 3;
    private static final long SALT_AUGMENT_EPOCH = 4;

    private final List<Sketch> train;
    private final int batchSize;
    private final int padTo;
    private final Augmentation augmentation;
    private final boolean groupByLength;
    private final long seed;
    private final int batchesPerEpoch;
    private volatile EpochPlan plan; // the last epoch's buckets (grouped mode), recomputed on demand

    /** One epoch of the length-grouped mode: the buckets (sketch indices) in visiting order. */
    private record EpochPlan(long epoch, int[][] buckets) {
    }

    /**
     * The padding cost of one epoch of training batches.
     *
     * @param batches  batches (steps) in the epoch
     * @param sketches sketches in them (with repeats in reference mode)
     * @param cells    time steps the decoder runs, {@code sum over batches of B * T}
     * @param points   real points among them, {@code sum of the (augmented) sketch lengths}
     */
    public record EpochCost(int batches, long sketches, long cells, long points) {
        /** Cells that are end padding. */
        public long paddingCells() {
            return cells - points;
        }
    }

    /**
     * A batcher over some training sketches.
     *
     * @param train         the (normalised) training sketches
     * @param batchSize     sketches per batch
     * @param padTo         N_max, the length every reference-mode batch is padded to; at least the longest
     *                      training sketch (grouped batches never exceed it either)
     * @param augmentation  applied to every sketch of every training batch
     * @param groupByLength length-grouped mode instead of the reference's
     * @param seed          the run's seed: with the step it fixes every batch
     */
    public Batcher(List<Sketch> train, int batchSize, int padTo, Augmentation augmentation, boolean groupByLength,
            long seed) {
        this.train = List.copyOf(train);
        this.batchSize = batchSize;
        this.padTo = padTo;
        this.augmentation = augmentation;
        this.groupByLength = groupByLength;
        this.seed = seed;
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be positive, got " + batchSize);
        }
        if (this.train.isEmpty()) {
            throw new BadInputException("no training sketch to make batches of");
        }
        int longest = this.train.stream().mapToInt(Sketch::size).max().orElse(0);
        if (longest > padTo) {
            throw new IllegalArgumentException("a training sketch has " + longest + " points, more than padTo " + padTo);
        }
        if (!groupByLength && this.train.size() < batchSize) {
            throw new BadInputException("only " + this.train.size() + " training sketches for batches of "
                    + batchSize + ": lower batch_size or add data");
        }
        int n = this.train.size();
        this.batchesPerEpoch = groupByLength ? (n + batchSize - 1) / batchSize : n / batchSize;
    }

    /**
     * The batcher of a prepared data set's training split, N_max = the data set's longest sketch (the
     * training run makes it from its hyperparameters: {@code sketchrnn.train.TrainingRun#batcher}).
     */
    public static Batcher of(TrainingData data, int batchSize, Augmentation augmentation, boolean groupByLength,
            long seed) {
        return new Batcher(data.train(), batchSize, data.longestLength(), augmentation, groupByLength, seed);
    }

    /** The training batch of a step (0-based): the same for the same seed and step, always. */
    public Batch trainBatch(long step) {
        checkStep(step);
        if (groupByLength) {
            // 1. Grouped: the bucket's sketches augmented as the epoch plan augmented them; pad to their longest.
            long epoch = step / batchesPerEpoch;
            List<Sketch> sketches = new ArrayList<>(batchSize);
            int longest = 0;
            for (int i : planFor(epoch).buckets[(int) (step % batchesPerEpoch)]) {
                Sketch s = augmentedInEpoch(epoch, i);
                sketches.add(s);
                longest = Math.max(longest, s.size());
            }
            return Stroke5.batch(sketches, longest);
        }
        // 2. Reference: augment each drawn sketch with a generator fixed by (seed, step); pad to N_max.
        SplittableRandom rng = stream(step, 0, SALT_AUGMENT);
        List<Sketch> sketches = new ArrayList<>(batchSize);
        for (int i : indicesOf(step)) {
            sketches.add(augmentation.apply(train.get(i), rng));
        }
        return Stroke5.batch(sketches, padTo);
    }

    /** Which training sketches (indices into the training list) the batch of a step holds, in order. */
    public int[] indicesOf(long step) {
        checkStep(step);
        if (groupByLength) {
            long epoch = step / batchesPerEpoch;
            int[] bucket = planFor(epoch).buckets[(int) (step % batchesPerEpoch)];
            return bucket.clone();
        }
        return distinctRandom(train.size(), batchSize, stream(step, 0, SALT_PICK));
    }

    private static void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
    }

    /**
     * Steps per epoch: {@code ceil(n / batch_size)} in grouped mode (every sketch once), the reference's
     * {@code floor(n / batch_size)} in reference mode.
     */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    public boolean groupByLength() {
        return groupByLength;
    }

    /** N_max: the padded length of every reference-mode batch. */
    public int padTo() {
        return padTo;
    }

    public int batchSize() {
        return batchSize;
    }

    public long seed() {
        return seed;
    }

    /** The training sketches batches are drawn from. */
    public List<Sketch> train() {
        return train;
    }

    /**
     * What the batches of one epoch cost (steps {@code epoch * batchesPerEpoch()} to the next epoch),
     * measured by building them: the padded cells the model computes, and how many are real points.
     */
    public EpochCost epochCost(long epoch) {
        long sketches = 0;
        long cells = 0;
        long points = 0;
        for (long step = epoch * batchesPerEpoch; step < (epoch + 1) * batchesPerEpoch; step++) {
            Batch b = trainBatch(step);
            sketches += b.size();
            cells += (long) b.size() * b.maxLen();
            for (int len : b.lengths()) {
                points += len;
            }
        }
        return new EpochCost(batchesPerEpoch, sketches, cells, points);
    }

    /**
     * Evaluation batches: every sketch of the split exactly once, in split order, without augmentation,
     * {@code batchSize} per batch except the last, which keeps its true (smaller) size rather than being
     * filled with repeats.
     *
     * <p>How to use them: compute each batch's mean loss over its own {@link Batch#size()} sketches and
     * average the batches weighted by their sizes; then the last, smaller batch counts exactly as much
     * as its sketches (the reference's evaluation instead skips the remainder of the split). With
     * {@code padTo} = the data set's N_max every batch has {@code T = N_max} and the per-step losses are
     * divided by N_max as the reference does; with {@link #PAD_TO_OWN_LONGEST} each batch is padded only
     * to its own longest sketch (faster), and a caller that wants reference-equivalent numbers must
     * divide the masked sums by N_max rather than by the batch's {@code T}.
     *
     * @param padTo N_max (at least the split's longest sketch), or {@link #PAD_TO_OWN_LONGEST}
     */
    public static List<Batch> evalBatches(List<Sketch> split, int batchSize, int padTo) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (padTo < 0) {
            throw new IllegalArgumentException("padTo must be N_max or PAD_TO_OWN_LONGEST, got " + padTo);
        }
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < split.size(); from += batchSize) {
            List<Sketch> part = split.subList(from, Math.min(split.size(), from + batchSize));
            int longest = part.stream().mapToInt(Sketch::size).max().orElse(0);
            batches.add(Stroke5.batch(part, padTo == PAD_TO_OWN_LONGEST ? longest : padTo));
        }
        return batches;
    }

    /** The grouped buckets of an epoch, in visiting order (cached for the epoch last asked for). */
    private EpochPlan planFor(long epoch) {
        EpochPlan p = plan;
        if (p != null && p.epoch == epoch) {
            return p;
        }
        int n = train.size();
        // 1. The length of every sketch as this epoch augments it (each sketch is seen once an epoch).
        int[] augmentedLength = new int[n];
        for (int i = 0; i < n; i++) {
            augmentedLength[i] = augmentedInEpoch(epoch, i).size();
        }
        // 2. Sort by augmented length plus a jitter below LENGTH_JITTER points, so that sketches of nearly
        //    equal length change batch-mates each epoch. Key and index share one long (key in 1/1024
        //    points, then the index) for a primitive sort.
        SplittableRandom rng = stream(epoch, 0, SALT_EPOCH);
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            double key = augmentedLength[i] + LENGTH_JITTER * rng.nextDouble();
            keyed[i] = ((long) (key * 1024) << 32) | i;
        }
        Arrays.sort(keyed);
        // 3. Cut the order into batchesPerEpoch buckets whose sizes differ by at most one.
        int k = batchesPerEpoch;
        int[][] buckets = new int[k][];
        int base = n / k;
        int extra = n % k;
        int at = 0;
        for (int j = 0; j < k; j++) {
            int size = base + (j < extra ? 1 : 0);
            buckets[j] = new int[size];
            for (int m = 0; m < size; m++) {
                buckets[j][m] = (int) keyed[at++];
            }
        }
        // 4. Visit the buckets in a random order.
        for (int j = k - 1; j > 0; j--) {
            int r = rng.nextInt(j + 1);
            int[] t = buckets[j];
            buckets[j] = buckets[r];
            buckets[r] = t;
        }
        p = new EpochPlan(epoch, buckets);
        plan = p;
        return p;
    }

    /** Training sketch {@code i} as grouped-mode epoch {@code epoch} augments it (seeded by both). */
    private Sketch augmentedInEpoch(long epoch, int i) {
        return augmentation.apply(train.get(i), stream(epoch, i, SALT_AUGMENT_EPOCH));
    }

    /** {@code k} distinct indices below {@code n}, uniformly at random and in random order (Floyd). */
    private static int[] distinctRandom(int n, int k, SplittableRandom rng) {
        // 1. Floyd's sampling: a uniformly random k-subset in O(k).
        Set<Integer> chosen = new HashSet<>(2 * k);
        int[] out = new int[k];
        int m = 0;
        for (int j = n - k; j < n; j++) {
            int t = rng.nextInt(j + 1);
            int pick = chosen.add(t) ? t : j;
            if (pick == j) {
                chosen.add(j);
            }
            out[m++] = pick;
        }
        // 2. Shuffle, so the order within the batch is random too.
        for (int j = k - 1; j > 0; j--) {
            int r = rng.nextInt(j + 1);
            int t = out[j];
            out[j] = out[r];
            out[r] = t;
        }
        return out;
    }

    /** An independent generator for (seed, a, b, purpose). */
    private SplittableRandom stream(long a, long b, long salt) {
        long z = mix(seed + 0x9E3779B97F4A7C15L * salt);
        z = mix(z ^ a);
        z = mix(z + 0x632BE59BD9B4E019L + b);
        return new SplittableRandom(z);
    }

    /** The SplitMix64 finaliser: a bijective bit mixer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "Batcher[" + train.size() + " sketches, batch " + batchSize + ", "
                + (groupByLength ? "length-grouped" : "reference, N_max " + padTo) + ", " + augmentation + "]";
    }
}
