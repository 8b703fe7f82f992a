package sketchrnn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic synthetic sketches for tests, from a seeded {@link Random}: Quick, Draw!-like lengths
 * (log-normal around 60 points, 10 to 300), strokes of 5-40 points, integer offsets of a few units
 * within a stroke and tens of units between strokes.
 */
final class SyntheticSketches {
    private SyntheticSketches() {
    }

    /** A length from a skewed, Quick, Draw!-like distribution: median 60, long tail, 10..300. */
    static int length(Random rng) {
        int len = (int) Math.round(Math.exp(Math.log(60) + 0.6 * rng.nextGaussian()));
        return Math.max(10, Math.min(300, len));
    }

    /** A sketch of exactly {@code length} points in strokes of 5-40 points (the last may be shorter). */
    static Sketch sketch(Random rng, int length) {
        float[] flat = new float[3 * length];
        int i = 0;
        while (i < length) {
            int stroke = Math.min(length - i, 5 + rng.nextInt(36));
            for (int j = 0; j < stroke; j++, i++) {
                int range = j == 0 ? 60 : 12; // jumps between strokes, short moves along one
                flat[3 * i] = rng.nextInt(2 * range + 1) - range;
                flat[3 * i + 1] = rng.nextInt(2 * range + 1) - range;
                flat[3 * i + 2] = j == stroke - 1 ? 1 : 0;
            }
        }
        return Sketch.ofFlat(flat);
    }

    /** {@code count} sketches of realistic lengths. */
    static List<Sketch> sketches(Random rng, int count) {
        List<Sketch> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(sketch(rng, length(rng)));
        }
        return out;
    }

    /** A data file's three splits of realistic sketches. */
    static SketchSplits splits(String name, long seed, int train, int valid, int test) {
        Random rng = new Random(seed);
        return new SketchSplits(name, sketches(rng, train), sketches(rng, valid), sketches(rng, test));
    }

    /** The absolute pen positions of the points of a sketch, {@code [x0, y0, x1, y1, ...]}. */
    static double[] positions(Sketch s) {
        double[] xy = new double[2 * s.size()];
        double x = 0;
        double y = 0;
        for (int i = 0; i < s.size(); i++) {
            x += s.dx(i);
            y += s.dy(i);
            xy[2 * i] = x;
            xy[2 * i + 1] = y;
        }
        return xy;
    }
}
