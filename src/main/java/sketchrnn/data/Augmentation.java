package sketchrnn.data;

import java.util.random.RandomGenerator;

/**
 * Training-time data augmentation (docs/model.md §3, step 4), applied to each sketch each time a batch takes it:
 *
 * <ol>
 *   <li>stretch: {@code dx} multiplied by {@code U[1-s, 1+s]}, {@code dy} by an independent
 *       {@code U[1-s, 1+s]} ({@code s = random_scale_factor});</li>
 *   <li>point dropping: each interior point of a stroke (neither the stroke's first point nor the point
 *       that ends it) is dropped with probability {@code augment_stroke_prob}, and its offset is added to
 *       the next point, so every kept point stays exactly where it was (up to float rounding) and every
 *       stroke keeps its start and its end.</li>
 * </ol>
 *
 * <p>The reference ({@code augment_strokes}) differs in two details we do not copy: it only considers
 * a stroke's fourth and later points, and it adds a dropped offset to the <em>previous</em> kept point,
 * which moves that point onto the dropped one's position (in effect it removes the previous point).
 * Both versions thin strokes at the same rate with the stroke ends fixed.
 *
 * <p>Deterministic: the result is a function of the sketch and the random generator's state (it draws
 * the two stretch factors, then one number per interior point).
 */
public final class Augmentation {
    /** No augmentation (evaluation). */
    public static final Augmentation NONE = new Augmentation(0, 0);

    private final double scale;
    private final double dropProb;

    /**
     * @param randomScaleFactor s in [0, 1): the stretch range
     * @param augmentStrokeProb probability in [0, 1) of dropping each interior point
     */
    public Augmentation(double randomScaleFactor, double augmentStrokeProb) {
        if (!(randomScaleFactor >= 0 && randomScaleFactor < 1)) {
            throw new IllegalArgumentException("random_scale_factor must be in [0, 1), got " + randomScaleFactor);
        }
        if (!(augmentStrokeProb >= 0 && augmentStrokeProb < 1)) {
            throw new IllegalArgumentException("augment_stroke_prob must be in [0, 1), got " + augmentStrokeProb);
        }
        this.scale = randomScaleFactor;
        this.dropProb = augmentStrokeProb;
    }

    public double randomScaleFactor() {
        return scale;
    }

    public double augmentStrokeProb() {
        return dropProb;
    }

    /** True when this augmentation leaves every sketch unchanged. */
    public boolean isIdentity() {
        return scale == 0 && dropProb == 0;
    }

    /** The augmented sketch: stretched, then thinned; never longer than {@code s}. */
    public Sketch apply(Sketch s, RandomGenerator rng) {
        if (isIdentity()) {
            return s;
        }
        // 1. Independent stretch factors for x and y.
        float sx = (float) (1 + scale * (2 * rng.nextDouble() - 1));
        float sy = (float) (1 + scale * (2 * rng.nextDouble() - 1));
        Sketch stretched = s.scaled(sx, sy);
        // 2. Drop interior points, carrying their offsets forward.
        return dropPoints(stretched, dropProb, rng);
    }

    /**
     * Drops each interior stroke point of {@code s} with probability {@code prob}, adding its offset
     * to the next point; the first and the last point of every stroke are always kept.
     */
    public static Sketch dropPoints(Sketch s, double prob, RandomGenerator rng) {
        if (prob <= 0) {
            return s;
        }
        int n = s.size();
        float[] out = new float[3 * n];
        int kept = 0;
        double carryX = 0;
        double carryY = 0;
        for (int i = 0; i < n; i++) {
            // 1. A point is interior when a point of the same stroke precedes it and it does not end the
            //    stroke (the sketch's last point ends a stroke even when its pen value says otherwise).
            boolean startsStroke = i == 0 || s.penLifted(i - 1);
            boolean endsStroke = i == n - 1 || s.penLifted(i);
            boolean interior = !startsStroke && !endsStroke;
            if (interior && rng.nextDouble() < prob) {
                // 2. Dropped: the next point takes over its offset.
                carryX += s.dx(i);
                carryY += s.dy(i);
                continue;
            }
            // 3. Kept: its offset now also spans the points dropped just before it.
            out[3 * kept] = (float) (s.dx(i) + carryX);
            out[3 * kept + 1] = (float) (s.dy(i) + carryY);
            out[3 * kept + 2] = s.penLifted(i) ? 1f : 0f;
            kept++;
            carryX = 0;
            carryY = 0;
        }
        if (kept == n) {
            return s;
        }
        float[] flat = new float[3 * kept];
        System.arraycopy(out, 0, flat, 0, flat.length);
        return Sketch.ofFlat(flat);
    }

    @Override
    public String toString() {
        return "Augmentation[random_scale_factor " + scale + ", augment_stroke_prob " + dropProb + "]";
    }
}
