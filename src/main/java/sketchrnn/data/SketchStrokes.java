package sketchrnn.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A sketch's strokes in absolute coordinates: the offsets summed from the origin, cut where the pen
 * lifts. The last stroke ends at the last point even when its pen value is 0 (an unfinished sample).
 */
public final class SketchStrokes {
    private SketchStrokes() {
    }

    /**
     * One stroke: the absolute positions of points {@code first .. first + size() - 1} of the sketch.
     *
     * @param first index in the sketch of the stroke's first point
     * @param x     absolute x of each point
     * @param y     absolute y of each point
     */
    public record Stroke(int first, double[] x, double[] y) {
        /** Number of points. */
        public int size() {
            return x.length;
        }

        /** Index in the sketch of the stroke's last point. */
        public int last() {
            return first + x.length - 1;
        }
    }

    /** The strokes of {@code sketch}, in drawing order; empty for an empty sketch. */
    public static List<Stroke> of(Sketch sketch) {
        List<Stroke> strokes = new ArrayList<>();
        double x = 0;
        double y = 0;
        int start = 0;
        int n = sketch.size();
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            x += sketch.dx(i);
            y += sketch.dy(i);
            xs[i] = x;
            ys[i] = y;
            if (sketch.penLifted(i) || i == n - 1) {
                strokes.add(new Stroke(start, java.util.Arrays.copyOfRange(xs, start, i + 1),
                        java.util.Arrays.copyOfRange(ys, start, i + 1)));
                start = i + 1;
            }
        }
        return Collections.unmodifiableList(strokes);
    }

    /**
     * The bounding box {@code [minX, minY, maxX, maxY]} of all points in absolute coordinates, or
     * {@code [0, 0, 0, 0]} for an empty sketch.
     */
    public static double[] bounds(Sketch sketch) {
        if (sketch.size() == 0) {
            return new double[4];
        }
        double x = 0;
        double y = 0;
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < sketch.size(); i++) {
            x += sketch.dx(i);
            y += sketch.dy(i);
            b[0] = Math.min(b[0], x);
            b[1] = Math.min(b[1], y);
            b[2] = Math.max(b[2], x);
            b[3] = Math.max(b[3], y);
        }
        return b;
    }
}
