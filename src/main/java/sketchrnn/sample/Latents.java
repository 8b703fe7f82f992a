package sketchrnn.sample;

import java.util.ArrayList;
import java.util.List;
import sketchrnn.data.BadInputException;

/**
 * Arithmetic on latent vectors z (the creative operations of docs/model.md §11.3): interpolation, spherical or
 * linear, between two codes; a 2-D sheet between four; analogies by addition and subtraction.
 */
public final class Latents {
    /** Below this angle between two codes (radians), spherical interpolation falls back to linear. */
    private static final double MIN_ANGLE = 1e-6;

    private Latents() {
    }

    /**
     * {@code steps} codes from {@code a} to {@code b}, both included (the first is a copy of {@code a}, the
     * last of {@code b}), evenly spaced in t.
     *
     * @param spherical true: slerp, {@code sin((1-t)Ω)/sin Ω · a + sin(tΩ)/sin Ω · b} with Ω the angle between
     *                  a and b (the paper's choice: Gaussian codes concentrate near a sphere, and slerp stays
     *                  near it); false: {@code (1-t) a + t b}
     * @throws BadInputException when {@code steps < 2} or the vectors differ in size or are not finite
     */
    public static List<float[]> interpolate(float[] a, float[] b, int steps, boolean spherical) {
        check(a, "the first code");
        check(b, "the second code");
        if (a.length != b.length) {
            throw new BadInputException("codes of different sizes: " + a.length + " and " + b.length);
        }
        if (steps < 2) {
            throw new BadInputException("interpolation needs at least 2 steps (both ends), got " + steps);
        }
        List<float[]> out = new ArrayList<>(steps);
        out.add(a.clone());
        for (int i = 1; i < steps - 1; i++) {
            out.add(mix(a, b, (double) i / (steps - 1), spherical));
        }
        out.add(b.clone());
        return out;
    }

    /**
     * The code at {@code t} in [0, 1] between {@code a} and {@code b}: spherical (slerp) or linear. Codes at an
     * angle too small for slerp to be stable, or a zero code, are interpolated linearly.
     */
    public static float[] mix(float[] a, float[] b, double t, boolean spherical) {
        double wa = 1 - t;
        double wb = t;
        if (spherical) {
            double na = norm(a);
            double nb = norm(b);
            if (na > 0 && nb > 0) {
                double dot = 0;
                for (int k = 0; k < a.length; k++) {
                    dot += (double) a[k] * b[k];
                }
                double omega = StrictMath.acos(Math.max(-1, Math.min(1, dot / (na * nb))));
                double so = StrictMath.sin(omega);
                if (omega > MIN_ANGLE && so > MIN_ANGLE) {
                    wa = StrictMath.sin((1 - t) * omega) / so;
                    wb = StrictMath.sin(t * omega) / so;
                }
            }
        }
        float[] out = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = (float) (wa * a[k] + wb * b[k]);
        }
        return out;
    }

    /**
     * A {@code size x size} sheet of codes between four corners, row-major: {@code topLeft} at (0, 0),
     * {@code topRight} at (0, size-1), {@code bottomLeft} at (size-1, 0), {@code bottomRight} at the end.
     * Each column position is first interpolated along the top and bottom edges, then between those two
     * (bilinear when linear). The corners are exact copies.
     *
     * @throws BadInputException when {@code size < 2} or the codes differ in size
     */
    public static List<float[]> sheet(float[] topLeft, float[] topRight, float[] bottomLeft, float[] bottomRight,
                                      int size, boolean spherical) {
        if (size < 2) {
            throw new BadInputException("a grid needs a size of at least 2, got " + size);
        }
        List<float[]> top = interpolate(topLeft, topRight, size, spherical);
        List<float[]> bottom = interpolate(bottomLeft, bottomRight, size, spherical);
        List<float[]> out = new ArrayList<>(size * size);
        List<List<float[]>> columns = new ArrayList<>(size);
        for (int c = 0; c < size; c++) {
            columns.add(interpolate(top.get(c), bottom.get(c), size, spherical));
        }
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                out.add(columns.get(c).get(r));
            }
        }
        return out;
    }

    /** {@code c + b - a}: the code that is to {@code c} what {@code b} is to {@code a}. */
    public static float[] analogy(float[] a, float[] b, float[] c) {
        if (a.length != b.length || b.length != c.length) {
            throw new BadInputException("codes of different sizes: " + a.length + ", " + b.length + ", " + c.length);
        }
        float[] out = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = c[k] + b[k] - a[k];
        }
        return out;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static void check(float[] v, String what) {
        if (v == null || v.length == 0) {
            throw new BadInputException(what + " is empty");
        }
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new BadInputException(what + " has a non-finite value");
            }
        }
    }
}
