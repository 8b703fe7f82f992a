package sketchrnn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A drawing as absolute polylines: a list of strokes, each a list of points {@code (x, y)} drawn
 * with the pen down. This is how Quick, Draw! stores drawings; {@link #toSketch()} and
 * {@link #fromSketch(Sketch)} convert to and from stroke-3 (docs/model.md §1.1). Immutable.
 */
public final class Polylines {
    private final double[][] strokes; // per stroke [x0, y0, x1, y1, ...]

    private Polylines(double[][] strokes) {
        this.strokes = strokes;
    }

    /** Polylines from strokes given as rows {@code {x, y}}; copied. */
    public static Polylines of(List<double[][]> strokes) {
        double[][] flat = new double[strokes.size()][];
        for (int s = 0; s < flat.length; s++) {
            double[][] rows = strokes.get(s);
            flat[s] = new double[rows.length * 2];
            for (int i = 0; i < rows.length; i++) {
                if (rows[i].length != 2) {
                    throw new IllegalArgumentException("stroke " + s + ", point " + i + " has " + rows[i].length
                            + " values, expected 2");
                }
                flat[s][2 * i] = rows[i][0];
                flat[s][2 * i + 1] = rows[i][1];
            }
        }
        return new Polylines(flat);
    }

    /** Polylines from strokes given as coordinate arrays {@code xs[s]}, {@code ys[s]} of equal lengths; copied. */
    public static Polylines ofCoordinates(List<double[]> xs, List<double[]> ys) {
        if (xs.size() != ys.size()) {
            throw new IllegalArgumentException(xs.size() + " x arrays but " + ys.size() + " y arrays");
        }
        double[][] flat = new double[xs.size()][];
        for (int s = 0; s < flat.length; s++) {
            double[] x = xs.get(s);
            double[] y = ys.get(s);
            if (x.length != y.length) {
                throw new IllegalArgumentException("stroke " + s + " has " + x.length + " x but " + y.length + " y");
            }
            flat[s] = new double[x.length * 2];
            for (int i = 0; i < x.length; i++) {
                flat[s][2 * i] = x[i];
                flat[s][2 * i + 1] = y[i];
            }
        }
        return new Polylines(flat);
    }

    /**
     * The absolute polylines of a stroke-3 sketch: offsets are summed from the origin and a new stroke
     * starts after every point whose pen lifts. The last stroke ends at the last point even if its pen
     * value is 0.
     */
    public static Polylines fromSketch(Sketch sketch) {
        List<double[]> out = new ArrayList<>();
        double x = 0;
        double y = 0;
        double[] current = new double[16];
        int n = 0;
        for (int i = 0; i < sketch.size(); i++) {
            x += sketch.dx(i);
            y += sketch.dy(i);
            if (n + 2 > current.length) {
                current = Arrays.copyOf(current, current.length * 2);
            }
            current[n++] = x;
            current[n++] = y;
            if (sketch.penLifted(i) || i == sketch.size() - 1) {
                out.add(Arrays.copyOf(current, n));
                n = 0;
            }
        }
        return new Polylines(out.toArray(new double[0][]));
    }

    /**
     * This drawing in stroke-3: each point becomes its offset from the previous point (the first from
     * the origin), with {@code p = 1} on the last point of each stroke. Strokes without points are
     * dropped (stroke-3 cannot represent them).
     */
    public Sketch toSketch() {
        float[] flat = new float[pointCount() * 3];
        double px = 0;
        double py = 0;
        int k = 0;
        for (double[] stroke : strokes) {
            int n = stroke.length / 2;
            for (int i = 0; i < n; i++) {
                double x = stroke[2 * i];
                double y = stroke[2 * i + 1];
                flat[k++] = (float) (x - px);
                flat[k++] = (float) (y - py);
                flat[k++] = i == n - 1 ? 1f : 0f;
                px = x;
                py = y;
            }
        }
        return Sketch.ofFlat(flat);
    }

    /** Number of strokes. */
    public int strokeCount() {
        return strokes.length;
    }

    /** Number of points of stroke {@code s}. */
    public int size(int s) {
        return strokes[s].length / 2;
    }

    /** Total number of points over all strokes. */
    public int pointCount() {
        int n = 0;
        for (double[] stroke : strokes) {
            n += stroke.length / 2;
        }
        return n;
    }

    /** The x of point {@code i} of stroke {@code s}. */
    public double x(int s, int i) {
        return strokes[s][2 * i];
    }

    /** The y of point {@code i} of stroke {@code s}. */
    public double y(int s, int i) {
        return strokes[s][2 * i + 1];
    }

    /** A copy of stroke {@code s} as rows {@code {x, y}}. */
    public double[][] stroke(int s) {
        double[][] rows = new double[size(s)][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {x(s, i), y(s, i)};
        }
        return rows;
    }

    /** A copy of every stroke as rows {@code {x, y}}. */
    public List<double[][]> strokes() {
        List<double[][]> out = new ArrayList<>(strokes.length);
        for (int s = 0; s < strokes.length; s++) {
            out.add(stroke(s));
        }
        return out;
    }

    /** The bounding box. */
    public Bounds bounds() {
        return Bounds.of(this);
    }

    /** True when every coordinate is a whole number. */
    public boolean isIntegral() {
        for (double[] stroke : strokes) {
            for (double v : stroke) {
                if (v != Math.rint(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polylines p && Arrays.deepEquals(strokes, p.strokes);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(strokes);
    }

    @Override
    public String toString() {
        return "Polylines[" + strokes.length + " strokes, " + pointCount() + " points]";
    }
}
