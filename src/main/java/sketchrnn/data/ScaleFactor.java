package sketchrnn.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The normalising scale factor of docs/model.md §3 (step 3), as the reference computes it: {@code np.std} (the
 * population standard deviation) of all {@code dx} and {@code dy} values pooled together. The data are
 * only divided by it, never centred. Dividing offsets by it brings a data set to unit scale;
 * multiplying converts back.
 */
public final class ScaleFactor {
    private ScaleFactor() {
    }

    /** The factor of these sketches; 1 when they have no points or all offsets are equal. */
    public static double of(List<Sketch> sketches) {
        double f = TrainingData.normalizingScaleFactor(sketches);
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
