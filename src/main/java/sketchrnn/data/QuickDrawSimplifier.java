package sketchrnn.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The Quick, Draw! simplification, raw drawing to the "simplified" data set format: align the
 * drawing to the top-left, scale it uniformly so that its larger side is 255, resample every stroke
 * at 1-pixel spacing, simplify every stroke with {@link Rdp} (epsilon 2.0), round to integers.
 *
 * <p>The details below are the ones that reproduce Google's published simplified files most often
 * (measured on the raw/simplified pairs in the shared data):
 * <ul>
 *   <li>scaling computes {@code (x - minX) * 255 / largerSide} in double precision;</li>
 *   <li>resampling walks the whole stroke and emits a point every 1.0 of arc length, the distance
 *       left over at the end of a segment carrying into the next one; the original vertices are not
 *       kept, except the first and the last point of the stroke, which are always kept;</li>
 *   <li>RDP runs on these unrounded points, measures distances to the line (not the segment) and
 *       keeps the first point among equally distant ones;</li>
 *   <li>rounding is half to even, applied only at the end (so two kept points may round to the same
 *       pixel); a one-point stroke becomes two equal points.</li>
 * </ul>
 */
public final class QuickDrawSimplifier {
    /** The larger side of a simplified drawing. */
    public static final double SIDE = 255.0;
    /** The resampling distance. */
    public static final double SPACING = 1.0;
    /** The RDP tolerance. */
    public static final double EPSILON = 2.0;

    /** The most points a resampled stroke may have: 4 million (a Quick, Draw! stroke has a few thousand). */
    static final int MAX_RESAMPLED = 4_000_000;

    private QuickDrawSimplifier() {
    }

    /** Simplifies a raw drawing (any units) into integer coordinates in {@code [0, 255]}. */
    public static Polylines simplify(Polylines raw) {
        // 1. Align to the top-left and find the uniform scale to a larger side of 255.
        Bounds bounds = raw.bounds();
        double side = bounds.largerSide();
        List<double[][]> out = new ArrayList<>(raw.strokeCount());
        for (int s = 0; s < raw.strokeCount(); s++) {
            int n = raw.size(s);
            // 2. Scale every point.
            double[][] points = new double[n][];
            for (int i = 0; i < n; i++) {
                points[i] = new double[] {
                    scale(raw.x(s, i), bounds.minX(), side), scale(raw.y(s, i), bounds.minY(), side)};
            }
            // 3. Resample at 1-pixel spacing, then 4. simplify with RDP.
            double[][] kept = Rdp.simplify(resample(points, SPACING), EPSILON);
            if (kept.length == 1) {
                kept = new double[][] {kept[0], kept[0].clone()};
            }
            // 5. Round half to even.
            for (double[] p : kept) {
                p[0] = Math.rint(p[0]);
                p[1] = Math.rint(p[1]);
            }
            out.add(kept);
        }
        return Polylines.of(out);
    }

    /** Simplifies the strokes of a drawing and drops its timing; the metadata is kept. */
    public static QuickDrawDrawing simplify(QuickDrawDrawing raw) {
        return raw.withStrokes(simplify(raw.strokes()));
    }

    private static double scale(double v, double min, double side) {
        return side == 0 ? 0 : (v - min) * SIDE / side;
    }

    /**
     * Resamples a polyline (rows {@code {x, y}}) at a fixed arc-length spacing: the first point, then
     * a point every {@code spacing} along the line (carried over from segment to segment), then the
     * last point. A one-point polyline is returned as is.
     */
    public static double[][] resample(double[][] points, double spacing) {
        if (points.length < 2) {
            return Rdp.simplify(points, 0); // a copy
        }
        double arc = 0;
        for (int i = 1; i < points.length; i++) {
            arc += Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
        }
        if (!(arc / spacing <= MAX_RESAMPLED)) {
            throw new BadInputException("a stroke " + Math.round(arc) + " px long after scaling to " + (int) SIDE
                    + " px would resample to over " + MAX_RESAMPLED + " points; expected a hand-drawn stroke");
        }
        List<double[]> out = new ArrayList<>();
        out.add(points[0].clone());
        double carried = 0; // arc length walked since the last emitted point
        for (int i = 1; i < points.length; i++) {
            double x1 = points[i - 1][0];
            double y1 = points[i - 1][1];
            double ex = points[i][0] - x1;
            double ey = points[i][1] - y1;
            double length = Math.sqrt(ex * ex + ey * ey);
            double d = spacing - carried;
            double lastEmitted = -1;
            while (d <= length) {
                double f = d / length;
                out.add(new double[] {x1 + f * ex, y1 + f * ey});
                lastEmitted = d;
                d += spacing;
            }
            carried = lastEmitted >= 0 ? length - lastEmitted : carried + length;
        }
        out.add(points[points.length - 1].clone());
        return out.toArray(new double[0][]);
    }
}
