package sketchrnn.sample;

import java.util.ArrayList;
import java.util.List;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Sketch;

/** Checks the sketches a user gives a model, and converts them to model units (offsets divided by the scale factor). */
final class SketchInputs {
    /** The fewest points a given sketch may have. */
    static final int MIN_POINTS = 2;

    private SketchInputs() {
    }

    /**
     * The sketch in model units.
     *
     * @param what names the sketch in errors ("the input sketch", "sketch 3")
     * @throws BadInputException when it is empty or has one point, has more points than the model's
     *                           {@code max_seq_len}, or has a non-finite value
     */
    static Sketch toModelUnits(Sketch s, SketchModel model, String what) {
        if (s == null) {
            throw new BadInputException(what + " is missing");
        }
        int max = model.hparams().model().maxSeqLen();
        if (s.size() < MIN_POINTS) {
            throw new BadInputException(what + " has " + (s.size() == 0 ? "no points" : "only one point")
                    + ": a sketch needs at least " + MIN_POINTS + " points");
        }
        if (s.size() > max) {
            throw new BadInputException(what + " has " + s.size() + " points, more than the " + max
                    + " that model " + model.name() + " reads (max_seq_len): simplify or shorten it");
        }
        for (int i = 0; i < s.size(); i++) {
            if (!Float.isFinite(s.dx(i)) || !Float.isFinite(s.dy(i))) {
                throw new BadInputException(what + ": point " + i + " has a non-finite offset");
            }
        }
        float inv = (float) (1.0 / model.scaleFactor());
        return s.scaled(inv, inv);
    }

    /** Every sketch of a list in model units, each named by its index in errors. */
    static List<Sketch> toModelUnits(List<Sketch> sketches, SketchModel model) {
        if (sketches == null || sketches.isEmpty()) {
            throw new BadInputException("no sketches were given");
        }
        List<Sketch> out = new ArrayList<>(sketches.size());
        for (int i = 0; i < sketches.size(); i++) {
            out.add(toModelUnits(sketches.get(i), model, sketches.size() == 1 ? "the sketch" : "sketch " + i));
        }
        return out;
    }

    /** A sampled sketch (flat stroke-3 in model units) in the data's units. */
    static Sketch toDataUnits(float[] flat, double scaleFactor) {
        float f = (float) scaleFactor;
        for (int i = 0; i < flat.length; i += 3) {
            flat[i] *= f;
            flat[i + 1] *= f;
        }
        return Sketch.ofFlat(flat);
    }
}
