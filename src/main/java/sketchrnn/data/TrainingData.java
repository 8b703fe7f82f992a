package sketchrnn.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A training data set prepared as docs/model.md §3 (steps 1-3) (and magenta's {@code load_dataset} with its
 * {@code DataLoader}) prepare it: the splits of one or more data files merged, over-long sketches
 * dropped, offsets clamped, and every split divided by one scale factor taken from the training split.
 *
 * <p>The scale factor is exactly what the reference's {@code calculate_normalizing_scale_factor}
 * returns, {@code np.std} of the pooled {@code dx} and {@code dy} values of the kept, clamped training
 * sketches: with the {@code 2P} values {@code v} ({@code P} training points),
 * {@code sqrt(sum((v - mean(v))^2) / (2P))} — the population standard deviation (numpy's default
 * {@code ddof = 0}). {@code np.std} does subtract the pooled mean; what docs/model.md §3 says of the mean
 * is that the data themselves are never centred: offsets are only divided by the factor, so a zero
 * offset stays zero. We compute it in double precision (numpy accumulates the float32 array in
 * float32 with pairwise sums; the two agree to about 1e-6 relative).
 *
 * <p>Sketches keep their file order within each split: all sketches of the first file, then the
 * second, and so on; {@link #classOf(String, int)} tells which file (class) a sketch came from.
 * Immutable.
 */
public final class TrainingData {
    /** Offsets are clamped to {@code [-LIMIT, LIMIT]} data units before anything else (reference: 1000). */
    public static final float LIMIT = 1000f;
    /** The split names, in the order {@link SketchSplits} holds them. */
    public static final List<String> SPLITS = List.of("train", "valid", "test");

    private final List<String> names;
    private final Part[] parts; // train, valid, test
    private final int maxSeqLen;
    private final double scaleFactor;
    private final int longest;

    /** One prepared split: normalised sketches, their class, and what preparation dropped. */
    private record Part(List<Sketch> sketches, int[] classes, int droppedTooLong, int droppedEmpty, long clamped) {
    }

    private TrainingData(List<String> names, Part[] parts, int maxSeqLen, double scaleFactor) {
        this.names = names;
        this.parts = parts;
        this.maxSeqLen = maxSeqLen;
        this.scaleFactor = scaleFactor;
        int max = 0;
        for (Part p : parts) {
            for (Sketch s : p.sketches) {
                max = Math.max(max, s.size());
            }
        }
        this.longest = max;
    }

    /**
     * Prepares the data sets with a scale factor computed from their training splits.
     *
     * @param files     one entry per data file (class), in the order their class indices follow
     * @param maxSeqLen sketches with more points are dropped (N_max, docs/model.md §10: 250)
     * @throws BadInputException when no training sketch is left, or all training offsets are equal
     */
    public static TrainingData of(List<SketchSplits> files, int maxSeqLen) {
        return prepare(files, maxSeqLen, Double.NaN);
    }

    /**
     * Prepares the data sets with a given scale factor, the one stored with a trained model, so that
     * evaluation sees the data in the units the model was trained in.
     */
    public static TrainingData of(List<SketchSplits> files, int maxSeqLen, double scaleFactor) {
        if (!(scaleFactor > 0) || Double.isInfinite(scaleFactor)) {
            throw new BadInputException("scale factor must be a positive number, got " + scaleFactor);
        }
        return prepare(files, maxSeqLen, scaleFactor);
    }

    private static TrainingData prepare(List<SketchSplits> files, int maxSeqLen, double givenScale) {
        if (files.isEmpty()) {
            throw new BadInputException("no data file given");
        }
        if (maxSeqLen <= 0) {
            throw new BadInputException("max_seq_len must be positive, got " + maxSeqLen);
        }
        List<String> names = files.stream().map(SketchSplits::name).toList();
        // 1. Merge each split over the files, dropping over-long (and empty) sketches and clamping offsets.
        Part[] raw = new Part[SPLITS.size()];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = filterAndClamp(files, SPLITS.get(k), maxSeqLen);
        }
        // 2. The scale factor: np.std of the pooled training dx and dy, unless the caller stores one.
        double scale = givenScale;
        if (Double.isNaN(scale)) {
            if (raw[0].sketches.isEmpty()) {
                throw new BadInputException("no training sketch of at most " + maxSeqLen + " points in "
                        + String.join(", ", names) + ": cannot compute the scale factor");
            }
            scale = normalizingScaleFactor(raw[0].sketches);
            if (!(scale > 0)) {
                throw new BadInputException("every training offset of " + String.join(", ", names)
                        + " is the same: the scale factor (their standard deviation) is 0");
            }
        }
        // 3. Divide the offsets of every split by it.
        Part[] parts = new Part[raw.length];
        for (int k = 0; k < raw.length; k++) {
            Part p = raw[k];
            List<Sketch> normalised = new ArrayList<>(p.sketches.size());
            for (Sketch s : p.sketches) {
                normalised.add(divide(s, scale));
            }
            parts[k] = new Part(List.copyOf(normalised), p.classes, p.droppedTooLong, p.droppedEmpty, p.clamped);
        }
        return new TrainingData(names, parts, maxSeqLen, scale);
    }

    /**
     * The reference's normalising scale factor of some sketches: the population standard deviation
     * ({@code np.std}) of all their {@code dx} and {@code dy} values pooled together, in double
     * precision. NaN for no points.
     */
    public static double normalizingScaleFactor(List<Sketch> sketches) {
        // 1. The mean of the pooled values.
        double sum = 0;
        long count = 0;
        for (Sketch s : sketches) {
            for (int i = 0; i < s.size(); i++) {
                sum += (double) s.dx(i) + s.dy(i);
            }
            count += 2L * s.size();
        }
        double mean = sum / count;
        // 2. The mean squared deviation from it (two passes: no cancellation).
        double squares = 0;
        for (Sketch s : sketches) {
            for (int i = 0; i < s.size(); i++) {
                double ex = s.dx(i) - mean;
                double ey = s.dy(i) - mean;
                squares += ex * ex + ey * ey;
            }
        }
        return Math.sqrt(squares / count);
    }

    private static Part filterAndClamp(List<SketchSplits> files, String split, int maxSeqLen) {
        List<Sketch> kept = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        int tooLong = 0;
        int empty = 0;
        long clamped = 0;
        for (int c = 0; c < files.size(); c++) {
            List<Sketch> sketches = files.get(c).split(split);
            for (int j = 0; j < sketches.size(); j++) {
                Sketch s = sketches.get(j);
                if (s.size() > maxSeqLen) {
                    tooLong++;
                    continue;
                }
                if (s.size() == 0) {
                    empty++;
                    continue;
                }
                float[] flat = s.toFlat();
                for (int i = 0; i < flat.length; i += 3) {
                    for (int d = 0; d < 2; d++) {
                        float v = flat[i + d];
                        if (!Float.isFinite(v)) {
                            throw new BadInputException(files.get(c).name() + ": " + split + " sketch " + j
                                    + " has a non-finite offset at point " + i / 3);
                        }
                        if (v > LIMIT || v < -LIMIT) {
                            flat[i + d] = Math.max(-LIMIT, Math.min(LIMIT, v));
                            clamped++;
                        }
                    }
                }
                kept.add(Sketch.ofFlat(flat));
                classes.add(c);
            }
        }
        int[] cls = classes.stream().mapToInt(Integer::intValue).toArray();
        return new Part(kept, cls, tooLong, empty, clamped);
    }

    private static Sketch divide(Sketch s, double scale) {
        float[] flat = s.toFlat();
        for (int i = 0; i < flat.length; i += 3) {
            flat[i] = (float) (flat[i] / scale);
            flat[i + 1] = (float) (flat[i + 1] / scale);
        }
        return Sketch.ofFlat(flat);
    }

    private Part part(String split) {
        return switch (split) {
            case "train" -> parts[0];
            case "valid", "validation" -> parts[1];
            case "test" -> parts[2];
            default -> throw new BadInputException("unknown split '" + split + "': expected train, valid or test");
        };
    }

    /** The normalised training sketches. */
    public List<Sketch> train() {
        return parts[0].sketches;
    }

    /** The normalised validation sketches. */
    public List<Sketch> valid() {
        return parts[1].sketches;
    }

    /** The normalised test sketches. */
    public List<Sketch> test() {
        return parts[2].sketches;
    }

    /** A split by name: {@code train}, {@code valid} (or {@code validation}) or {@code test}. */
    public List<Sketch> split(String split) {
        return part(split).sketches;
    }

    /** Data units per model unit: offsets were divided by it; multiply model outputs by it. */
    public double scaleFactor() {
        return scaleFactor;
    }

    /** The data files' names, index = class. */
    public List<String> names() {
        return names;
    }

    /** The class (index into {@link #names()}) of sketch {@code i} of a split. */
    public int classOf(String split, int i) {
        return part(split).classes[i];
    }

    /** The max_seq_len the data were filtered with. */
    public int maxSeqLen() {
        return maxSeqLen;
    }

    /**
     * The number of points of the longest kept sketch of all three splits: N_max as the reference pads
     * every batch (its {@code get_max_len} over train, valid and test), here at most {@link #maxSeqLen()}
     * because over-long sketches were dropped first.
     */
    public int longestLength() {
        return longest;
    }

    /** Sketches of a split dropped because they had more than max_seq_len points. */
    public int droppedTooLong(String split) {
        return part(split).droppedTooLong;
    }

    /** Sketches dropped for having more than max_seq_len points, all splits. */
    public int droppedTooLong() {
        return parts[0].droppedTooLong + parts[1].droppedTooLong + parts[2].droppedTooLong;
    }

    /** Sketches of a split dropped because they had no point at all (nothing to learn from). */
    public int droppedEmpty(String split) {
        return part(split).droppedEmpty;
    }

    /** Offset values ({@code dx} or {@code dy}) of a split clamped to {@code [-LIMIT, LIMIT]}. */
    public long clampedValues(String split) {
        return part(split).clamped;
    }

    @Override
    public String toString() {
        return "TrainingData" + names + "[train " + train().size() + ", valid " + valid().size() + ", test "
                + test().size() + ", dropped " + droppedTooLong() + " over " + maxSeqLen + " points, longest "
                + longest + ", scale factor " + scaleFactor + "]";
    }
}
