package sketchrnn.data;

import java.util.Arrays;

/**
 * One sketch in stroke-3 (docs/model.md §1.1): {@code n} points {@code (dx, dy, p)}, offsets from the previous
 * point (the first from the origin), {@code p = 1} when the pen lifts after the point. Immutable; the
 * units are the data's (pixels for Quick, Draw!) unless a caller normalised it.
 */
public final class Sketch {
    private final float[] points; // (n, 3) row-major

    private Sketch(float[] points) {
        this.points = points;
    }

    /** A sketch from an {@code (n, 3)} row-major array {@code [dx0, dy0, p0, dx1, ...]}; copied. */
    public static Sketch ofFlat(float[] flat) {
        if (flat.length % 3 != 0) {
            throw new IllegalArgumentException("stroke-3 data must have 3 values per point, got " + flat.length);
        }
        return new Sketch(flat.clone());
    }

    /** A sketch from rows {@code [dx, dy, p]}; copied. */
    public static Sketch of(float[][] rows) {
        float[] flat = new float[rows.length * 3];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != 3) {
                throw new IllegalArgumentException("point " + i + " has " + rows[i].length + " values, expected 3");
            }
            System.arraycopy(rows[i], 0, flat, 3 * i, 3);
        }
        return new Sketch(flat);
    }

    /** Number of points. */
    public int size() {
        return points.length / 3;
    }

    public float dx(int i) {
        return points[3 * i];
    }

    public float dy(int i) {
        return points[3 * i + 1];
    }

    /** The pen value {@code p} of point {@code i} (1 when the stroke ends after it). */
    public float pen(int i) {
        return points[3 * i + 2];
    }

    /** True when the pen lifts after point {@code i}. */
    public boolean penLifted(int i) {
        return points[3 * i + 2] > 0.5f;
    }

    /** A copy of the {@code (n, 3)} row-major data. */
    public float[] toFlat() {
        return points.clone();
    }

    /** A copy as rows {@code [dx, dy, p]}. */
    public float[][] toRows() {
        float[][] rows = new float[size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(points, 3 * i, 3 * i + 3);
        }
        return rows;
    }

    /** This sketch with offsets multiplied by {@code sx} and {@code sy}. */
    public Sketch scaled(float sx, float sy) {
        float[] out = points.clone();
        for (int i = 0; i < out.length; i += 3) {
            out[i] *= sx;
            out[i + 1] *= sy;
        }
        return new Sketch(out);
    }

    /** The first {@code n} points. */
    public Sketch prefix(int n) {
        return new Sketch(Arrays.copyOf(points, 3 * n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sketch s && Arrays.equals(points, s.points);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(points);
    }

    @Override
    public String toString() {
        return "Sketch[" + size() + " points]";
    }
}
