package sketchrnn.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The normalising scale factor of SPEC 2 step 3: the standard deviation of all {@code dx} and
 * {@code dy} values pooled together, without subtracting the mean (the root mean square of the
 * offsets). Dividing offsets by it brings a data set to unit scale; multiplying converts back.
 */
public final class ScaleFactor {
    private ScaleFactor() {
    }

    /** The factor of these sketches; 1 when they have no points or all offsets are zero. */
    public static double of(List<Sketch> sketches) {
        double sum = 0;
        long n = 0;
        for (Sketch s : sketches) {
            for (int i = 0; i < s.size(); i++) {
                double dx = s.dx(i);
                double dy = s.dy(i);
                sum += dx * dx + dy * dy;
                n += 2;
            }
        }
        double f = n == 0 ? 0 : Math.sqrt(sum / n);
        return f > 0 ? f : 1;
    }

    /** The sketches with offsets divided by {@code factor} (pen values unchanged). */
    public static List<Sketch> normalize(List<Sketch> sketches, double factor) {
        float k = (float) (1.0 / factor);
        List<Sketch> out = new ArrayList<>(sketches.size());
        for (Sketch s : sketches) {
            out.add(s.scaled(k, k));
        }
        return out;
    }

    /** One sketch with offsets multiplied by {@code factor}: model units back to data units. */
    public static Sketch denormalize(Sketch sketch, double factor) {
        return sketch.scaled((float) factor, (float) factor);
    }
}
