package sketchrnn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Simplifies a sketch read from a file as the models' training data was simplified: Quick, Draw! ran
 * Ramer-Douglas-Peucker on every stroke with a tolerance of 2 units of a drawing 255 units across
 * ({@link QuickDrawSimplifier}); here the tolerance is the same share, {@value #TOLERANCE_TEXT}, of the
 * sketch's own larger side, so the sketch keeps its units and its position. A drawing made in a vector editor
 * (an SVG's curves flattened into hundreds of points) thus comes down to the spacing the model was trained on.
 *
 * <p>{@link #fit} simplifies only when the sketch is longer than the model reads; when the usual tolerance is
 * not enough it doubles it (up to {@value #MAX_DOUBLINGS} times) and says so.
 */
public final class SketchSimplifier {
    /** Quick, Draw!'s tolerance as a share of the drawing's larger side: 2 in 255. */
    public static final double TOLERANCE = QuickDrawSimplifier.EPSILON / QuickDrawSimplifier.SIDE;
    static final String TOLERANCE_TEXT = "2/255";
    /** How often {@link #fit} may double the tolerance. */
    public static final int MAX_DOUBLINGS = 4;

    /** When to simplify: only when needed to fit (the default), always, or never. */
    public enum Mode {
        AUTO, ALWAYS, NEVER;

        /** Parses {@code auto}, {@code always} or {@code never} (any case), naming the option in the error. */
        public static Mode parse(String text, String option) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(option + " must be auto, always or never, got '" + text + "'");
            }
        }
    }

    /**
     * What {@link #fit} did.
     *
     * @param sketch    the sketch to use
     * @param before    its points before
     * @param tolerance the tolerance used as a share of the larger side, 0 when not simplified
     */
    public record Result(Sketch sketch, int before, double tolerance) {
        public boolean simplified() {
            return tolerance > 0;
        }

        /** "simplified from 527 to 61 points (...)", or null when nothing was done. */
        public String describe() {
            if (!simplified()) {
                return null;
            }
            double times = tolerance / TOLERANCE;
            String how = Math.abs(times - 1) < 1e-9 ? "RDP with tolerance " + TOLERANCE_TEXT + " of its size, as Quick, Draw! data"
                    : String.format(Locale.ROOT, "RDP with tolerance %.0f/255 of its size, %.0f times Quick, Draw!'s, "
                            + "to fit", 2 * times, times);
            return "simplified from " + before + " to " + sketch.size() + " points (" + how + ")";
        }
    }

    private SketchSimplifier() {
    }

    /**
     * Simplifies every stroke with RDP at {@code tolerance} times the sketch's larger side. The sketch keeps its
     * first point (so its position) and an unfinished last stroke stays unfinished.
     */
    public static Sketch simplify(Sketch sketch, double tolerance) {
        if (sketch.size() < 3) {
            return sketch;
        }
        Polylines lines = Polylines.fromSketch(sketch);
        double epsilon = tolerance * lines.bounds().largerSide();
        if (!(epsilon > 0)) {
            return sketch;
        }
        List<double[][]> strokes = new ArrayList<>();
        for (double[][] stroke : lines.strokes()) {
            strokes.add(Rdp.simplify(stroke, epsilon));
        }
        Sketch s = Polylines.of(strokes).toSketch();
        if (!sketch.penLifted(sketch.size() - 1)) {
            float[] flat = s.toFlat();
            flat[flat.length - 1] = 0;
            s = Sketch.ofFlat(flat);
        }
        return s;
    }

    /**
     * The sketch made to fit in {@code maxPoints}: under {@link Mode#AUTO} simplified only when longer, at the
     * usual tolerance, doubled while it still does not fit; under {@link Mode#ALWAYS} simplified at the usual
     * tolerance (then doubled while needed); under {@link Mode#NEVER} left as it is. The result may still be
     * longer than {@code maxPoints}: the caller says so.
     */
    public static Result fit(Sketch sketch, int maxPoints, Mode mode) {
        return fit(sketch, maxPoints, mode, MAX_DOUBLINGS);
    }

    /** As {@link #fit(Sketch, int, Mode)}, doubling the tolerance at most {@code doublings} times. */
    public static Result fit(Sketch sketch, int maxPoints, Mode mode, int doublings) {
        if (mode == Mode.NEVER || (mode == Mode.AUTO && sketch.size() <= maxPoints)) {
            return new Result(sketch, sketch.size(), 0);
        }
        double tolerance = TOLERANCE;
        Sketch s = simplify(sketch, tolerance);
        for (int k = 0; k < doublings && s.size() > maxPoints; k++) {
            tolerance *= 2;
            s = simplify(sketch, tolerance);
        }
        return new Result(s, sketch.size(), tolerance);
    }
}
