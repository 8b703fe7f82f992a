package sketchrnn.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sketchrnn.data.BadInputException;
import sketchrnn.model.SketchRnn;

/** Moves weights between a live {@link SketchRnn} and a {@link Checkpoint}. */
public final class ModelState {
    private ModelState() {
    }

    /** A checkpoint of the model (and optimizer, when given) at a step. */
    public static Checkpoint capture(SketchRnn model, OptimizerState optimizer, long step, double bestValidCost, double scaleFactor,
                                     List<String> data, long seed, Map<String, Double> metrics) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            shapes.put(e.getKey(), e.getValue().getShape().getShape());
            weights.put(e.getKey(), e.getValue().toFloatArray());
        }
        return new Checkpoint(model.hparams(), step, bestValidCost, scaleFactor, data, seed, metrics, shapes, weights,
                optimizer);
    }

    /** A new model with the checkpoint's hyperparameters and weights. */
    public static SketchRnn restore(Checkpoint c) {
        SketchRnn model = SketchRnn.create(c.hparams(), c.seed());
        try {
            loadInto(model, c.shapes(), c.weights(), "checkpoint");
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** Refuses weights whose names or shapes are not exactly the model's. */
    public static void requireSameShapes(Map<String, long[]> want, Map<String, long[]> have, String source) {
        for (Map.Entry<String, long[]> e : want.entrySet()) {
            long[] h = have.get(e.getKey());
            if (h == null || !Arrays.equals(e.getValue(), h)) {
                throw new BadInputException(source + ": parameter " + e.getKey() + " has shape " + Arrays.toString(h)
                        + ", the model expects " + Arrays.toString(e.getValue()));
            }
        }
        for (String k : have.keySet()) {
            if (!want.containsKey(k)) {
                throw new BadInputException(source + ": parameter " + k + " is not part of this model");
            }
        }
    }

    /**
     * Copies named weights into the model; names and shapes must match exactly. The values are converted to
     * the model's precision (a FLOAT64 model holds the float32 values exactly).
     */
    public static void loadInto(SketchRnn model, Map<String, long[]> shapes, Map<String, float[]> weights, String source) {
        Map<String, NDArray> params = model.parameters();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            float[] v = weights.get(e.getKey());
            if (v == null) {
                throw new BadInputException(source + ": no values for parameter " + e.getKey());
            }
            long[] want = e.getValue().getShape().getShape();
            long[] have = shapes.get(e.getKey());
            if (have == null || !Arrays.equals(want, have)) {
                throw new BadInputException(source + ": parameter " + e.getKey() + " has shape "
                        + Arrays.toString(have) + ", the model expects " + Arrays.toString(want));
            }
        }
        for (String k : weights.keySet()) {
            if (!params.containsKey(k)) {
                throw new BadInputException(source + ": parameter " + k + " is not part of this model");
            }
        }
        // Not NDArray.set(values): DJL's native set() takes libtorch's deprecated AutoNonVariableTypeMode guard, whose
        // TORCH_WARN_ONCE printed a warning on stderr at every run. Each parameter takes over the handle of an engine-owned
        // copy of the values instead (intern), and requires gradients again.
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            float[] v = weights.get(e.getKey());
            try (NDManager tmp = p.getManager().newSubManager()) {
                NDArray values;
                try (NDArray javaMemory = tmp.create(v, p.getShape())) {
                    // the engine's own copy: toType(same type, copy=true) would alias the Java memory, which the
                    // garbage collector frees later (DJL's to() copies only when the type changes)
                    values = p.getDataType() == DataType.FLOAT32 ? javaMemory.duplicate()
                            : javaMemory.toType(p.getDataType(), false);
                }
                boolean grad = p.hasGradient() || isRequiresGrad(p);
                p.intern(values);
                if (grad) {
                    p.setRequiresGradient(true);
                }
            }
        }
    }

    private static boolean isRequiresGrad(NDArray p) {
        return sketchrnn.model.Libtorch.requiresGrad(p);
    }
}
